/// A start tag, end tag or run of text found in an HTML or XML file.
struct MarkupToken {
    enum Kind {
        case startTag
        case endTag
        case text
    }

    var kind: Kind
    /// Lowercased tag name (`a`, `xhtml:link`); empty for text.
    var name = ""
    /// Attribute names lowercased, values with character references decoded, in document order.
    var attributes: [(name: String, value: String)] = []
    /// Decoded text, for `.text` tokens.
    var text = ""
    /// 1-based line of the token's first character.
    var line: Int

    /// The first attribute of that name, as browsers use it.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// A small, forgiving tokenizer for the HTML and XML Hexaglot publishes (and whatever raw HTML
/// or theme markup ends up beside it). It finds tags and their attributes the way browsers do
/// for well-formed input, and never fails on malformed input: comments, doctypes, processing
/// instructions and the contents of `<script>`, `<style>`, `<textarea>` and `<title>` are not
/// markup and are skipped, so a URL in a script or comment is not taken for a link.
struct MarkupTokenizer {
    /// Elements whose content is text, not tags, in HTML.
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    private let bytes: [UInt8]
    private let lines: LineIndex
    /// XML files (feeds, sitemap) need their text (`<loc>…</loc>`); HTML pages do not.
    private let keepsText: Bool
    /// In XML, `<title>` and `<script>` are ordinary elements.
    private let isHTML: Bool

    init(_ text: String, html: Bool = true, keepsText: Bool = false) {
        bytes = Array(text.utf8)
        lines = LineIndex(bytes)
        self.keepsText = keepsText
        isHTML = html
    }

    func tokens() -> [MarkupToken] {
        var tokens: [MarkupToken] = []
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                let start = index
                while index < count && bytes[index] != UInt8(ascii: "<") { index += 1 }
                appendText(start..<index, to: &tokens)
                continue
            }
            if hasPrefix("<!--", at: index) {
                index = end(of: "-->", from: index + 4)
            } else if hasPrefix("<![CDATA[", at: index) {
                let close = find("]]>", from: index + 9) ?? count
                if keepsText { tokens.append(MarkupToken(kind: .text, text: string(index + 9..<close), line: line(at: index))) }
                index = min(close + 3, count)
            } else if index + 1 < count, bytes[index + 1] == UInt8(ascii: "!") || bytes[index + 1] == UInt8(ascii: "?") {
                index = end(of: ">", from: index + 2)
            } else if index + 2 < count, bytes[index + 1] == UInt8(ascii: "/"), Self.isLetter(bytes[index + 2]) {
                var token = MarkupToken(kind: .endTag, line: line(at: index))
                index += 2
                token.name = readName(&index)
                index = end(of: ">", from: index)
                tokens.append(token)
            } else if index + 1 < count, Self.isLetter(bytes[index + 1]) {
                let token = readStartTag(&index)
                tokens.append(token)
                if isHTML && Self.rawTextElements.contains(token.name) { index = skipRawText(of: token.name, from: index) }
            } else {
                // A `<` that starts no tag is text.
                let start = index
                index += 1
                while index < count && bytes[index] != UInt8(ascii: "<") { index += 1 }
                appendText(start..<index, to: &tokens)
            }
        }
        return tokens
    }

    // MARK: Tags

    private func readStartTag(_ index: inout Int) -> MarkupToken {
        var token = MarkupToken(kind: .startTag, line: line(at: index))
        index += 1
        token.name = readName(&index)
        let count = bytes.count
        while index < count {
            while index < count && (Self.isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/")) { index += 1 }
            guard index < count, bytes[index] != UInt8(ascii: ">") else { break }
            let nameStart = index
            // A leading `=` belongs to the name, as in browsers.
            index += 1
            while index < count && !Self.endsAttributeName(bytes[index]) { index += 1 }
            let name = string(nameStart..<index).lowercased()
            while index < count && Self.isSpace(bytes[index]) { index += 1 }
            var value = ""
            if index < count && bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < count && Self.isSpace(bytes[index]) { index += 1 }
                if index < count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    let start = index + 1
                    index = start
                    while index < count && bytes[index] != quote { index += 1 }
                    value = CharacterReferences.decode(string(start..<index))
                    if index < count { index += 1 }
                } else {
                    let start = index
                    while index < count && !Self.isSpace(bytes[index]) && bytes[index] != UInt8(ascii: ">") { index += 1 }
                    value = CharacterReferences.decode(string(start..<index))
                }
            }
            token.attributes.append((name, value))
        }
        if index < count { index += 1 }
        return token
    }

    private func readName(_ index: inout Int) -> String {
        let start = index
        while index < bytes.count && !Self.isSpace(bytes[index]) && bytes[index] != UInt8(ascii: "/")
            && bytes[index] != UInt8(ascii: ">")
        { index += 1 }
        return string(start..<index).lowercased()
    }

    /// The position of `</name` that ends a raw text element (or the end of the file).
    private func skipRawText(of name: String, from start: Int) -> Int {
        let closing = Array("</\(name)".utf8)
        var index = start
        while let found = find(closing, from: index, caseInsensitive: true) {
            let after = found + closing.count
            if after >= bytes.count || Self.isSpace(bytes[after]) || bytes[after] == UInt8(ascii: ">")
                || bytes[after] == UInt8(ascii: "/")
            {
                return found
            }
            index = after
        }
        return bytes.count
    }

    // MARK: Helpers

    private func appendText(_ range: Range<Int>, to tokens: inout [MarkupToken]) {
        guard keepsText, !range.isEmpty else { return }
        tokens.append(MarkupToken(kind: .text, text: CharacterReferences.decode(string(range)), line: line(at: range.lowerBound)))
    }

    private func line(at offset: Int) -> Int { lines.line(at: offset) }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func hasPrefix(_ prefix: String, at index: Int) -> Bool {
        let pattern = Array(prefix.utf8)
        return index + pattern.count <= bytes.count && bytes[index..<index + pattern.count].elementsEqual(pattern)
    }

    private func find(_ text: String, from start: Int) -> Int? {
        find(Array(text.utf8), from: start, caseInsensitive: false)
    }

    private func find(_ pattern: [UInt8], from start: Int, caseInsensitive: Bool) -> Int? {
        guard let first = pattern.first, start + pattern.count <= bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == first,
                (1..<pattern.count).allSatisfy({ offset in
                    let byte = bytes[index + offset]
                    return byte == pattern[offset] || (caseInsensitive && Self.lowercased(byte) == pattern[offset])
                })
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Just past the next `terminator`, or the end of the file.
    private func end(of terminator: String, from start: Int) -> Int {
        guard let found = find(terminator, from: start) else { return bytes.count }
        return found + terminator.utf8.count
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func endsAttributeName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }
}
