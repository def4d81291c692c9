import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree read with Foundation's XMLParser (libxml2), each element with the line
/// and column of its `<`. External entities are never resolved.
final class XMLElementNode {
    enum Child {
        case text(String)
        case element(XMLElementNode)
    }

    let name: String
    let attributes: [String: String]
    let line: Int, column: Int
    /// Where each attribute's name is written, by its name as written (`hx:source-hash`).
    var attributePlaces: [String: (line: Int, column: Int)] = [:]
    var children: [Child] = []

    init(name: String, attributes: [String: String], line: Int, column: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
        self.column = column
    }

    /// The line and column of an attribute (by local name), else of the element.
    func place(ofAttribute localName: String) -> (line: Int, column: Int) {
        attributePlaces[localName] ?? attributePlaces.first { $0.key.split(separator: ":").last.map(String.init) == localName }?.value
            ?? (line, column)
    }

    /// The name without its namespace prefix (`hx:source-hash` → `source-hash`).
    var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

    func attribute(_ localName: String) -> String? {
        attributes[localName] ?? attributes.first { $0.key.split(separator: ":").last.map(String.init) == localName }?.value
    }

    var elements: [XMLElementNode] {
        children.compactMap {
            if case .element(let element) = $0 { return element }
            return nil
        }
    }

    func first(_ localName: String) -> XMLElementNode? { elements.first { $0.localName == localName } }

    var text: String {
        children.map {
            switch $0 {
            case .text(let text): return text
            case .element(let element): return element.text
            }
        }.joined()
    }
}

struct XMLTreeError: Error {
    var message: String
    var line: Int, column: Int
}

enum XMLTree {
    static func parse(_ data: Data) throws(XMLTreeError) -> XMLElementNode {
        let lines = LineStarts(data)
        // A document type declaration is where entities are declared, and entities are how a
        // small file expands into gigabytes; XLIFF needs none, so none is read.
        if let offset = lines.offset(of: "<!DOCTYPE") {
            let place = lines.place(ofOffset: offset)
            throw XMLTreeError(message: "a document type declaration (<!DOCTYPE>) is not allowed", line: place.line, column: place.column)
        }
        let builder = TreeBuilder(lines: lines)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard lines.bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw XMLTreeError(message: "the file is empty", line: 1, column: 1)
        }
        let parsed = parser.parse()
        // On Linux `parse()` returns true after errors it recovered from (an end tag that closes
        // nothing, a truncated file), and a file that stops inside an element or goes on after
        // the root element came through as whole: a translation cut off in a copy lost its last
        // pages. The first error reported is the file's.
        // (libxml2's 5, "extra content" or the end of the file too early, is told apart below.)
        if let first = builder.firstError, first.code != 5 {
            throw Self.error(code: first.code, in: lines, at: (first.line, first.column))
        }
        guard parsed || builder.firstError != nil, let root = builder.root else {
            throw Self.error(code: (parser.parserError as NSError?)?.code ?? -1, in: lines, at: builder.lastPlace)
        }
        if let open = builder.stack.first {
            let end = lines.place(ofOffset: lines.bytes.count)
            throw XMLTreeError(
                message: "the file ends inside <\(open.name)> (opened at line \(open.line)): it was cut off", line: end.line, column: end.column)
        }
        if let extra = lines.contentAfterRoot(named: root.name) {
            let place = lines.place(ofOffset: extra)
            throw XMLTreeError(
                message: "there is more after the end of <\(root.name)>: a file holds one root element", line: place.line, column: place.column)
        }
        if let first = builder.firstError { throw Self.error(code: first.code, in: lines, at: (first.line, first.column)) }
        return root
    }

    /// The parser's error `code` in words, at the first offending byte where it can be found,
    /// else at `place` (where the parser stopped, or the last element read).
    private static func error(code: Int, in lines: LineStarts, at place: (line: Int, column: Int)?) -> XMLTreeError {
        // libxml2's numbers (`xmlParserErrors`), which the parser's errors carry on every
        // platform; swift-corelibs-foundation's `XMLParser.ErrorCode` is one off from them.
        let fallback = place ?? (1, 1)
        switch code {
        case 6...10:
            if let offset = lines.firstDisallowedCharacter() {
                let place = lines.place(ofOffset: offset)
                return XMLTreeError(
                    message: "a character XML does not allow (a control character, &#0; or bytes that are not UTF-8)", line: place.line,
                    column: place.column)
            }
        case 14, 26, 27:
            if let (offset, name) = lines.firstUndefinedEntity() {
                let place = lines.place(ofOffset: offset)
                return XMLTreeError(
                    message: "&\(name); is not an XML entity (XML has &amp; &lt; &gt; &quot; &apos; and numbered ones such as &#160;)",
                    line: place.line, column: place.column)
            }
        case 76:
            return XMLTreeError(message: "an end tag does not match the element it closes", line: fallback.line, column: fallback.column)
        default: break
        }
        let reason = code >= 0 ? "not well-formed XML (XML parser error \(code))" : "not well-formed XML"
        return XMLTreeError(message: reason, line: fallback.line, column: fallback.column)
    }

    /// Where lines start, to find the `<` of an element the parser reports past its end.
    struct LineStarts {
        let bytes: [UInt8]
        let starts: [Int]

        init(_ data: Data) {
            bytes = Array(data)
            var starts = [0]
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
            self.starts = starts
        }

        /// The offset of the first byte after the root element's end tag that is not white space,
        /// a comment or a processing instruction (what XML allows there), or nil.
        func contentAfterRoot(named name: String) -> Int? {
            let end = Array("</\(name)".utf8)
            guard bytes.count >= end.count,
                let tag = (0...(bytes.count - end.count)).reversed().first(where: { bytes[$0..<$0 + end.count].elementsEqual(end) }),
                var index = bytes[tag...].firstIndex(of: UInt8(ascii: ">")).map({ $0 + 1 })
            else { return nil }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    index += 1
                } else if bytes[index...].starts(with: "<!--".utf8), let close = Self.find("-->", in: bytes, from: index + 4) {
                    index = close + 3
                } else if bytes[index...].starts(with: "<?".utf8), let close = Self.find("?>", in: bytes, from: index + 2) {
                    index = close + 2
                } else {
                    return index
                }
            }
            return nil
        }

        private static func find(_ text: String, in bytes: [UInt8], from start: Int) -> Int? {
            let pattern = Array(text.utf8)
            guard start <= bytes.count - pattern.count else { return nil }
            return (start...(bytes.count - pattern.count)).first { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
        }

        /// The first byte that is not UTF-8, a control character XML 1.0 does not allow, or a
        /// character reference to one (`&#0;`).
        func firstDisallowedCharacter() -> Int? {
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    if lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D { return index }
                    if lead == UInt8(ascii: "&"), bytes[index...].starts(with: "&#".utf8), let value = characterReference(at: index),
                        !(value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                            || (0x10000...0x10FFFF).contains(value))
                    {
                        return index
                    }
                    index += 1
                    continue
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
                guard length > 0, index + length <= bytes.count,
                    String(validating: bytes[index..<index + length], as: UTF8.self) != nil
                else { return index }
                index += length
            }
            return nil
        }

        /// The value of the character reference `&#…;` or `&#x…;` at `offset`, if it is one.
        private func characterReference(at offset: Int) -> Int? {
            var index = offset + 2, radix = 10
            if index < bytes.count, bytes[index] == UInt8(ascii: "x") {
                radix = 16
                index += 1
            }
            guard let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { return nil }
            return Int(String(decoding: bytes[index..<semicolon], as: UTF8.self), radix: radix)
        }

        /// The first `&name;` that is not one of XML's five entities (nor a character reference).
        func firstUndefinedEntity() -> (offset: Int, name: String)? {
            let known: Set<String> = ["amp", "lt", "gt", "quot", "apos"]
            var index = 0
            while let ampersand = bytes[index...].firstIndex(of: UInt8(ascii: "&")) {
                index = ampersand + 1
                guard index < bytes.count, bytes[index] != UInt8(ascii: "#"),
                    let semicolon = bytes[index...].prefix(64).firstIndex(of: UInt8(ascii: ";"))
                else { continue }
                let name = String(decoding: bytes[index..<semicolon], as: UTF8.self)
                if !known.contains(name) { return (ampersand, name) }
            }
            return nil
        }

        func offset(of text: String) -> Int? {
            let pattern = Array(text.utf8)
            guard bytes.count >= pattern.count else { return nil }
            return (0...(bytes.count - pattern.count)).first { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
        }

        func place(ofOffset offset: Int) -> (line: Int, column: Int) {
            let line = starts.lastIndex { $0 <= offset } ?? 0
            return (line + 1, String(decoding: bytes[starts[line]..<offset], as: UTF8.self).unicodeScalars.count + 1)
        }

        /// The offset of the last `<name` at or before line, column (1-based, bytes).
        func start(of name: String, before line: Int, column: Int) -> Int {
            let lineIndex = min(max(line, 1), starts.count) - 1
            var offset = min(starts[lineIndex] + max(column - 1, 0), bytes.count)
            let pattern = Array(("<" + name).utf8)
            while offset >= 0 {
                if offset + pattern.count <= bytes.count, bytes[offset..<offset + pattern.count].elementsEqual(pattern) { break }
                offset -= 1
            }
            return max(offset, 0)
        }

        /// Where each attribute of the start tag at `offset` is named: a name after white space,
        /// followed by `=`, outside quoted values.
        func attributePlaces(ofTagAt offset: Int, names: some Collection<String>) -> [String: (line: Int, column: Int)] {
            var result: [String: (line: Int, column: Int)] = [:]
            var index = offset + 1, quote: UInt8?
            let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
            while index < bytes.count {
                let byte = bytes[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                } else if space.contains(bytes[index - 1]), !space.contains(byte) {
                    var end = index
                    while end < bytes.count, !space.contains(bytes[end]), bytes[end] != UInt8(ascii: "=") { end += 1 }
                    let name = String(decoding: bytes[index..<end], as: UTF8.self)
                    if names.contains(name), result[name] == nil { result[name] = place(ofOffset: index) }
                    index = end
                    continue
                }
                index += 1
            }
            return result
        }
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        let lines: LineStarts
        var root: XMLElementNode?
        var stack: [XMLElementNode] = []
        /// Where the last element read starts: a parse error is after it.
        var lastPlace: (line: Int, column: Int)?
        /// The first error the parser reported, with where it was.
        var firstError: (code: Int, line: Int, column: Int)?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if firstError == nil { firstError = ((parseError as NSError).code, max(parser.lineNumber, 1), max(parser.columnNumber, 1)) }
        }

        init(lines: LineStarts) {
            self.lines = lines
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let offset = lines.start(of: elementName, before: parser.lineNumber, column: parser.columnNumber)
            let place = lines.place(ofOffset: offset)
            lastPlace = place
            let element = XMLElementNode(name: elementName, attributes: attributes, line: place.line, column: place.column)
            if !attributes.isEmpty { element.attributePlaces = lines.attributePlaces(ofTagAt: offset, names: attributes.keys) }
            if let parent = stack.last { parent.children.append(.element(element)) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.children.append(.text(string))
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            stack.last?.children.append(.text(String(decoding: block, as: UTF8.self)))
        }

    }
}
