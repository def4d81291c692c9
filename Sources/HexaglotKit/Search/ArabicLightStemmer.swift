/// Arabic light stemming that costs no precision: the definite article and the particles
/// written before it (وال, بال, كال, فال, لل) are removed when three letters or more remain, so
/// البيئة finds بيئة. Suffixes stay: removing them merges unrelated words. Runs on folded words
/// (alef forms already ا); `Script/search.js` does the same.
enum ArabicLightStemmer {
    private static let prefixes = ["وال", "بال", "كال", "فال", "ال", "لل"]

    static func stem(_ word: String) -> String {
        let scalars = word.unicodeScalars
        // Only words starting with ا, و, ب, ك, ف or ل can carry one (most do not: no counting).
        guard let first = scalars.first, "اوبكفل".unicodeScalars.contains(first) else { return word }
        let count = scalars.count
        for prefix in prefixes {
            let length = prefix.unicodeScalars.count
            if count - length >= 3, scalars.starts(with: prefix.unicodeScalars) {
                return String(scalars.dropFirst(length))
            }
        }
        return word
    }
}
