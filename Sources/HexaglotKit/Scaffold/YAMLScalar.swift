/// Writes text as a YAML scalar that reads back as exactly that text.
enum YAMLScalar {
    /// Plain when that is safe (`title: Ozone layer`), else double-quoted with escapes
    /// (`title: "2026"`, `title: "Note: draft"`), so that no title turns into a number, a
    /// boolean, a comment or a mapping when read back.
    static func text(_ value: String) -> String {
        isSafePlain(value) ? value : doubleQuoted(value)
    }

    static func isSafePlain(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return false }
        // Characters that start something other than a plain scalar, or that YAML trims.
        if "-?:,[]{}#&*!|>'\"%@`~ \t".unicodeScalars.contains(first) || last == " " || last == "\t" { return false }
        if value.contains(": ") || value.contains(" #") || value.hasSuffix(":") { return false }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{FEFF}" }) {
            return false
        }
        return CoreSchemaValue.resolvePlain(value) == .string(value)
    }

    static func doubleQuoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{FEFF}" {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
