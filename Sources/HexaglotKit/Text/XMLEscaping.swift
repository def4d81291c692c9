import Foundation

/// Escaping for XML (feeds, sitemap) and for JSON inside a `<script>` element.
public enum XMLEscaping {
    /// Text and attribute values; characters XML 1.0 does not allow are dropped.
    public static func escape(_ text: String) -> String {
        // Most values (URLs, dates, titles) need nothing: return them as they are. 0xEF can
        // start U+FFFE/U+FFFF, which XML does not allow.
        let needsWork = text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: return true
            case 0x9, 0xA, 0xD: return false
            default: return byte < 0x20
            }
        }
        guard needsWork else { return text }
        // Byte by byte into UTF-8: a feed escapes whole page bodies, and appending scalar by
        // scalar to a String was an eighth of a small site's build.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var text = text
        text.withUTF8 { input in
            var index = 0
            // Bytes that stay as they are are copied a run at a time.
            var plainStart = 0
            while index < input.count {
                let byte = input[index]
                let isPlain =
                    byte > UInt8(ascii: ">")
                    ? byte != 0xEF
                    : byte >= 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "\"")
                        && byte != UInt8(ascii: "'") && byte != UInt8(ascii: ">")
                if isPlain {
                    index += 1
                    continue
                }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: input[plainStart..<index]))
                index += 1
                defer { plainStart = index }
                switch byte {
                case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): result.append(contentsOf: "&apos;".utf8)
                case 0x9, 0xA, 0xD: result.append(byte)
                case ..<0x20: break  // C0 controls: not allowed in XML 1.0.
                case 0xEF where index + 1 < input.count && input[index] == 0xBF && input[index + 1] >= 0xBE:
                    index += 2  // U+FFFE and U+FFFF: not allowed either.
                default: result.append(byte)
                }
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: input[plainStart..<index]))
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// JSON that is safe inside `<script type="application/ld+json">`: no `<`, `>` or `&` can
    /// close the element or start markup, and line separators cannot break the script.
    /// Every string in it is inline text for search engines and link previews, so its bidi
    /// controls are balanced (`TextHygiene.balancingBidiControls`); DEL and C1 controls,
    /// which JSON allows raw, are escaped as well. Keys are sorted. Written here rather than by
    /// `JSONSerialization`, whose checks of `Any` values cost 5 M instructions for six pages.
    public static func jsonForScript(_ value: ScriptJSON) -> String {
        var json: [UInt8] = []
        write(value, to: &json)
        return String(decoding: json, as: UTF8.self)
    }

    private static func write(_ value: ScriptJSON, to json: inout [UInt8]) {
        switch value {
        case .string(let text): write(string: TextHygiene.balancingBidiControls(text), to: &json)
        case .array(let items):
            json.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                write(item, to: &json)
            }
            json.append(UInt8(ascii: "]"))
        case .object(let members):
            json.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                write(string: key, to: &json)
                json.append(UInt8(ascii: ":"))
                write(members[key]!, to: &json)
            }
            json.append(UInt8(ascii: "}"))
        }
    }

    private static func write(string: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": json += #"\""#.utf8
            case "\\": json += #"\\"#.utf8
            case "\n": json += #"\n"#.utf8
            case "\r": json += #"\r"#.utf8
            case "\t": json += #"\t"#.utf8
            case "\u{8}": json += #"\b"#.utf8
            case "\u{C}": json += #"\f"#.utf8
            case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}":
                let hex = String(scalar.value, radix: 16)
                json += "\\u".utf8
                json += String(repeating: "0", count: 4 - hex.utf8.count).utf8
                json += hex.utf8
            default: json += String(scalar).utf8
            }
        }
        json.append(UInt8(ascii: "\""))
    }
}
