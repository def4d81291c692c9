/// One published page as the search index holds it: what a result shows, and its terms.
struct SearchDocument: Sendable {
    /// A term's use in the page: frequency weighted by field (a title word counts more) and
    /// positions (for phrases and Han substrings).
    struct TermUse: Sendable {
        var weight: Double = 0
        /// The first `SearchIndexBuilder.positionLimit` positions.
        var positions: [Int32] = []
        var occurrences = 0
        var isHanCharacter = false
    }

    /// A part of the page and how much a word in it counts.
    struct Field {
        var text: String
        var weight: Double
    }

    var url: String
    var title: String
    var section: String
    /// The original text excerpts are cut from (the browser finds the matches in it).
    var excerptText: String
    var terms: [String: TermUse] = [:]
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
        var position = 0
        for field in fields {
            let (tokens, next) = analyzer.tokens(field.text, from: position)
            for token in tokens {
                var use = terms[token.term] ?? TermUse(isHanCharacter: token.kind == .hanCharacter)
                use.weight += field.weight
                // A Han character alone is only looked up for one-character queries: no positions.
                if token.kind != .hanCharacter, use.occurrences < positionLimit {
                    use.positions.append(Int32(token.position))
                }
                use.occurrences += 1
                terms[token.term] = use
                if token.kind != .hanPair { length += 1 }
            }
            // One position left empty: a phrase does not run from the title into the body.
            position = next + 1
        }
    }
}
