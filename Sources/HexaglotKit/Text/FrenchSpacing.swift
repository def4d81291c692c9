/// French typography's spaces: a no-break space before `:`, a narrow one before `;`, `!`, `?`
/// and `»` and after `«`, where the text has an ordinary space. A reader's phone broke lines
/// there, so a colon or a question mark began the next line (at 320 and 360 px).
enum FrenchSpacing {
    /// Whether pages in `locale` (a BCP 47 tag) are French.
    static func applies(toLocale locale: String) -> Bool {
        locale == "fr" || locale.hasPrefix("fr-")
    }

    /// `text` with those spaces; the same string when it has none.
    static func apply(_ text: String) -> String {
        var text = text
        let mayChange = text.withUTF8 { bytes in
            bytes.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") || $0 == 0xC2 }
        }
        guard mayChange else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            guard scalar == " " else {
                result.append(scalar)
                continue
            }
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let previous = index > 0 ? scalars[index - 1] : nil
            if next == ":" {
                result.append("\u{00A0}")
            } else if next == ";" || next == "!" || next == "?" || next == "»" || previous == "«" {
                result.append("\u{202F}")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
