/// The translation units of one page: its translatable front matter fields, then each block
/// that holds text (headings, paragraphs, list items' and quotes' paragraphs, table cells,
/// footnote texts), each image's description and each link's title. Code blocks, HTML blocks
/// and thematic breaks hold nothing to translate and are left out.
public struct PageUnits: Sendable {
    /// Every unit, also blocks with no words (only code or an image): they are not exported, but
    /// import writes them back with their images' translated descriptions.
    public var allUnits: [TranslationUnit]
    /// The units a translator sees.
    public var units: [TranslationUnit] { allUnits.filter(\.hasWords) }

    /// `fields` are the translatable front matter fields that the page has, in written order.
    public init(fields: [(key: String, value: String)], body: String) {
        var collector = UnitCollector()
        for field in fields where !field.value.isEmpty {
            collector.add(
                resname: field.key, note: "front matter field '\(field.key)'", source: [.text(field.value)], place: .field(field.key),
                tags: [:])
        }
        collector.walk(MarkdownRenderer.parse(body).blocks)
        allUnits = collector.units
    }

    public subscript(id: String) -> TranslationUnit? { allUnits.first { $0.id == id } }

    /// The fields a translator translates: `title`, `summary`, then those site.yaml lists
    /// (`translation.fields`), each when the page has it as text.
    public static func translatableFields(of matter: FrontMatter, listed: [String]) -> [(key: String, value: String)] {
        var fields = [("title", matter.title), ("summary", matter.summary)].compactMap { key, value in value.map { (key: key, value: $0) } }
        for name in listed {
            guard let entry = matter.params.first(where: { $0.key == name }), entry.value.resolved != .null,
                let text = entry.value.scalarText
            else { continue }
            fields.append((name, text))
        }
        return fields
    }
}

private struct UnitCollector {
    var units: [TranslationUnit] = []
    var idCounts: [String: Int] = [:]
    var currentHeading: String?

    mutating func add(resname: String, note: String, source: [SegmentPiece], place: UnitPlace, tags: [Int: MarkdownInline]) {
        let base = resname.prefix(1) + "-" + String(SHA256.hexDigest(resname + "\n" + Self.canonical(source, tags)).prefix(10))
        let count = idCounts[base, default: 0] + 1
        idCounts[base] = count
        let id = count == 1 ? base : "\(base)-\(count)"
        units.append(TranslationUnit(id: id, resname: resname, note: note, source: source, place: place, tags: tags))
    }

    var underHeading: String { currentHeading.map { ", under the heading '\($0)'" } ?? "" }

    mutating func walk(_ blocks: [MarkdownBlock], container: String? = nil) {
        for block in blocks {
            switch block.kind {
            case .heading(let level):
                let text = MarkdownInline.plainText(block.inlines)
                addBlock(
                    block.inlines, resname: "heading", note: "heading, level \(level)\(underHeading)",
                    place: .heading(start: block.start, endLine: block.end.line, level: level))
                currentHeading = text
            case .paragraph:
                addBlock(
                    block.inlines, resname: "paragraph", note: "paragraph\(container.map { " in \($0)" } ?? "")\(underHeading)",
                    place: .paragraph(start: block.start, endLine: block.end.line))
            case .table:
                for (rowIndex, row) in block.children.enumerated() {
                    for (index, cell) in row.children.enumerated() {
                        let position = rowIndex == 0 ? "header cell \(index + 1)" : "row \(rowIndex), cell \(index + 1)"
                        addBlock(
                            cell.inlines, resname: "table-cell", note: "table \(position)\(underHeading)",
                            place: .tableCell(row: row.start, index: index, count: row.children.count))
                    }
                }
            case .blockQuote: walk(block.children, container: "a quotation")
            case .item: walk(block.children, container: "a list item")
            case .footnoteDefinition(let label): walk(block.children, container: "footnote \(label)")
            case .list, .other: walk(block.children, container: container)
            case .codeBlock, .htmlBlock, .thematicBreak, .tableRow, .tableCell: break
            }
        }
    }

    mutating func addBlock(_ inlines: [MarkdownInline], resname: String, note: String, place: UnitPlace) {
        var builder = SegmentBuilder()
        let pieces = builder.pieces(MarkdownInline.normalized(inlines))
        add(resname: resname, note: note, source: pieces, place: place, tags: builder.tags)
        // An image's description and a link's title are units of their own, pointing at the block's.
        let parentID = units[units.count - 1].id
        for tag in builder.tags.keys.sorted() {
            switch builder.tags[tag]! {
            case .image(_, let title, let description):
                let alt = MarkdownInline.plainText(description)
                if SegmentPiece.hasWords([.text(alt)]) {
                    add(
                        resname: "alt", note: "description of an image (its alt text)\(underHeading)", source: [.text(alt)],
                        place: .imageDescription(unit: parentID, tag: tag), tags: [:])
                }
                if SegmentPiece.hasWords([.text(title)]) {
                    add(
                        resname: "link-title", note: "title of an image\(underHeading)", source: [.text(title)],
                        place: .linkTitle(unit: parentID, tag: tag), tags: [:])
                }
            case .link(_, let title, _) where SegmentPiece.hasWords([.text(title)]):
                add(
                    resname: "link-title", note: "title of a link\(underHeading)", source: [.text(title)],
                    place: .linkTitle(unit: parentID, tag: tag), tags: [:])
            default: break
            }
        }
    }

    /// The unit's source with its tags spelled out, for its id: a change of markup is a change.
    static func canonical(_ pieces: [SegmentPiece], _ tags: [Int: MarkdownInline]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .placeholder(let id): return "<x\(id) \(String(describing: tags[id]))/>"
            case .paired(let id, let children): return "<g\(id) \(String(describing: tags[id]))>\(canonical(children, tags))</g\(id)>"
            }
        }.joined()
    }
}

/// Turns inline Markdown into segment pieces, numbering the tags.
struct SegmentBuilder {
    var tags: [Int: MarkdownInline] = [:]
    private var nextID = 1

    mutating func pieces(_ inlines: [MarkdownInline]) -> [SegmentPiece] {
        var result: [SegmentPiece] = []
        for (index, inline) in inlines.enumerated() {
            switch inline {
            case .text(let text): result.append(.text(text))
            case .softBreak:
                // A line break inside a paragraph is a space, except between Chinese or Japanese characters.
                let before = index > 0 ? MarkdownInline.plainText([inlines[index - 1]]).unicodeScalars.last : nil
                let after = index + 1 < inlines.count ? MarkdownInline.plainText([inlines[index + 1]]).unicodeScalars.first : nil
                if let before, let after, CJKText.isWideScript(before), CJKText.isWideScript(after) { continue }
                result.append(.text(" "))
            case .emphasis(let children): result.append(paired(.emphasis([]), children))
            case .strong(let children): result.append(paired(.strong([]), children))
            case .strikethrough(let children): result.append(paired(.strikethrough([]), children))
            case .link(let url, let title, let children):
                if Self.isAutolink(url: url, children: children) {
                    result.append(placeholder(inline))
                } else {
                    result.append(paired(.link(url: url, title: title, []), children))
                }
            case .code, .lineBreak, .html, .image, .footnoteReference: result.append(placeholder(inline))
            }
        }
        return Self.merged(result)
    }

    private mutating func paired(_ tag: MarkdownInline, _ children: [MarkdownInline]) -> SegmentPiece {
        let id = nextID
        nextID += 1
        tags[id] = tag
        return .paired(id: id, pieces(children))
    }

    private mutating func placeholder(_ inline: MarkdownInline) -> SegmentPiece {
        let id = nextID
        nextID += 1
        tags[id] = inline
        return .placeholder(id: id)
    }

    /// `<https://example.org>` and GFM's bare `www.example.org`: the text is the address, so
    /// there is nothing to translate and the link stays whole.
    static func isAutolink(url: String, children: [MarkdownInline]) -> Bool {
        guard children.count == 1, case .text(let text) = children[0] else { return false }
        return url == text || url == "mailto:" + text || url == "http://" + text
    }

    private static func merged(_ pieces: [SegmentPiece]) -> [SegmentPiece] {
        var result: [SegmentPiece] = []
        for piece in pieces {
            if case .text(let next) = piece, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else {
                result.append(piece)
            }
        }
        return result
    }
}
