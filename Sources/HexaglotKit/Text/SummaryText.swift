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
        let (words, wide) = readingCounts(utf8: bytes)
        let minutes = Double(words) / 250 + Double(wide) / 400
        return max(1, Int(minutes.rounded()))
    }

    /// Words of space-separated scripts and characters of wide ones.
    static func readingCounts(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (words: Int, wide: Int) {
        var wide = 0
        var words = 0
        var inWord = false
        // Over UTF-8 bytes: ASCII decided at once, other scalars decoded by hand and their
        // properties taken from a table (ScalarTraits). (Iterating unicodeScalars was 3% of a build.)
        ScalarTraits.withTable { traitsOf in
            var index = 0
            while index < bytes.count {
                // Eight ASCII bytes at once: each byte's "letter or digit" as its high bit, word
                // starts where that bit is set and the previous byte's is not.
                if index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if word & highBits == 0 {
                        let letters = inRange(word | 0x2020_2020_2020_2020, above: 0x1F, below: 0x05)
                        let kept = letters | inRange(word, above: 0x50, below: 0x46)
                        let starts = kept & ~(kept << 8 | (inWord ? 0x80 : 0))
                        words += starts.nonzeroBitCount
                        inWord = kept >> 63 != 0
                        index += 8
                        continue
                    }
                }
                let byte = bytes[index]
                if byte < 0x80 {
                    let isWordCharacter = (byte &- 0x30 < 10) || (byte &- 0x41 < 26) || (byte &- 0x61 < 26)
                    if isWordCharacter && !inWord { words += 1 }
                    inWord = isWordCharacter
                    index += 1
                    continue
                }
                // Two- and three-byte sequences (Cyrillic, Arabic, Chinese: nearly all of them)
                // decoded in line; longer or cut-off ones by the general decoder.
                let value: UInt32
                if byte < 0xE0, index + 1 < bytes.count {
                    value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if byte < 0xF0, index + 2 < bytes.count {
                    value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    let decoded = UTF8Scalar.decode(bytes, at: index)
                    value = decoded.value
                    index += decoded.length
                }
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
        return (words, wide)
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// For eight bytes below 0x80: the high bit of each byte in `low ... high`, given as
    /// `above` = 0x80 − low and `below` = 0x80 − (high + 1). Adding them sets a byte's high bit
    /// exactly when it is at least `low` (resp. above `high`), and no sum carries into the next byte.
    @inline(__always)
    private static func inRange(_ word: UInt64, above: UInt64, below: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return (word &+ above &* ones) & ~(word &+ below &* ones) & highBits
    }
}
