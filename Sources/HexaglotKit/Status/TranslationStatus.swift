/// The translation status matrix of a site: every page of the default language (a row) against
/// every language (a column).
public struct TranslationStatus: Sendable {
    public struct Cell: Sendable {
        public var state: TranslationState
        /// The page's file relative to the site folder (`content/fr/about.md`); nil when missing.
        public var file: String?
        public var translatedFrom: TranslationRecord?
        /// Why a page is outdated or untracked, for people (not for parsing).
        public var note: String?

        public init(state: TranslationState, file: String? = nil, translatedFrom: TranslationRecord? = nil, note: String? = nil) {
            self.state = state
            self.file = file
            self.translatedFrom = translatedFrom
            self.note = note
        }
    }

    /// One page of the default language and its translations.
    public struct Row: Sendable {
        public var translationKey: String
        /// The source file relative to the site folder: `content/zh/areas/pops.md`.
        public var file: String
        /// The source file below its language folder: `areas/pops.md`.
        public var path: String
        public var title: String
        /// `TranslationRecord.hash(ofBody:)` of the source's body now.
        public var hash: String
        /// By language code; the default language's cell is `.source`.
        public var cells: [String: Cell]
    }

    /// How far one language has come.
    public struct Coverage: Sendable {
        public var language: Language
        /// Pages of the default language: what full coverage means.
        public var total: Int
        public var current: Int, outdated: Int, untracked: Int, missing: Int

        /// current / total as a percentage, rounded down to one decimal, so that it never shows
        /// more than `isBelow` sees (79.96 is 79.9, not 80). 100 when there is nothing to translate.
        public var percent: Double {
            total == 0 ? 100 : Double(current * 1000 / total) / 10
        }

        /// Whether coverage is under `threshold` percent, compared exactly (no rounding).
        public func isBelow(_ threshold: Double) -> Bool {
            total > 0 && Double(current) * 100 < threshold * Double(total)
        }

        /// `66.6%`, `100%`.
        public var percentText: String {
            let value = percent
            return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
        }
    }

    /// A page in another language whose translation key has no page in the default language:
    /// nothing to check it against, so it is listed apart and not counted.
    public struct Orphan: Sendable {
        public var translationKey: String
        public var language: Language
        public var file: String
    }

    /// The site's title in the default language.
    public var siteTitle: String
    public var defaultLanguage: Language
    /// Every language, in site.yaml order.
    public var languages: [Language]
    /// Sorted by source path.
    public var rows: [Row]
    /// Sorted by file.
    public var orphans: [Orphan]

    /// The languages that translate the default language's pages.
    public var translationLanguages: [Language] {
        languages.filter { $0.code != defaultLanguage.code }
    }

    public func coverage(of language: Language) -> Coverage {
        var coverage = Coverage(language: language, total: rows.count, current: 0, outdated: 0, untracked: 0, missing: 0)
        for row in rows {
            switch row.cells[language.code]?.state ?? .missing {
            case .current, .source: coverage.current += 1
            case .outdated: coverage.outdated += 1
            case .untracked: coverage.untracked += 1
            case .missing: coverage.missing += 1
            }
        }
        return coverage
    }

    /// Coverage of each translation language, in site order.
    public var coverages: [Coverage] { translationLanguages.map(coverage(of:)) }

    /// Every outdated translation, by language then source path.
    public var outdatedCells: [(language: Language, row: Row, cell: Cell)] {
        translationLanguages.flatMap { language in
            rows.compactMap { row in
                row.cells[language.code].flatMap { $0.state == .outdated ? (language, row, $0) : nil }
            }
        }
    }
}
