/// Arabic light stemming that costs no precision: the definite article and the particles
/// written before it (وال, بال, كال, فال, لل) are removed when three letters or more remain, so
/// البيئة finds بيئة. Suffixes stay: removing them merges unrelated words. Runs on folded words
/// (alef forms already ا); `Script/search.js` does the same.
enum ArabicLightStemmer {
    /// The prefixes as UTF-8, in the order they are tried (وال before ال).
    private static let prefixes: [[UInt8]] = ["وال", "بال", "كال", "فال", "ال", "لل"].map { Array($0.utf8) }

    /// How many bytes of `word` (UTF-8) the prefix takes; 0 when it has none.
    static func prefixLength(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        // Only words starting with ا, و, ب, ك, ف or ل can carry one; all are two bytes, D8 or D9 first.
        guard word.count >= 4, word[0] == 0xD8 || word[0] == 0xD9 else { return 0 }
        for prefix in prefixes where word.starts(with: prefix) {
            // Three letters or more left: count the scalars (the bytes that start one).
            if word[prefix.count...].reduce(0, { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }) >= 3 { return prefix.count }
            return 0
        }
        return 0
    }

}
