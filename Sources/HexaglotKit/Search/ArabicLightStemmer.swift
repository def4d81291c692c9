/// Arabic light stemming that costs no precision: the definite article and the particles
/// written before it (وال, بال, كال, فال, لل) are removed when three letters or more remain, so
/// البيئة finds بيئة. Suffixes stay: removing them merges unrelated words. Runs on folded words
/// (alef forms already ا); `Script/search.js` does the same.
enum ArabicLightStemmer {
    private static let prefixes = ["وال", "بال", "كال", "فال", "ال", "لل"]

    static func stem(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        for prefix in prefixes {
            let prefixScalars = Array(prefix.unicodeScalars)
            if scalars.count - prefixScalars.count >= 3, scalars.starts(with: prefixScalars) {
                return String(String.UnicodeScalarView(scalars[prefixScalars.count...]))
            }
        }
        return word
    }
}
