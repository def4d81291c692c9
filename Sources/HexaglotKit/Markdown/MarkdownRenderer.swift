internal import CCmarkGFM
internal import CCmarkThreads
import Foundation

/// Markdown to HTML through cmark-gfm, the GitHub reference implementation.
///
/// This is the only file that sees the C library. It parses with the GFM extensions, then edits the
/// tree before rendering: links to Markdown files become page URLs, headings get ids and self-links,
/// and soft line breaks between Chinese or Japanese characters disappear (they would render as
/// stray spaces). Raw HTML is omitted unless the site allows it; tagfilter applies either way.
public struct MarkdownRenderer: Sendable {
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    /// Registers the extensions (once, before the first parse), then tells whether documents'
    /// inlines are parsed on several threads at once (tests check it is so here).
    static let parsesInlinesInParallel: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        // One document with every extension, whose characters then stay in cmark-gfm's table.
        hx_cmark_keep_next_inline_characters()
        guard let parser = cmark_parser_new(0) else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntaxExtension) }
        }
        cmark_parser_feed(parser, "~~a~~ www.example.org\n", 22)
        inlinePhase.lock()
        if let document = cmark_parser_finish(parser) { cmark_node_free(document) }
        inlinePhase.unlock()
        return hx_cmark_inline_characters_kept() != 0
    }()

    /// cmark-gfm adds the extensions' trigger characters (`~`, `w`, `:`) to one process-wide table
    /// when a parser starts on a document's inlines and takes them out when it is done, so with
    /// pages parsed on several threads one parser's clean-up switched strikethrough and autolinks
    /// off in the middle of another's parse, and the output depended on timing. Where the
    /// characters are kept in the table for good (CCmarkThreads: Linux), nothing writes to it
    /// any more and every stage of a page's Markdown runs in parallel. Elsewhere the inline phase
    /// (`cmark_parser_finish`) runs one document at a time under this lock, and the time a page
    /// waits for its turn is reported to the caller, so that a time limit counts only its own work.
    private static let inlinePhase = NSLock()

    public init() {
        _ = Self.parsesInlinesInParallel
    }

    public func render(
        _ source: MarkdownSource,
        rewriteLink: (MarkdownLink) -> LinkRewrite,
        imageMarkup: (MarkdownImage) -> ImageMarkup = { _ in .sized(nil) },
        waitingForInlinePhase: (_ waiting: Bool) -> Void = { _ in }
    ) -> (RenderedMarkdown, [Diagnostic]) {
        var options = CMARK_OPT_FOOTNOTES | CMARK_OPT_GITHUB_PRE_LANG
        if source.allowsRawHTML { options |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(options) else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        source.text.utf8.withContiguousStorageIfAvailable { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
            ?? {
                var copy = source.text
                copy.withUTF8 { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
                }
            }()
        let takesTurns = !Self.parsesInlinesInParallel
        if takesTurns {
            waitingForInlinePhase(true)
            Self.inlinePhase.lock()
            waitingForInlinePhase(false)
        }
        let finished = cmark_parser_finish(parser)
        if takesTurns { Self.inlinePhase.unlock() }
        guard let document = finished else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_node_free(document) }

        var editor = TreeEditor(source: source, options: options, extensions: cmark_parser_get_syntax_extensions(parser))
        editor.collect(document)
        var diagnostics = editor.rewriteLinks(rewriteLink)
        editor.removeCJKSoftBreaks()
        let isDirectionNeutral = source.isolatesLeftToRightRuns ? !editor.isolateLeftToRightRuns() : !editor.hasLeftToRightText()
        // Before the images are written (their text nodes go with them); heading ids take a
        // no-break space as they take a space.
        if source.usesFrenchSpacing { editor.useFrenchSpacing() }
        editor.writeImages(imageMarkup)
        let hasVideoCards = source.videoCards.map { editor.writeVideoCards($0) } ?? false
        let headings = editor.anchorHeadings()
        diagnostics.append(contentsOf: editor.problems)

        let html = Self.bytes(from: cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)))
        return (
            RenderedMarkdown(
                htmlBytes: html, headings: headings, plainTextBytes: editor.plainText,
                firstParagraph: editor.firstParagraph, firstImage: editor.firstImage, hasVideoCards: hasVideoCards,
                isDirectionNeutral: isDirectionNeutral), diagnostics
        )
    }

    /// The document's structure as Swift values (`MarkdownDocument`), parsed as `render` parses:
    /// the same extensions, footnotes on; raw HTML is kept in the tree either way.
    public static func parse(_ text: String) -> MarkdownDocument {
        _ = parsesInlinesInParallel
        guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames where name != "tagfilter" {
            if let syntaxExtension = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntaxExtension) }
        }
        var copy = text
        copy.withUTF8 { buffer in buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) } }
        if !parsesInlinesInParallel { inlinePhase.lock() }
        let finished = cmark_parser_finish(parser)
        if !parsesInlinesInParallel { inlinePhase.unlock() }
        guard let document = finished else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_node_free(document) }
        return MarkdownDocument(blocks: children(of: document).map { block(from: $0) })
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func block(from node: OpaquePointer) -> MarkdownBlock {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let typeName = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
        let kind: MarkdownBlock.Kind
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST: kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK: kind = .codeBlock
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: kind = .footnoteDefinition(label: literal)
        default:
            switch typeName {
            case "table": kind = .table
            case "table_header", "table_row": kind = .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
            case "table_cell": kind = .tableCell
            default: kind = .other(typeName)
            }
        }
        let start = MarkdownPosition(line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node)))
        let end = MarkdownPosition(line: Int(cmark_node_get_end_line(node)), byteColumn: Int(cmark_node_get_end_column(node)))
        var result = MarkdownBlock(kind: kind, start: start, end: end, literal: literal)
        if result.holdsInlines {
            result.inlines = children(of: node).map { inline(from: $0) }
        } else {
            result.children = children(of: node).map { block(from: $0) }
        }
        return result
    }

    private static func inline(from node: OpaquePointer) -> MarkdownInline {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let inner = { children(of: node).map { inline(from: $0) } }
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(literal)
        case CMARK_NODE_CODE: return .code(literal)
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_HTML_INLINE: return .html(literal)
        case CMARK_NODE_EMPH: return .emphasis(inner())
        case CMARK_NODE_STRONG: return .strong(inner())
        case CMARK_NODE_LINK: return .link(url: url, title: title, inner())
        case CMARK_NODE_IMAGE: return .image(url: url, title: title, inner())
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference(literal)
        default:
            let typeName = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
            return typeName == "strikethrough" ? .strikethrough(inner()) : .text(literal)
        }
    }

    fileprivate static func bytes(from pointer: UnsafeMutablePointer<CChar>?) -> [UInt8] {
        guard let pointer else { return [] }
        defer { free(pointer) }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: 1) { Array(UnsafeBufferPointer(start: $0, count: strlen(pointer))) }
    }
}

/// Walks one parsed document and edits it in place.
private struct TreeEditor {
    let source: MarkdownSource
    let options: Int32
    let extensions: UnsafeMutablePointer<cmark_llist>?
    var links: [OpaquePointer] = []
    /// Text and inline code nodes, for isolating left-to-right runs in right-to-left pages.
    var texts: [OpaquePointer] = []
    var codes: [OpaquePointer] = []
    var headings: [OpaquePointer] = []
    /// Soft breaks between Chinese or Japanese characters, to remove.
    var softBreaks: [OpaquePointer] = []
    /// Paragraphs holding nothing but one link, and the link: possible video cards.
    var loneLinks: [(paragraph: OpaquePointer, link: OpaquePointer)] = []
    /// UTF-8 bytes, made into one String at the end: a String per text node was ~2% of a build.
    var plainText: [UInt8] = []
    var firstImage: String?
    var firstParagraph = ""
    var problems: [Diagnostic] = []
    /// Where each line starts, made on the first link (to turn cmark's byte columns into
    /// character columns).
    private lazy var lines = LineIndex(Array(source.text.utf8))

    init(source: MarkdownSource, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?) {
        self.source = source
        self.options = options
        self.extensions = extensions
    }

    mutating func collect(_ document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var paragraphDepth = 0
        var firstParagraphDone = false
        var inTitleHeading = false
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if entering { links.append(node) }
            case CMARK_NODE_HEADING:
                if entering {
                    // The title heading the layout shows instead is not part of the text.
                    inTitleHeading = headings.isEmpty && source.dropsTitleHeading && cmark_node_get_heading_level(node) == 1
                    headings.append(node)
                } else {
                    if !inTitleHeading { plainText.append(UInt8(ascii: "\n")) }
                    inTitleHeading = false
                }
            case CMARK_NODE_SOFTBREAK:
                // Between Chinese or Japanese characters a line break is nothing, not a space.
                guard !Self.joinsWideScript(node) else {
                    softBreaks.append(node)
                    continue
                }
                plainText.append(UInt8(ascii: " "))
                if paragraphDepth > 0 && !firstParagraphDone { firstParagraph += " " }
            case CMARK_NODE_LINEBREAK:
                plainText.append(UInt8(ascii: " "))
                if paragraphDepth > 0 && !firstParagraphDone { firstParagraph += " " }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if type == CMARK_NODE_TEXT { texts.append(node) } else { codes.append(node) }
                guard !inTitleHeading else { continue }
                Self.appendLiteral(of: node, to: &plainText)
                if paragraphDepth > 0 && !firstParagraphDone { firstParagraph += Self.literal(of: node) }
            case CMARK_NODE_CODE_BLOCK:
                Self.appendLiteral(of: node, to: &plainText)
                plainText.append(UInt8(ascii: "\n"))
            case CMARK_NODE_PARAGRAPH:
                let isTopLevel = cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT
                if entering {
                    if isTopLevel { paragraphDepth += 1 }
                } else {
                    plainText.append(UInt8(ascii: "\n"))
                    if let link = Self.loneLink(in: node) { loneLinks.append((node, link)) }
                    if isTopLevel {
                        paragraphDepth -= 1
                        if !firstParagraph.isEmpty { firstParagraphDone = true }
                    }
                }
            default:
                break
            }
        }
    }

    mutating func rewriteLinks(_ rewrite: (MarkdownLink) -> LinkRewrite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for node in links {
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let link = MarkdownLink(
                destination: destination, isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                location: location(of: node))
            var final = destination
            switch rewrite(link) {
            case .keep: break
            case .replace(let url):
                cmark_node_set_url(node, url)
                final = url
            case .broken(let message): diagnostics.append(.error(message, at: link.location))
            }
            if link.isImage && firstImage == nil && !final.isEmpty { firstImage = final }
        }
        return diagnostics
    }

    /// A soft break renders as a space, which Chinese and Japanese do not put between words.
    mutating func removeCJKSoftBreaks() {
        for node in softBreaks {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    private static func joinsWideScript(_ softBreak: OpaquePointer) -> Bool {
        guard let before = lastCharacter(before: softBreak), let after = firstCharacter(after: softBreak) else { return false }
        return CJKText.isWideScript(before) && CJKText.isWideScript(after)
    }

    /// Images get their size (no jump while the page loads) and, for photos, their variants in a
    /// `<picture>`; all but the first load lazily. cmark renders each `<img>` (its URL checks and
    /// escaping stay its own); the attributes go into that HTML.
    mutating func writeImages(_ markup: (MarkdownImage) -> ImageMarkup) {
        var isFirst = true
        for node in links where cmark_node_get_type(node) == CMARK_NODE_IMAGE {
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let first = isFirst
            isFirst = false
            let image = markup(MarkdownImage(url: url, alt: Self.text(of: node), location: location(of: node), isFirst: first))
            if let src = image.src { cmark_node_set_url(node, src) }
            // As bytes, handed to cmark as they are: a photo's `<picture>` is a kilobyte and a
            // half, and joining it as strings copied it four times.
            let img = MarkdownRenderer.bytes(from: cmark_render_html(node, options, extensions))
            guard img.starts(with: "<img ".utf8), img.count >= 8, img[(img.count - 3)...].elementsEqual(" />".utf8) else { continue }
            var html: [UInt8] = []
            html.reserveCapacity(img.count + 2_048)
            if !image.sources.isEmpty {
                html += "<picture>".utf8
                html.append(utf8Of: image.sourcesHTML)
            }
            html += img[..<(img.count - 3)]
            html.append(utf8Of: image.attributesHTML)
            html += (first ? " loading=\"eager\" decoding=\"async\" />" : " loading=\"lazy\" decoding=\"async\" />").utf8
            if !image.sources.isEmpty { html += "</picture>".utf8 }
            html.append(0)
            guard let replacement = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            html.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_enter(replacement, $0.baseAddress) }
            }
            cmark_node_insert_before(node, replacement)
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// A video link alone in its paragraph becomes a card: a plain link to the video with its
    /// title and "Watch on YouTube", and the poster when the link holds an image (processed as
    /// every photo is). No player, no request to the platform until the reader follows the link.
    /// Returns whether it wrote any.
    @discardableResult
    mutating func writeVideoCards(_ words: VideoCardText) -> Bool {
        var wrote = false
        for (paragraph, link) in loneLinks {
            guard let written = cmark_node_get_url(link).map({ String(cString: $0) }), let video = VideoLink(written) else { continue }
            let text = Self.text(of: link).trimmingCharacters(in: .whitespacesAndNewlines)
            let title = text.isEmpty || text == written ? words.pageTitle : text
            guard let card = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            guard let poster = cmark_node_new(CMARK_NODE_CUSTOM_INLINE), cmark_node_append_child(card, poster) == 1 else {
                cmark_node_free(card)
                continue
            }
            // The tags go on the inline node, as a heading's do: a block's own tags get line breaks.
            cmark_node_set_on_enter(
                poster, "<figure class=\"video-card\"><a class=\"video-card-link\" href=\"\(HTMLEscaping.attribute(video.url))\">")
            cmark_node_set_on_exit(
                poster,
                "<bdi class=\"video-card-title\">\(HTMLEscaping.attribute(TextHygiene.balancingBidiControls(title)))</bdi> "
                    + "<span class=\"video-card-action\">\(HTMLEscaping.attribute(words.watchLabel(for: video.platform)))</span></a></figure>")
            // The link's images are already `<picture>` markup (custom inlines); its text is the title.
            var child = cmark_node_first_child(link)
            while let current = child {
                child = cmark_node_next(current)
                let html = cmark_node_get_on_enter(current).map { String(cString: $0) } ?? ""
                if cmark_node_get_type(current) == CMARK_NODE_CUSTOM_INLINE, html.hasPrefix("<picture") || html.hasPrefix("<img") {
                    cmark_node_append_child(poster, current)
                }
            }
            cmark_node_insert_before(paragraph, card)
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
            wrote = true
        }
        return wrote
    }

    /// The paragraph's one link, when it holds nothing else (the autolink extension leaves an
    /// empty text node beside a bare URL).
    private static func loneLink(in paragraph: OpaquePointer) -> OpaquePointer? {
        var link: OpaquePointer?
        var child = cmark_node_first_child(paragraph)
        // The kinds first: most paragraphs have no link, and their text is not looked at.
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_LINK where link == nil: link = current
            case CMARK_NODE_TEXT: break
            default: return nil
            }
            child = cmark_node_next(current)
        }
        guard link != nil else { return nil }
        child = cmark_node_first_child(paragraph)
        while let current = child {
            if cmark_node_get_type(current) == CMARK_NODE_TEXT, !isBlank(current) { return nil }
            child = cmark_node_next(current)
        }
        return link
    }

    /// Whether a text node holds only white space, read from its bytes unless it has non-ASCII.
    private static func isBlank(_ text: OpaquePointer) -> Bool {
        guard let literal = cmark_node_get_literal(text) else { return true }
        var byte = literal
        while byte.pointee != 0 {
            switch UInt8(bitPattern: byte.pointee) {
            case 0x09...0x0D, 0x20: byte += 1
            case 0x80...: return String(cString: literal).allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        return true
    }

    /// In right-to-left text, a Latin name or code followed by punctuation is laid out with the
    /// punctuation on the wrong side unless the run is isolated: wrap each in `<bdi>`.
    /// Returns whether it isolated anything.
    @discardableResult
    mutating func isolateLeftToRightRuns() -> Bool {
        var isolated = !codes.isEmpty
        for node in codes { wrapInIsolate(node) }
        for node in texts where !Self.isInsideImage(node) {
            guard let literal = cmark_node_get_literal(node) else { continue }
            // The runs are found in the literal's bytes: most text nodes have none, and need no String.
            let bytes = literal.withMemoryRebound(to: UInt8.self, capacity: 1) { UnsafeBufferPointer(start: $0, count: strlen(literal)) }
            let runs = BidiRuns.leftToRightRuns(inUTF8: bytes)
            guard !runs.isEmpty else { continue }
            isolated = true
            let text = Array(bytes)
            let piece = { (range: Range<Int>) in String(decoding: text[range], as: UTF8.self) }
            var cursor = 0
            for run in runs {
                if cursor < run.lowerBound { insertText(piece(cursor..<run.lowerBound), before: node) }
                guard let isolate = cmark_node_new(CMARK_NODE_CUSTOM_INLINE),
                    let inner = cmark_node_new(CMARK_NODE_TEXT)
                else { continue }
                cmark_node_set_on_enter(isolate, "<bdi>")
                cmark_node_set_on_exit(isolate, "</bdi>")
                cmark_node_set_literal(inner, piece(run))
                cmark_node_append_child(isolate, inner)
                cmark_node_insert_before(node, isolate)
                cursor = run.upperBound
            }
            if cursor < text.count {
                insertText(piece(cursor..<text.count), before: node)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        return isolated
    }

    /// French spacing in every text node outside code (`FrenchSpacing`); an image's description
    /// (its `alt`) too.
    mutating func useFrenchSpacing() {
        for node in texts {
            guard let literal = cmark_node_get_literal(node) else { continue }
            // Most text nodes have none of the marks: they are told from their bytes, not a String.
            let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
            guard bytes.contains(where: { $0 == 0x3A || $0 == 0x3B || $0 == 0x21 || $0 == 0x3F || $0 == 0xC2 }) else { continue }
            let text = String(cString: literal)
            let spaced = FrenchSpacing.apply(text)
            if spaced != text { cmark_node_set_literal(node, spaced) }
        }
    }

    /// Whether `isolateLeftToRightRuns` would isolate anything: a body without left-to-right
    /// text (a photo alone, an empty body) reads the same on a right-to-left page. Stops at the
    /// first such text, the first of nearly every page.
    func hasLeftToRightText() -> Bool {
        guard codes.isEmpty else { return true }
        for node in texts where !Self.isInsideImage(node) {
            guard let literal = cmark_node_get_literal(node) else { continue }
            let bytes = literal.withMemoryRebound(to: UInt8.self, capacity: 1) { UnsafeBufferPointer(start: $0, count: strlen(literal)) }
            if !BidiRuns.leftToRightRuns(inUTF8: bytes).isEmpty { return true }
        }
        return false
    }

    /// Image descriptions become `alt` text: no markup may go there.
    private static func isInsideImage(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            if cmark_node_get_type(current) == CMARK_NODE_IMAGE { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }

    private func insertText(_ text: String, before node: OpaquePointer) {
        guard let textNode = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_literal(textNode, text)
        cmark_node_insert_before(node, textNode)
    }

    private func wrapInIsolate(_ node: OpaquePointer) {
        guard let isolate = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(isolate, "<bdi>")
        cmark_node_set_on_exit(isolate, "</bdi>")
        cmark_node_insert_before(node, isolate)
        cmark_node_unlink(node)
        cmark_node_append_child(isolate, node)
    }

    /// Gives each heading a GitHub-style id and a self-link, and drops the title heading if asked.
    mutating func anchorHeadings() -> [Heading] {
        var slugger = HeadingSlugger(expectedCount: headings.count)
        var result: [Heading] = []
        result.reserveCapacity(headings.count)
        for (index, node) in headings.enumerated() {
            let level = Int(cmark_node_get_heading_level(node))
            if index == 0 && level == 1 && source.dropsTitleHeading {
                cmark_node_unlink(node)
                cmark_node_free(node)
                continue
            }
            let text = Self.text(of: node)
            let id = slugger.slug(for: text)
            // The heading becomes a custom block holding one custom inline that writes the tags
            // around the heading's own inline nodes, so they render with the rest of the page
            // (rendering each heading on its own and cutting its tags off cost more).
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            guard let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_INLINE), cmark_node_append_child(block, wrapper) == 1 else {
                cmark_node_free(block)
                continue
            }
            cmark_node_set_on_enter(wrapper, "<h\(level) id=\"\(HTMLEscaping.attribute(id))\">")
            cmark_node_set_on_exit(
                wrapper, " <a class=\"heading-anchor\" href=\"#\(URLPath.encodeFragment(id))\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h\(level)>"
            )
            while let child = cmark_node_first_child(node), cmark_node_append_child(wrapper, child) == 1 {}
            cmark_node_insert_before(node, block)
            cmark_node_unlink(node)
            cmark_node_free(node)
            result.append(Heading(level: level, text: text, id: id))
        }
        return result
    }

    private mutating func location(of node: OpaquePointer) -> SourceLocation {
        var current: OpaquePointer? = node
        var line = Int(cmark_node_get_start_line(node))
        var byteColumn = Int(cmark_node_get_start_column(node))
        // Inline nodes of some versions carry no position: use the nearest block's.
        while line == 0, let parent = current.flatMap({ cmark_node_parent($0) }) {
            current = parent
            line = Int(cmark_node_get_start_line(parent))
            byteColumn = Int(cmark_node_get_start_column(parent))
        }
        // cmark counts bytes; editors count characters.
        let column = lines.column(line: line, byteColumn: byteColumn)
        return SourceLocation(file: source.file, line: max(line, 1) + source.lineOffset, column: column)
    }

    private static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func appendLiteral(of node: OpaquePointer, to bytes: inout [UInt8]) {
        guard let literal = cmark_node_get_literal(node) else { return }
        literal.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: strlen(literal)))
        }
    }

    /// The text of a node without markup (gathered as bytes: a String per literal, appended
    /// one to another, was a third of naming a heading).
    private static func text(of node: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        appendText(of: node, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendText(of node: OpaquePointer, to bytes: inout [UInt8]) {
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: appendLiteral(of: current, to: &bytes)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: bytes.append(UInt8(ascii: " "))
            default: appendText(of: current, to: &bytes)
            }
            child = cmark_node_next(current)
        }
    }

    private static func lastCharacter(before node: OpaquePointer) -> Unicode.Scalar? {
        var candidate = cmark_node_previous(node)
        while let current = candidate {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: return literal(of: current).unicodeScalars.last
            default: candidate = cmark_node_last_child(current)
            }
        }
        return nil
    }

    private static func firstCharacter(after node: OpaquePointer) -> Unicode.Scalar? {
        var candidate = cmark_node_next(node)
        while let current = candidate {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: return literal(of: current).unicodeScalars.first
            default: candidate = cmark_node_first_child(current)
            }
        }
        return nil
    }
}
