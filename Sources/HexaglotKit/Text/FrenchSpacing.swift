/// French typography's spaces: a no-break space before `:`, a narrow one before `;`, `!`, `?`
/// and `»` and after `«`, where the text has an ordinary space. A reader's phone broke lines
/// there, so a colon or a question mark began the next line (at 320 and 360 px).
enum FrenchSpacing {
    /// Whether pages in `locale` (a BCP 47 tag) are French.
    static func applies(toLocale locale: String) -> Bool {
        locale == "fr" || locale.hasPrefix("fr-")
    }

    /// `text` with those spaces; the same string when it has none. On the UTF-8 bytes: every
    /// text node of a French page is asked.
    static func apply(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var result: [UInt8] = []
            var copied = 0
            for index in bytes.indices where bytes[index] == 0x20 {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                let isGuillemetClose = next == 0xC2 && index + 2 < bytes.count && bytes[index + 2] == 0xBB
                let isAfterGuillemetOpen = index >= 2 && bytes[index - 2] == 0xC2 && bytes[index - 1] == 0xAB
                let space: [UInt8]
                if next == UInt8(ascii: ":") {
                    space = noBreakSpace
                } else if next == UInt8(ascii: ";") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || isGuillemetClose
                    || isAfterGuillemetOpen
                {
                    space = narrowNoBreakSpace
                } else {
                    continue
                }
                if result.isEmpty { result.reserveCapacity(bytes.count + 8) }
                result += bytes[copied..<index]
                result += space
                copied = index + 1
            }
            guard copied > 0 else { return nil }
            result += bytes[copied...]
            return String(decoding: result, as: UTF8.self)
        } ?? text
    }

    private static let noBreakSpace = Array("\u{00A0}".utf8)
    private static let narrowNoBreakSpace = Array("\u{202F}".utf8)
}
