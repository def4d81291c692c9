/// Automatic summaries and reading time that respect every script.
public enum SummaryText {
    private static let sentenceEnds: Set<Character> = ["。", "！", "？", ".", "!", "?", "؟", "।"]

    /// Shortens plain text to at most `limit` characters, at a sentence end when one is near,
    /// else at a space (or anywhere between Chinese characters), never inside a character.
    public static func truncate(_ text: String, limit: Int = 160) -> String {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        let head = collapsed.prefix(limit)
        if let end = head.lastIndex(where: { sentenceEnds.contains($0) }),
            head.distance(from: head.startIndex, to: end) >= limit / 3
        {
            return String(head[...end])
        }
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= limit / 2 {
            return String(head[..<space]) + "…"
        }
        return String(head) + "…"
    }

    /// Minutes to read: about 250 words a minute for space-separated scripts, 400 characters
    /// a minute for Chinese and Japanese; at least one minute.
    public static func readingMinutes(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { readingMinutes(utf8: $0) }
    }

    /// The same, over UTF-8 bytes (a truncated sequence at the end is counted as far as it goes).
    public static func readingMinutes(utf8 text: [UInt8]) -> Int {
        text.withUnsafeBufferPointer { readingMinutes(utf8: $0) }
    }

    private static func readingMinutes(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var wide = 0
        var words = 0
        var inWord = false
        // Over UTF-8 bytes: ASCII decided at once, other scalars decoded by hand and their
        // properties taken from a table (ScalarTraits). (Iterating unicodeScalars was 3% of a build.)
        ScalarTraits.withTable { traitsOf in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    let isWordCharacter = (byte &- 0x30 < 10) || (byte &- 0x41 < 26) || (byte &- 0x61 < 26)
                    if isWordCharacter && !inWord { words += 1 }
                    inWord = isWordCharacter
                    index += 1
                    continue
                }
                let (value, length) = UTF8Scalar.decode(bytes, at: index)
                index += length
                let traits = traitsOf(value)
                if traits.contains(.wideScript) {
                    if !traits.isDisjoint(with: [.ideographic, .alphabetic]) { wide += 1 }
                    inWord = false
                } else if !traits.isDisjoint(with: [.alphabetic, .numeric]) {
                    if !inWord { words += 1 }
                    inWord = true
                } else if !traits.contains(.nonspacingMark) {
                    inWord = false
                }
            }
        }
        let minutes = Double(words) / 250 + Double(wide) / 400
        return max(1, Int(minutes.rounded()))
    }
}
