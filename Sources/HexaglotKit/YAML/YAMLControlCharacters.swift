/// Finds where a control character (`TextHygiene.isForbiddenControl`) was written in YAML text.
///
/// libyaml refuses most control characters written as they are, but a double-quoted scalar can
/// hold any of them as an escape (`"\0"`, `"\x7f"`, `"\u0085"`, `"\r"`): then the value has the
/// character and the text has the escape, and the error points at its backslash.
struct YAMLControlCharacters {
    private let scalars: [Unicode.Scalar]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The place (1-based line and column, in scalars) of the first control character written in
    /// the scalar that starts at `start`, or nil when it cannot be found.
    func place(inScalarAt start: (line: Int, column: Int), doubleQuoted: Bool) -> (line: Int, column: Int)? {
        var index = 0, line = 1, column = 1
        func advance() {
            if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        while index < scalars.count, (line, column) < start { advance() }
        if doubleQuoted, index < scalars.count, scalars[index] == "\"" { advance() }
        while index < scalars.count {
            let scalar = scalars[index]
            if doubleQuoted, scalar == "\"" { return nil }
            if doubleQuoted, scalar == "\\", index + 1 < scalars.count {
                let (decoded, length) = escape(at: index + 1)
                if let decoded, TextHygiene.isForbiddenControl(decoded) { return (line, column) }
                for _ in 0..<min(length, scalars.count - index) { advance() }
                continue
            }
            let isLineBreak = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
            if TextHygiene.isForbiddenControl(scalar), !isLineBreak { return (line, column) }
            advance()
        }
        return nil
    }

    /// The scalar a double-quoted escape stands for (the character after the backslash is at
    /// `index`), and the escape's length with its backslash.
    private func escape(at index: Int) -> (Unicode.Scalar?, Int) {
        let simple: [Unicode.Scalar: UInt32] = [
            "0": 0, "a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13,
            "e": 0x1B, "N": 0x85,
        ]
        let letter = scalars[index]
        if let value = simple[letter] { return (Unicode.Scalar(value), 2) }
        let digits: Int
        switch letter {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        default: return (nil, 2)
        }
        guard index + digits < scalars.count else { return (nil, 2) }
        let hex = String(String.UnicodeScalarView(scalars[(index + 1)...(index + digits)]))
        return (UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init), 2 + digits)
    }

    /// The 1-based line and column of the `offset`-th Character of `text` (Yams counts a
    /// reader error's offset in Characters), and the scalar there.
    static func place(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int, scalar: Unicode.Scalar?) {
        let end = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        var line = 1, column = 1
        for scalar in text.unicodeScalars[..<end] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column, end < text.endIndex ? text.unicodeScalars[end] : nil)
    }

    static func message(_ scalar: Unicode.Scalar, inKey: Bool = false) -> String {
        "control character \(TextHygiene.name(of: scalar)) in \(inKey ? "a key" : "text") (only tab and line breaks are allowed); remove it"
    }
}
