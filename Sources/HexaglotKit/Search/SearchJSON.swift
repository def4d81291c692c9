/// JSON text for the index files, written straight into bytes. Strings are escaped for JSON
/// and also for any HTML they might land in (`<`, `>`, `&` as `\u003c`…), and U+2028/U+2029
/// (line ends in older JavaScript) are escaped too, so no page text can end the string.
struct SearchJSON {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// One ASCII character (brackets, commas): most of what an index is made of.
    mutating func byte(_ character: Unicode.Scalar) { bytes.append(UInt8(truncatingIfNeeded: character.value)) }

    /// Digits written directly: an index has millions of numbers, a String for each was slow.
    mutating func number(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            number(-value)
            return
        }
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        let start = bytes.count
        var rest = value
        while rest > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes[start...].reverse()
    }

    /// Byte by byte: excerpt texts are most of what the index's text files hold.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x3C, 0x3E, 0x26, 0..<0x20, 0x7F: raw(Self.unicodeEscape(UInt32(byte)))
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    // U+2028, U+2029
                    raw(Self.unicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029))
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
