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
        var wide = 0
        var words = 0
        var inWord = false
        // Over UTF-8 bytes: ASCII decided at once, other scalars decoded by hand and their
        // properties taken from a table (ScalarTraits). (Iterating unicodeScalars was 3% of a build.)
        ScalarTraits.withTable { traitsOf in
            text.withUTF8 { bytes in
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
                    let (value, length) = decode(bytes, at: index)
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
        }
        let minutes = Double(words) / 250 + Double(wide) / 400
        return max(1, Int(minutes.rounded()))
    }

    /// The scalar value of the (valid) UTF-8 sequence starting at a non-ASCII byte, and its length.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<min(length, bytes.count - index) { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }
}
