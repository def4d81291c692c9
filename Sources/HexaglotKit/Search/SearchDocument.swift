/// One published page as the search index holds it: what a result shows, and its terms.
/// Terms and their uses are parallel arrays and all positions one flat array: an index holds
/// millions of term uses, and an array per use cost more in reference counting than the rest.
struct SearchDocument: Sendable {
    /// A term's use in the page: frequency weighted by field (a title word counts more) and
    /// where its positions are in `positions` (for phrases and Han substrings).
    struct TermUse: Sendable {
        var weight: Float = 0
        var occurrences: Int32 = 0
        /// The first `positionLimit` positions: `positions[start ..< start + count]`.
        var positionStart: Int32 = 0
        var positionCount: Int32 = 0
        var isHanCharacter = false
    }

    /// A part of the page and how much a word in it counts.
    struct Field {
        var text: String
        var weight: Float
    }

    var url: String
    var title: String
    var section: String
    /// The original text excerpts are cut from (the browser finds the matches in it).
    var excerptText: String
    /// Each distinct term once, in order of first appearance, with its use.
    var terms: [SearchTermKey] = []
    var uses: [TermUse] = []
    var positions: [Int32] = []
    /// Tokens in the page (Han characters count one each), for length normalisation.
    var length = 0

    /// Longest excerpt text kept, in Unicode scalars: enough for the matches of nearly every
    /// page, bounded so one result's text stays a few kilobytes on a slow link.
    static let excerptLimit = 2500

    /// `positionLimit`: positions kept per term (`SearchIndexBuilder.positionLimit`; smaller in tests).
    init(
        url: String, title: String, section: String, excerptText: String, fields: [Field], analyzer: SearchAnalyzer,
        positionLimit: Int = SearchIndexBuilder.positionLimit
    ) {
        self.url = url
        self.title = title
        self.section = section
        let scalars = excerptText.unicodeScalars
        self.excerptText =
            scalars.count > Self.excerptLimit
            ? String(String.UnicodeScalarView(scalars.prefix(Self.excerptLimit))) : excerptText
        // First pass: each token's term number (one dictionary look-up per token) and counts.
        var numbers: [SearchTermKey: Int32] = [:]
        var tokens: [(term: Int32, position: Int32)] = []
        var position = 0
        for field in fields {
            let (fieldTokens, next) = analyzer.tokens(field.text, from: position)
            for token in fieldTokens {
                let number: Int32
                let key = SearchTermKey(token.term)
                if let known = numbers[key] {
                    number = known
                } else {
                    number = Int32(terms.count)
                    numbers[key] = number
                    terms.append(key)
                    uses.append(TermUse(isHanCharacter: token.kind == .hanCharacter))
                }
                uses[Int(number)].weight += field.weight
                uses[Int(number)].occurrences += 1
                // A Han character alone is only looked up for one-character queries: no positions.
                if token.kind != .hanCharacter { tokens.append((number, Int32(token.position))) }
                if token.kind != .hanPair { length += 1 }
            }
            // One position left empty: a phrase does not run from the title into the body.
            position = next + 1
        }
        // Second pass: each term's slice of the flat positions, then the positions in order.
        var start: Int32 = 0
        for number in uses.indices where !uses[number].isHanCharacter {
            uses[number].positionStart = start
            start += min(uses[number].occurrences, Int32(positionLimit))
        }
        positions = [Int32](repeating: 0, count: Int(start))
        for (number, at) in tokens {
            let use = uses[Int(number)]
            guard use.positionCount < Int32(positionLimit) else { continue }
            positions[Int(use.positionStart + use.positionCount)] = at
            uses[Int(number)].positionCount += 1
        }
    }
}
