/// The text a reader sees in a rendered body: tags dropped, block elements (paragraphs,
/// headings, list items, table cells) apart, character references decoded, white space
/// collapsed. Code blocks are kept (they are shown, and readers copy commands from them);
/// scripts, styles and comments (possible with raw HTML) are not shown and left out, nor is
/// what is hidden from assistive technology too (the `#` of heading anchors).
enum SearchPlainText {
    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "td", "th", "tr", "ul",
    ]
    private static let hiddenElements: Set<String> = ["script", "style", "template", "noscript"]

    static func text(ofHTML html: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(html.count)
        var index = 0
        var pendingSpace = false
        func space() { if !text.isEmpty { pendingSpace = true } }
        while index < html.count {
            let byte = html[index]
            if byte == UInt8(ascii: "<") {
                if html[index...].starts(with: Array("<!--".utf8)) {
                    index = find(Array("-->".utf8), in: html, from: index + 4).map { $0 + 3 } ?? html.count
                    continue
                }
                let (name, closing, end) = tag(in: html, at: index)
                if let name {
                    if blockElements.contains(name) { space() }
                    if !closing, hiddenElements.contains(name) || isAriaHidden(html[index..<end]) {
                        index = find(Array("</\(name)".utf8), in: html, from: end) ?? html.count
                        continue
                    }
                    index = end
                    continue
                }
            }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                space()
            } else {
                if pendingSpace { text.append(0x20) }
                pendingSpace = false
                text.append(byte)
            }
            index += 1
        }
        let string = String(decoding: text, as: UTF8.self)
        // (CharacterReferences looks for `&` through Foundation: costly on every page's text.)
        return text.contains(UInt8(ascii: "&")) ? CharacterReferences.decode(string) : string
    }

    /// The lower-cased name of the tag starting at `start`, whether it closes, and the index
    /// after its `>`; no name when `<` does not start a tag (it is text).
    private static func tag(in html: [UInt8], at start: Int) -> (String?, Bool, Int) {
        var index = start + 1
        let closing = index < html.count && html[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        var name: [UInt8] = []
        while index < html.count, isNameByte(html[index]) {
            name.append(html[index] | 0x20)
            index += 1
        }
        guard !name.isEmpty, name[0] >= UInt8(ascii: "a"), name[0] <= UInt8(ascii: "z") else { return (nil, false, start) }
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
        return (String(decoding: name, as: UTF8.self), closing, index)
    }

    /// Hidden from assistive technology, or a footnote's number or back link (`1`, `↩`), which
    /// would stick to the word before it.
    private static let hiddenMarkers = [Array("aria-hidden=\"true\"".utf8), Array("data-footnote-ref".utf8), Array("data-footnote-backref".utf8)]

    private static func isAriaHidden(_ tag: ArraySlice<UInt8>) -> Bool {
        hiddenMarkers.contains { marker in
            guard tag.count > marker.count else { return false }
            var index = tag.startIndex
            while index + marker.count <= tag.endIndex {
                if tag[index..<index + marker.count].elementsEqual(marker) { return true }
                index += 1
            }
            return false
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func find(_ needle: [UInt8], in html: [UInt8], from start: Int) -> Int? {
        guard needle.count <= html.count else { return nil }
        var index = start
        while index + needle.count <= html.count {
            if html[index] == needle[0], html[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
