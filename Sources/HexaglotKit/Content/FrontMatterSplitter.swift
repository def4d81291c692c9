/// Splits a Markdown file into its YAML front matter block and its body.
///
/// The block opens with a `---` line as the file's first line and closes with the next
/// `---` (or `...`) line. Line numbers are kept so that positions in both parts map back
/// to the file.
public struct FrontMatterSplitter: Sendable {
    public struct Parts: Equatable, Sendable {
        /// The YAML between the fences, or nil when the file has no front matter.
        public var yaml: String?
        /// The Markdown after the closing fence.
        public var body: String
        /// How many lines of the file come before the YAML's first line (1: the `---`).
        public var yamlLineOffset: Int
        /// How many lines of the file come before the body's first line.
        public var bodyLineOffset: Int
    }

    public init() {}

    public func split(_ text: String, file: String) throws(Diagnostic) -> Parts {
        var lineStart = text.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < text.endIndex {
            let lineEnd = lineEnd(in: text, from: lineStart)
            let line = text[lineStart..<lineEnd]
            let next = lineEnd == text.endIndex ? text.endIndex : text.utf8.index(after: lineEnd)
            if let start = yamlStart {
                if isFence(line, allowDots: true) {
                    return Parts(
                        yaml: String(text[start..<lineStart]), body: String(text[next...]),
                        yamlLineOffset: 1, bodyLineOffset: lineNumber)
                }
            } else {
                // Only a `---` first line opens front matter.
                guard isFence(line, allowDots: false) else {
                    return Parts(yaml: nil, body: text, yamlLineOffset: 0, bodyLineOffset: 0)
                }
                yamlStart = next
            }
            if lineEnd == text.endIndex { break }
            lineStart = next
            lineNumber += 1
        }
        guard yamlStart != nil else {
            return Parts(yaml: nil, body: text, yamlLineOffset: 0, bodyLineOffset: 0)
        }
        throw .error(
            "front matter is not closed: add a '---' line after it",
            at: SourceLocation(file: file, line: 1, column: 1))
    }

    /// The first `\n` Character from `start`, found among bytes: walking Characters cost more
    /// than the rest of the split. A line feed byte is a Character of its own unless a CR comes
    /// before it (`\r\n` is one Character); then the Characters are walked as before.
    private func lineEnd(in text: String, from start: String.Index) -> String.Index {
        guard let feed = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else { return text.endIndex }
        if feed > start, text.utf8[text.utf8.index(before: feed)] == UInt8(ascii: "\r") {
            return text[start...].firstIndex(of: "\n") ?? text.endIndex
        }
        return feed
    }

    /// `---` (or `...`) and nothing but spaces and tabs after it. Compared as bytes: building a
    /// String from reversed Characters cost more than the rest of the split. The answer is the
    /// same as on Characters: no other text is canonically equivalent to `---` or `...`, and a
    /// space or tab after them is a Character of its own.
    private func isFence(_ line: Substring, allowDots: Bool) -> Bool {
        var content = line.utf8[...]
        while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            content.removeLast()
        }
        return content.elementsEqual("---".utf8) || (allowDots && content.elementsEqual("...".utf8))
    }
}
