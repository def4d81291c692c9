import Foundation

/// Text to search terms, the same at build time (here) and in the reader's browser
/// (`Script/search.js`, which a test keeps identical): words folded (`SearchFolding`) and
/// stemmed by the language's stemmer; Han text as every character, every pair of adjacent
/// characters and every run of three and four (a query of up to four characters is one term),
/// so any longer substring is a chain of pairs.
struct SearchAnalyzer: Sendable {
    /// Arabic's light stemmer is search's own; English, French, Spanish and Russian take
    /// Snowball's (libstemmer here, `stemmers.js` in the browser, tested to agree); other
    /// languages are matched by whole folded words.
    enum Stemmer: Sendable {
        case snowball(SnowballStemmer)
        case arabic
        case none
    }

    let languageCode: String
    let stemmer: Stemmer

    init(languageCode: String) {
        self.languageCode = languageCode
        if languageCode == "ar" {
            stemmer = .arabic
        } else if let snowball = SnowballStemmer(languageCode: languageCode) {
            stemmer = .snowball(snowball)
        } else {
            stemmer = .none
        }
    }

    /// Whether a word's accents are taken off after it is stemmed (Snowball's languages): then a
    /// word whose accents change its stem is also indexed by its stem without them
    /// (`SearchVocabulary.accentFreeTerm`), as the query a reader types without accents stems.
    var foldsAccentsAfterStemming: Bool {
        if case .snowball = stemmer { return true }
        return false
    }

    /// Whether words have forms beside their stems (Arabic: which article or particle came
    /// before the stem), kept per page in the index.
    var hasForms: Bool {
        if case .arabic = stemmer { return true }
        return false
    }

    /// The stem of a folded, lower-cased word (UTF-8) into `stem`, the word itself when the
    /// stemmer leaves nothing; returns the word's form (0 where words have none).
    func stem(_ word: UnsafeBufferPointer<UInt8>, into stem: inout [UInt8]) -> UInt8 {
        stem.removeAll(keepingCapacity: true)
        let word = languageCode == "fr" ? UnsafeBufferPointer(rebasing: word[Self.elisionLength(word)...]) : word
        var form: UInt8 = 0
        switch stemmer {
        case .snowball(let snowball): snowball.stem(word, into: &stem)
        case .arabic:
            let prefix = ArabicLightStemmer.prefix(word)
            form = prefix.form
            stem.append(contentsOf: word[prefix.length...])
        case .none: stem.append(contentsOf: word)
        }
        if stem.isEmpty { stem.append(contentsOf: word) }
        return form
    }

    /// French elisions (Lucene's list): `l'`, `d'`, `qu'`… before a word are not part of it.
    private static let elisions: [[UInt8]] = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"]
        .map { Array($0.utf8) }

    /// How many bytes of `word` an elision and its apostrophe take (0: none).
    static func elisionLength(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        guard let apostrophe = word.prefix(7).firstIndex(of: 0x27) else { return 0 }
        return elisions.contains { $0.elementsEqual(word[..<apostrophe]) } ? apostrophe + 1 : 0
    }

    /// The tokens of `text`, positions from `start`; `next` is the position after the last. (The
    /// index reads its text through a `SearchVocabulary` kept for the whole language; this is
    /// the same reading with one made for the text, for tests and comparisons.)
    func tokens(_ text: String, from start: Int = 0) -> (tokens: [SearchToken], next: Int) {
        var vocabulary = SearchVocabulary(analyzer: self)
        var list = SearchTokenList()
        let next = vocabulary.read(text, from: Int32(start), into: &list)
        var tokens: [SearchToken] = []
        var gram = 0, bytes: [UInt8] = []
        for index in 0...list.terms.count {
            while gram < list.grams.count, list.gramPlaces[gram] == index {
                vocabulary.gramBytes(list.grams[gram], into: &bytes)
                tokens.append(SearchToken(term: String(decoding: bytes, as: UTF8.self), position: Int(list.gramPositions[gram]), kind: .hanGram))
                gram += 1
            }
            guard index < list.terms.count else { break }
            let term = list.terms[index]
            tokens.append(
                SearchToken(
                    term: vocabulary.term(term), position: Int(list.positions[index]), kind: vocabulary.kinds[Int(term)],
                    form: list.forms[index] & ~SearchTokenList.accentFreeForm))
        }
        return (tokens, Int(next))
    }
}
