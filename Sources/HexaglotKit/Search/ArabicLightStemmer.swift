/// Arabic light stemming that costs no precision: the definite article and the particles
/// written before it (وال, بال, كال, فال, لل) are removed when three letters or more remain, so
/// البيئة finds بيئة. Suffixes stay: removing them merges unrelated words. Runs on folded words
/// (alef forms already ا); `Script/search.js` does the same.
enum ArabicLightStemmer {
    /// The prefixes as UTF-8, in the order they are tried (وال before ال).
    private static let prefixes: [[UInt8]] = ["وال", "بال", "كال", "فال", "ال", "لل"].map { Array($0.utf8) }

    /// Which prefix `word` (UTF-8) starts with, 1 for وال … 6 for لل (0: none, or too little
    /// left), and how many bytes it takes. The number is the word's form: the index keeps which
    /// forms of a stem a page has, so the form typed ranks first.
    static func prefix(_ word: UnsafeBufferPointer<UInt8>) -> (form: UInt8, length: Int) {
        // Only words starting with ا, و, ب, ك, ف or ل can carry one; all are two bytes, D8 or D9 first.
        guard word.count >= 4, word[0] == 0xD8 || word[0] == 0xD9 else { return (0, 0) }
        for (number, prefix) in prefixes.enumerated() where word.starts(with: prefix) {
            // Three letters or more left: count the scalars (the bytes that start one).
            if word[prefix.count...].reduce(0, { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }) >= 3 { return (UInt8(number + 1), prefix.count) }
            return (0, 0)
        }
        return (0, 0)
    }

}
