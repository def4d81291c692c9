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
    /// which JSON allows raw, are escaped as well.
    public static func jsonForScript(_ value: Any) -> String {
        let value = balancingStrings(in: value)
        guard JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        else {
            return "{}"
        }
        var result = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            case "\u{7F}"..."\u{9F}": result += "\\u00" + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func balancingStrings(in value: Any) -> Any {
        switch value {
        case let text as String: return TextHygiene.balancingBidiControls(text)
        case let array as [Any]: return array.map(balancingStrings)
        case let dictionary as [String: Any]: return dictionary.mapValues(balancingStrings)
        default: return value
        }
    }
}
