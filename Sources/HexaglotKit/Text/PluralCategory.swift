/// CLDR plural categories for whole numbers, so "3 pages" takes the right form in each
/// language (Russian has one/few/many, Arabic zero/one/two/few/many/other).
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other
}
