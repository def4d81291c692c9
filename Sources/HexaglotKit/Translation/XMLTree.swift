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
        let parsed = parser.parse()
        guard parsed, let root = builder.root else {
            let message = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "not well-formed XML"
            throw XMLTreeError(message: message, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1))
        }
        return root
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

        init(lines: LineStarts) {
            self.lines = lines
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let offset = lines.start(of: elementName, before: parser.lineNumber, column: parser.columnNumber)
            let place = lines.place(ofOffset: offset)
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
