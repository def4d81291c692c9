/// One term of analysed text at its position: a word, a Han character, or two, three or four
/// Han characters side by side (at the first one's position). Positions count words and Han
/// characters.
struct SearchToken: Equatable, Sendable {
    typealias Kind = SearchVocabulary.Kind

    var term: String
    var position: Int
    var kind: Kind
    /// The word's form where the language has them (`SearchAnalyzer.hasForms`), else 0.
    var form: UInt8 = 0
}
