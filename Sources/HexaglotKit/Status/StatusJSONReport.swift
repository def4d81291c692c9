import Foundation

/// The translation status as JSON for CI and other tools. The schema is documented in the
/// README ("Translation status"); `schemaVersion` changes only when a field changes meaning
/// or disappears. Keys are sorted and the output is the same for the same content.
public struct StatusJSONReport: Encodable, Sendable {
    public static let schemaVersion = 1

    struct LanguageEntry: Encodable {
        var code: String, name: String, locale: String, dir: String
        var isDefault: Bool
    }

    struct CoverageEntry: Encodable {
        var total: Int, current: Int, outdated: Int, untracked: Int, missing: Int
        var percent: Double
    }

    struct RecordEntry: Encodable {
        var language: String, hash: String
    }

    struct CellEntry: Encodable {
        var state: TranslationState
        var file: String?
        var translatedFrom: RecordEntry?
        var note: String?
    }

    struct PageEntry: Encodable {
        var translationKey: String, source: String, title: String, hash: String
        var translations: [String: CellEntry]
    }

    struct OrphanEntry: Encodable {
        var translationKey: String, language: String, file: String
    }

    var schemaVersion = StatusJSONReport.schemaVersion
    var site: String
    var defaultLanguage: String
    var languages: [LanguageEntry]
    var coverage: [String: CoverageEntry]
    var pages: [PageEntry]
    var orphans: [OrphanEntry]

    public init(status: TranslationStatus) {
        site = status.siteTitle
        defaultLanguage = status.defaultLanguage.code
        languages = status.languages.map {
            LanguageEntry(
                code: $0.code, name: $0.name, locale: $0.locale, dir: $0.direction.rawValue,
                isDefault: $0.code == status.defaultLanguage.code)
        }
        coverage = Dictionary(
            uniqueKeysWithValues: status.coverages.map {
                (
                    $0.language.code,
                    CoverageEntry(
                        total: $0.total, current: $0.current, outdated: $0.outdated,
                        untracked: $0.untracked, missing: $0.missing, percent: $0.percent)
                )
            })
        pages = status.rows.map { row in
            PageEntry(
                translationKey: row.translationKey, source: row.file, title: row.title, hash: row.hash,
                translations: row.cells.mapValues { cell in
                    CellEntry(
                        state: cell.state, file: cell.file,
                        translatedFrom: cell.translatedFrom.map { RecordEntry(language: $0.language, hash: $0.hash) },
                        note: cell.note)
                })
        }
        orphans = status.orphans.map { OrphanEntry(translationKey: $0.translationKey, language: $0.language.code, file: $0.file) }
    }

    /// Pretty-printed, keys sorted, ending in a newline.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
