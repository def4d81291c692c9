/// The text a reader sees in a rendered body: tags dropped, block elements (paragraphs,
/// headings, list items, table cells) apart, character references decoded, white space
/// collapsed. Code blocks are kept (they are shown, and readers copy commands from them);
/// scripts, styles and comments (possible with raw HTML) are not shown and left out, nor is
/// what is hidden from assistive technology too (the `#` of heading anchors).
enum SearchPlainText {
    /// Tag names packed into an integer, eight bytes at most (longer names are not listed).
    private static func packed(_ name: String) -> UInt64 { name.utf8.reduce(0) { $0 << 8 | UInt64($1) } }

    private static let blockElements: Set<UInt64> = Set(
        [
            "address", "article", "aside", "dd", "details", "div", "dl", "dt", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
            "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
            "br",
        ].map(packed))
    /// Block elements with names longer than eight bytes.
    private static let longBlockElements = [Array("blockquote".utf8), Array("figcaption".utf8)]
    private static let hiddenElements: Set<UInt64> = Set(["script", "style", "template", "noscript"].map(packed))

    static func text(ofHTML html: [UInt8]) -> String {
        html.withUnsafeBufferPointer { text(of: $0) }
    }

    private static func text(of html: UnsafeBufferPointer<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(html.count / 2)
        var index = 0
        var pendingSpace = false
        /// Whether the pending space is (or includes) a block's edge (a heading and its paragraph),
        /// not only a space the text has: between two Chinese blocks it is not an ASCII space.
        var pendingBlockEdge = false
        while index < html.count {
            let byte = html[index]
            if byte == UInt8(ascii: "<") {
                if index + 3 < html.count, html[index + 1] == UInt8(ascii: "!"), html[index + 2] == UInt8(ascii: "-"),
                    html[index + 3] == UInt8(ascii: "-")
                {
                    index = find(Array("-->".utf8), in: html, from: index + 4).map { $0 + 3 } ?? html.count
                    continue
                }
                if let tag = tag(in: html, at: index) {
                    if tag.isBlock, !text.isEmpty {
                        pendingBlockEdge = true
                        pendingSpace = true
                    }
                    if !tag.closing, tag.isHidden || isAriaHidden(UnsafeBufferPointer(rebasing: html[index..<tag.end])) {
                        index = find(Array("</".utf8) + tag.name, in: html, from: tag.end) ?? html.count
                        continue
                    }
                    index = tag.end
                    continue
                }
            }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if !text.isEmpty { pendingSpace = true }
                index += 1
                continue
            }
            if pendingSpace {
                text += pendingBlockEdge ? blockSeparator(after: text, before: html, at: index) : [0x20]
            }
            pendingSpace = false
            pendingBlockEdge = false
            if byte == UInt8(ascii: "&"), let (decoded, length) = reference(in: html, at: index) {
                text += decoded
                index += length
                continue
            }
            text.append(byte)
            index += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// What stands between two blocks (the search's excerpts show it): a space, but after
    /// Chinese or Japanese punctuation nothing visible (U+200B: 。每年, not 。 每年) and between
    /// two blocks of wide script an ideographic space (关注我们　如需了解), not an ASCII space in
    /// Chinese text. Either still ends a word or a run of Han characters.
    private static func blockSeparator(after text: [UInt8], before html: UnsafeBufferPointer<UInt8>, at index: Int) -> [UInt8] {
        // An ASCII last byte is no wide script: most blocks, without decoding anything.
        guard let lastByte = text.last, lastByte >= 0x80, let last = lastScalar(of: text), CJKText.isWideScript(last) else { return [0x20] }
        if isWidePunctuation(last) { return Array("\u{200B}".utf8) }
        // The rendered HTML is UTF-8, so the bytes at `index` start a whole scalar.
        guard let next = Unicode.Scalar(SearchFolding.scalar(in: html, at: index).value), CJKText.isWideScript(next) else { return [0x20] }
        return Array("\u{3000}".utf8)
    }

    /// Full-width and CJK punctuation: after it a space would only show as a gap.
    private static func isWidePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65: true
        default: false
        }
    }

    private static func lastScalar(of text: [UInt8]) -> Unicode.Scalar? {
        var start = text.count - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= 0 else { return nil }
        return String(decoding: text[start...], as: UTF8.self).unicodeScalars.first
    }

    /// The named references templates and Markdown produce (CharacterReferences' list) and
    /// numeric ones, as UTF-8, with the bytes they take; others stay as written.
    private static let named: [UInt64: [UInt8]] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "sol": "/", "colon": ":", "num": "#",
        "quest": "?", "equals": "=", "percnt": "%",
    ].reduce(into: [:]) { $0[packed($1.key)] = Array($1.value.utf8) }

    private static func reference(in html: UnsafeBufferPointer<UInt8>, at start: Int) -> ([UInt8], Int)? {
        var end = start + 1
        while end < html.count, end - start < 40, html[end] != UInt8(ascii: ";") { end += 1 }
        guard end < html.count, html[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let body = html[(start + 1)..<end]
        if body.first == UInt8(ascii: "#") {
            var digits = body.dropFirst()
            let isHex = digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X")
            if isHex { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= 8 else { return nil }
            var value: UInt32 = 0
            for digit in digits {
                guard let number = Int(String(UnicodeScalar(digit)), radix: isHex ? 16 : 10) else { return nil }
                value = value * (isHex ? 16 : 10) + UInt32(number)
            }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return (Array(String(scalar).utf8), end - start + 1)
        }
        guard body.count <= 8, let decoded = named[body.reduce(0) { $0 << 8 | UInt64($1) }] else { return nil }
        return (decoded, end - start + 1)
    }

    private struct Tag {
        var name: [UInt8]
        var closing: Bool
        var isBlock: Bool
        var isHidden: Bool
        /// The index after its `>`.
        var end: Int
    }

    /// The tag starting at `start` (its name lower-cased); nil when `<` does not start a tag (it is text).
    private static func tag(in html: UnsafeBufferPointer<UInt8>, at start: Int) -> Tag? {
        var index = start + 1
        let closing = index < html.count && html[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let nameStart = index
        var packedName: UInt64 = 0
        while index < html.count, isNameByte(html[index]) {
            packedName = packedName << 8 | UInt64(html[index] | 0x20)
            index += 1
        }
        let length = index - nameStart
        guard length > 0, html[nameStart] | 0x20 >= UInt8(ascii: "a"), html[nameStart] | 0x20 <= UInt8(ascii: "z") else { return nil }
        let name = html[nameStart..<index].map { $0 | 0x20 }
        var quote: UInt8?
        while index < html.count {
            let byte = html[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
        }
        let isBlock = length <= 8 ? blockElements.contains(packedName) : longBlockElements.contains(name)
        let isHidden = length <= 8 && hiddenElements.contains(packedName)
        return Tag(name: name, closing: closing, isBlock: isBlock, isHidden: isHidden, end: index)
    }

    /// Hidden from assistive technology, or a footnote's number or back link (`1`, `↩`), which
    /// would stick to the word before it.
    private static let hiddenMarkers = [Array("aria-hidden=\"true\"".utf8), Array("data-footnote-ref".utf8), Array("data-footnote-backref".utf8)]

    private static func isAriaHidden(_ tag: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most tags have no attribute at all.
        guard tag.count > 18 else { return false }
        return hiddenMarkers.contains { find($0, in: tag, from: 0) != nil }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func find(_ needle: [UInt8], in html: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard needle.count <= html.count else { return nil }
        var index = start
        let first = needle[0]
        while index + needle.count <= html.count {
            if html[index] == first {
                var same = true
                for offset in 1..<needle.count where html[index + offset] != needle[offset] {
                    same = false
                    break
                }
                if same { return index }
            }
            index += 1
        }
        return nil
    }
}
