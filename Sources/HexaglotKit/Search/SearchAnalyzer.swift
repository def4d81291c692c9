import Foundation

/// Text to search terms, the same at build time (here) and in the reader's browser
/// (`Script/search.js`, which a test keeps identical): words folded (`SearchFolding`) and
/// stemmed by the language's stemmer; Han text as every character and every pair of adjacent
/// characters, so any substring of two or more characters is a chain of pairs.
struct SearchAnalyzer: Sendable {
    /// The stemmer of the page's language: takes and returns a folded, lower-cased word.
    typealias Stem = @Sendable (String) -> String

    let languageCode: String
    let stem: Stem

    init(languageCode: String, stem: Stem? = nil) {
        self.languageCode = languageCode
        self.stem = stem ?? Self.defaultStem(languageCode)
    }

    /// Arabic's light stemmer is search's own; English, French, Spanish and Russian take
    /// Snowball's (libstemmer here, `stemmers.js` in the browser, tested to agree); other
    /// languages are matched by whole folded words.
    static func defaultStem(_ languageCode: String) -> Stem {
        if languageCode == "ar" { return ArabicLightStemmer.stem }
        guard let snowball = SnowballStemmer(languageCode: languageCode) else { return { $0 } }
        return { snowball.stem($0) }
    }

    /// The tokens of `text`, positions from `start`; `next` is the position after the last.
    func tokens(_ text: String, from start: Int = 0) -> (tokens: [SearchToken], next: Int) {
        var tokens: [SearchToken] = []
        var position = start
        var word = ""
        var wordHasMark = false
        var previousHan: String?

        func endWord() {
            guard !word.isEmpty || wordHasMark else { return }
            if let term = term(of: word, hasMark: wordHasMark) {
                tokens.append(SearchToken(term: term, position: position, kind: .word))
                position += 1
            }
            word = ""
            wordHasMark = false
        }

        for scalar in text.unicodeScalars {
            if SearchFolding.isHan(scalar.value) {
                endWord()
                // Han characters and kana have no case and nothing to fold: each is itself.
                let character = String(scalar)
                tokens.append(SearchToken(term: character, position: position, kind: .hanCharacter))
                if let previous = previousHan {
                    tokens.append(SearchToken(term: previous + character, position: position - 1, kind: .hanPair))
                }
                previousHan = character
                position += 1
            } else if SearchFolding.isWordCharacter(scalar) {
                previousHan = nil
                if scalar.value >= 0x300, SearchFolding.isMark(scalar) { wordHasMark = true }
                SearchFolding.foldBeforeStemming(scalar, into: &word)
            } else {
                previousHan = nil
                endWord()
            }
        }
        endWord()
        return (tokens, position)
    }

    /// A word as the index holds it: composed (when it has combining marks), stemmed, then
    /// without Latin diacritics; nil when folding left nothing (harakat alone).
    private func term(of word: String, hasMark: Bool) -> String? {
        let composed = hasMark ? word.precomposedStringWithCanonicalMapping : word
        guard !composed.isEmpty else { return nil }
        let stemmed = stem(composed)
        let folded = SearchFolding.foldAfterStemming(stemmed.isEmpty ? composed : stemmed)
        return folded.isEmpty ? nil : folded
    }
}
