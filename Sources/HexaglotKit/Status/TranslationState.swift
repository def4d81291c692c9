/// Where a page in one language stands against its source.
public enum TranslationState: String, Sendable, Codable, CaseIterable {
    /// A page of the default language: what the others translate.
    case source
    /// Its `translatedFrom` record matches the page it was translated from, which is the source
    /// or itself current.
    case current
    /// The page it was translated from changed since (or is gone, or is itself outdated).
    case outdated
    /// The page exists but cannot be checked: no `translatedFrom` record, or one that names no
    /// usable language, or a chain of records that never reaches the source.
    case untracked
    /// No page for this translation key in this language.
    case missing
}
