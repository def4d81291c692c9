/// Scans the pieces of one line for `SimpleYAMLReader` as libyaml's scanner would: plain keys,
/// one-line scalars, and one-line flow sequences and mappings of scalars. Anything else throws
/// `Declined`, so that Yams reads the document instead.
struct SimpleYAMLLineScanner {
    typealias Declined = SimpleYAMLDocument.Declined

    let bytes: UnsafeBufferPointer<UInt8>
    let lineStart: Int
    let lineEnd: Int
    private(set) var position: Int
    let file: String
    /// The line's number in the file.
    let line: Int

    init(bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, lineEnd: Int, position: Int, file: String, line: Int) {
        self.bytes = bytes
        self.lineStart = lineStart
        self.lineEnd = lineEnd
        self.position = position
        self.file = file
        self.line = line
    }

    /// Where the scanner is; libyaml counts columns in Unicode scalars, from 1 in Yams' marks.
    func location() -> SourceLocation {
        var column = 1
        for index in lineStart..<position where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(file: file, line: line, column: column)
    }

    mutating func skip(_ count: Int) {
        position += count
    }

    private var current: UInt8? { position < lineEnd ? bytes[position] : nil }

    private func byte(at index: Int) -> UInt8? { index < lineEnd ? bytes[index] : nil }

    private mutating func skipSpaces() {
        while position < lineEnd, bytes[position] == UInt8(ascii: " ") { position += 1 }
    }

    /// Whether only spaces, or spaces and a comment, are left on the line (a `#` begins a comment
    /// only after a blank: callers are just past one, or past a `:` that a blank follows).
    func isAtEndOfContent() -> Bool {
        var index = position
        while index < lineEnd, bytes[index] == UInt8(ascii: " ") { index += 1 }
        return index == lineEnd || (bytes[index] == UInt8(ascii: "#") && isAfterBlank(index))
    }

    private func isAfterBlank(_ index: Int) -> Bool {
        index > lineStart && bytes[index - 1] == UInt8(ascii: " ")
    }

    /// After a value: nothing but spaces and a comment may be left.
    mutating func expectEndOfContent() throws(Declined) {
        guard isAtEndOfContent() else { throw Declined() }
        position = lineEnd
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func isBlankOrEnd(_ byte: UInt8?) -> Bool {
        byte == nil || byte == UInt8(ascii: " ")
    }

    /// Whether a plain scalar may start here. Indicators start something else (or are reserved);
    /// `-`, `?` and `:` do only before a blank, but `?x` and `:x` are rare enough to leave to Yams.
    /// (In flow too: `-` before `,` or `]` is the scalar `-`, as in libyaml.)
    private func canStartPlain() -> Bool {
        guard let first = current else { return false }
        switch first {
        case UInt8(ascii: "-"): return !Self.isBlankOrEnd(byte(at: position + 1))
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""),
            UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "):
            return false
        default: return true
        }
    }

    /// `key:` followed by a blank or the line's end; the scanner stops just after the `:`.
    mutating func scanBlockKey() throws(Declined) -> (String, SourceLocation) {
        guard canStartPlain() else { throw Declined() }
        let start = position
        while true {
            guard let byte = current else { throw Declined() }  // no `:`: a scalar or more, Yams'
            if byte == UInt8(ascii: ":"), Self.isBlankOrEnd(self.byte(at: position + 1)) { break }
            // A comment before the `:`; and libyaml takes no key over 1024 characters.
            if byte == UInt8(ascii: "#"), isAfterBlank(position) { throw Declined() }
            guard position - start < 1000 else { throw Declined() }
            position += 1
        }
        var end = position
        while bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let key = text(start..<end)
        let location = location(at: start)
        position += 1
        return (key, location)
    }

    private func location(at index: Int) -> SourceLocation {
        var copy = self
        copy.position = index
        return copy.location()
    }

    /// A value on the key's (or the `-`'s) line.
    mutating func scanInlineValue() throws(Declined) -> YAMLNode {
        skipSpaces()
        switch current {
        case UInt8(ascii: "["): return try scanFlowSequence()
        case UInt8(ascii: "{"): return try scanFlowMapping()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return try scanQuoted()
        default: return try scanBlockPlain()
        }
    }

    /// A plain scalar in block context, to the line's end or a comment. Declined: `a: b: c`
    /// (an error) and a scalar that goes on on the next lines (the document sees to that).
    private mutating func scanBlockPlain() throws(Declined) -> YAMLNode {
        guard canStartPlain() else { throw Declined() }
        let start = position
        while let byte = current {
            if byte == UInt8(ascii: ":"), Self.isBlankOrEnd(self.byte(at: position + 1)) { throw Declined() }
            if byte == UInt8(ascii: "#"), isAfterBlank(position) { break }
            position += 1
        }
        var end = position
        while bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return YAMLNode(.scalar(text(start..<end), isPlain: true), at: location(at: start))
    }

    /// A plain scalar inside `[…]` or `{…}`, up to `,` or the closing bracket. Declined: `:` and
    /// `#` anywhere in it (libyaml's flow rules for them are subtle), nested brackets, the line's end.
    private mutating func scanFlowPlain() throws(Declined) -> YAMLNode {
        guard canStartPlain() else { throw Declined() }
        let start = position
        while true {
            guard let byte = current else { throw Declined() }
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): break
            case UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "{"): throw Declined()
            default:
                position += 1
                continue
            }
            break
        }
        var end = position
        while bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return YAMLNode(.scalar(text(start..<end), isPlain: true), at: location(at: start))
    }

    /// An item of a flow collection: a quoted or plain scalar.
    private mutating func scanFlowScalar() throws(Declined) -> YAMLNode {
        skipSpaces()
        let node: YAMLNode
        switch current {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): node = try scanQuoted()
        default: node = try scanFlowPlain()
        }
        skipSpaces()
        return node
    }

    /// `[a, 'b', "c d"]` on one line.
    private mutating func scanFlowSequence() throws(Declined) -> YAMLNode {
        let location = location()
        position += 1
        var items: [YAMLNode] = []
        skipSpaces()
        if current == UInt8(ascii: "]") {
            position += 1
            return YAMLNode(.sequence(items), at: location)
        }
        while true {
            items.append(try scanFlowScalar())
            switch current {
            case UInt8(ascii: "]"):
                position += 1
                return YAMLNode(.sequence(items), at: location)
            case UInt8(ascii: ","):
                position += 1
                skipSpaces()
                // `[a, ]`: libyaml accepts the trailing comma; rare, so Yams'.
                guard current != UInt8(ascii: "]") else { throw Declined() }
            default:
                // A pair (`[a: b]`), two scalars in a row, a comment: not simple.
                throw Declined()
            }
        }
    }

    /// `{key: value, other: 'text'}` on one line, with plain keys.
    private mutating func scanFlowMapping() throws(Declined) -> YAMLNode {
        let location = location()
        position += 1
        var entries: [YAMLNode.Entry] = []
        var keys: Set<String> = []
        skipSpaces()
        if current == UInt8(ascii: "}") {
            position += 1
            return YAMLNode(.mapping(entries), at: location)
        }
        while true {
            let (key, keyLocation) = try scanFlowKey()
            guard keys.insert(key).inserted else { throw Declined() }
            entries.append(YAMLNode.Entry(key: key, keyLocation: keyLocation, value: try scanFlowScalar()))
            switch current {
            case UInt8(ascii: "}"):
                position += 1
                return YAMLNode(.mapping(entries), at: location)
            case UInt8(ascii: ","):
                position += 1
                skipSpaces()
                guard current != UInt8(ascii: "}") else { throw Declined() }
            default: throw Declined()
            }
        }
    }

    /// A plain key in a flow mapping, ended by `: `; the scanner stops just after the `:`.
    private mutating func scanFlowKey() throws(Declined) -> (String, SourceLocation) {
        guard canStartPlain() else { throw Declined() }
        let start = position
        while true {
            guard let byte = current else { throw Declined() }
            if byte == UInt8(ascii: ":") {
                // `:` then a blank: the value indicator. `{a}`, `{a:b}`, `{a:}`: Yams'.
                guard self.byte(at: position + 1) == UInt8(ascii: " ") else { throw Declined() }
                break
            }
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "["),
                UInt8(ascii: "{"):
                throw Declined()
            default: break
            }
            guard position - start < 1000 else { throw Declined() }
            position += 1
        }
        var end = position
        while bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let key = (text(start..<end), location(at: start))
        position += 1
        return key
    }

    /// A one-line quoted scalar. Double-quoted ones may hold the escapes `\\ \" \/ \n \t \ ` and
    /// `\uXXXX` (not a control character, which is an error); any other escape, or no closing quote
    /// on the line, is declined.
    private mutating func scanQuoted() throws(Declined) -> YAMLNode {
        let location = location()
        let quote = bytes[position]
        position += 1
        var segmentStart = position
        // Only text with escapes (or `''`) needs a copy.
        var unescaped: [UInt8]?
        func flush(upTo end: Int) {
            unescaped = (unescaped ?? []) + UnsafeBufferPointer(rebasing: bytes[segmentStart..<end])
        }
        while true {
            guard let byte = current else { throw Declined() }
            if byte == quote {
                if quote == UInt8(ascii: "'"), self.byte(at: position + 1) == quote {
                    flush(upTo: position + 1)
                    position += 2
                    segmentStart = position
                    continue
                }
                break
            }
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                flush(upTo: position)
                unescaped! += try escape(at: position + 1)
                segmentStart = position
                continue
            }
            position += 1
        }
        let value: String
        if unescaped == nil {
            value = text(segmentStart..<position)
        } else {
            flush(upTo: position)
            value = String(decoding: unescaped!, as: UTF8.self)
        }
        position += 1
        return YAMLNode(.scalar(value, isPlain: false), at: location)
    }

    /// The UTF-8 of the escape whose letter is at `index`; the scanner moves past it.
    private mutating func escape(at index: Int) throws(Declined) -> [UInt8] {
        guard let letter = byte(at: index) else { throw Declined() }
        position = index + 1
        switch letter {
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: " "): return [letter]
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "u"):
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = current.flatMap({ Self.hexValue($0) }) else { throw Declined() }
                value = value << 4 | digit
                position += 1
            }
            guard let scalar = Unicode.Scalar(value), !TextHygiene.isForbiddenControl(scalar) else { throw Declined() }
            return Array(String(scalar).utf8)
        default: throw Declined()
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
