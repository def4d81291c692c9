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
           head.distance(from: head.startIndex, to: end) >= limit / 3 {
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
        var wide = 0
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            // ASCII first; other scalars' properties come from a table (ScalarTraits).
            if scalar.isASCII {
                let value = scalar.value
                let isWordCharacter = (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
                if isWordCharacter {
                    if !inWord { words += 1 }
                    inWord = true
                } else {
                    inWord = false
                }
                continue
            }
            let traits = ScalarTraits.of(scalar)
            if CJKText.isWideScript(scalar) {
                if !traits.isDisjoint(with: [.ideographic, .alphabetic]) { wide += 1 }
                inWord = false
            } else if !traits.isDisjoint(with: [.alphabetic, .numeric]) {
                if !inWord { words += 1 }
                inWord = true
            } else if !traits.contains(.nonspacingMark) {
                inWord = false
            }
        }
        let minutes = Double(words) / 250 + Double(wide) / 400
        return max(1, Int(minutes.rounded()))
    }
}
