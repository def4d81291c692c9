/// One document being read by `SimpleYAMLReader`: its content lines and the block structure.
struct SimpleYAMLDocument {
    /// Thrown when the text is outside the subset; the caller then asks Yams.
    struct Declined: Error {}

    /// A line that holds something other than blanks and a comment.
    struct Line {
        /// 0-based, in the YAML text.
        var number: Int
        var start: Int
        var end: Int
        var indent: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let lineOffset: Int
    private(set) var lines: [Line] = []
    /// The content line to read next.
    private var next = 0

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, lineOffset: Int) {
        self.bytes = bytes
        self.file = file
        self.lineOffset = lineOffset
        lines = contentLines()
    }

    mutating func readRoot() throws(Declined) -> YAMLNode {
        // An empty document, a scalar or a sequence at the top, or an indented first line: Yams'.
        guard let first = lines.first, first.indent == 0 else { throw Declined() }
        for line in lines where line.indent == 0 && isDocumentMarker(at: line.start) { throw Declined() }
        return try readMapping(indent: 0, depth: 0)
    }

    private func contentLines() -> [Line] {
        var lines: [Line] = []
        var start = 0
        var number = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var indent = 0
            while start + indent < end, bytes[start + indent] == UInt8(ascii: " ") { indent += 1 }
            if start + indent < end, bytes[start + indent] != UInt8(ascii: "#") {
                lines.append(Line(number: number, start: start, end: end, indent: indent))
            }
            start = end + 1
            number += 1
        }
        return lines
    }

    /// `---` or `...` followed by a blank or the line's end, at the start of a line.
    private func isDocumentMarker(at start: Int) -> Bool {
        guard start + 3 <= bytes.count else { return false }
        let first = bytes[start]
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
        // Declined even when a letter follows (`---a: b`): rare, and simpler to leave to Yams.
        return bytes[start + 1] == first && bytes[start + 2] == first
    }

    private func scanner(for line: Line, at position: Int) -> SimpleYAMLLineScanner {
        SimpleYAMLLineScanner(
            bytes: bytes, lineStart: line.start, lineEnd: line.end, position: position,
            file: file, line: line.number + 1 + lineOffset)
    }

    /// Whether the line is a block sequence entry: `-` followed by a blank or the line's end.
    private func isSequenceEntry(_ line: Line) -> Bool {
        let dash = line.start + line.indent
        return bytes[dash] == UInt8(ascii: "-") && (dash + 1 == line.end || bytes[dash + 1] == UInt8(ascii: " "))
    }

    /// `key: value` lines at `indent`, up to the first line indented less.
    private mutating func readMapping(indent: Int, depth: Int) throws(Declined) -> YAMLNode {
        guard depth < SimpleYAMLReader.maximumDepth else { throw Declined() }
        var entries: [YAMLNode.Entry] = []
        // Yams refuses a key given twice; keys are compared as YAMLReader does, as Strings.
        var keys: Set<String> = []
        while next < lines.count, lines[next].indent >= indent {
            let line = lines[next]
            guard line.indent == indent else { throw Declined() }
            var scanner = scanner(for: line, at: line.start + indent)
            let (key, keyLocation) = try scanner.scanBlockKey()
            guard keys.insert(key).inserted else { throw Declined() }
            next += 1
            let value: YAMLNode
            if scanner.isAtEndOfContent() {
                // libyaml places an empty value just after the `:`.
                value = try readBlockValue(under: indent, emptyAt: scanner.location(), depth: depth)
            } else {
                value = try scanner.scanInlineValue()
                try scanner.expectEndOfContent()
            }
            entries.append(YAMLNode.Entry(key: key, keyLocation: keyLocation, value: value))
        }
        // A block mapping starts where its first key does.
        return YAMLNode(.mapping(entries), at: entries[0].keyLocation)
    }

    /// What follows `key:` with nothing after it on its line: a nested block, or an empty scalar.
    private mutating func readBlockValue(under indent: Int, emptyAt empty: SourceLocation, depth: Int) throws(Declined) -> YAMLNode {
        if next < lines.count {
            let line = lines[next]
            if line.indent > indent {
                return isSequenceEntry(line)
                    ? try readSequence(indent: line.indent, isIndentless: false, depth: depth + 1)
                    : try readMapping(indent: line.indent, depth: depth + 1)
            }
            // `key:` then `- item` lines at the key's own indentation: still the key's value.
            if line.indent == indent, isSequenceEntry(line) {
                return try readSequence(indent: indent, isIndentless: true, depth: depth + 1)
            }
        }
        return YAMLNode(.scalar("", isPlain: true), at: empty)
    }

    /// `- item` lines at `indent`, each item a one-line value. An indentless sequence (at its key's
    /// indentation) ends at the mapping's next key; an indented one only where the indentation drops.
    private mutating func readSequence(indent: Int, isIndentless: Bool, depth: Int) throws(Declined) -> YAMLNode {
        guard depth < SimpleYAMLReader.maximumDepth else { throw Declined() }
        var items: [YAMLNode] = []
        var location: SourceLocation?
        while next < lines.count, lines[next].indent >= indent {
            let line = lines[next]
            guard line.indent == indent else { throw Declined() }
            guard isSequenceEntry(line) else {
                if isIndentless { break }
                throw Declined()
            }
            var scanner = scanner(for: line, at: line.start + indent)
            location = location ?? scanner.location()
            scanner.skip(1)
            // `-` alone or with a comment: an empty item, or one on the next lines; Yams' to read.
            guard !scanner.isAtEndOfContent() else { throw Declined() }
            items.append(try scanner.scanInlineValue())
            try scanner.expectEndOfContent()
            next += 1
        }
        // A sequence starts at its first `-`.
        guard let location else { throw Declined() }
        return YAMLNode(.sequence(items), at: location)
    }
}
