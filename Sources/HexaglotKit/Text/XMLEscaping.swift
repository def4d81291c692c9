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
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                let value = scalar.value
                let allowed =
                    value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                if allowed { result.unicodeScalars.append(scalar) }
            }
        }
        return result
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
