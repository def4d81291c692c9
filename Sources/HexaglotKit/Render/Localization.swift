import Foundation

/// UI strings and locale formatting for each language.
///
/// Strings come from `templates/i18n/<code>.yaml`; a key missing in one language falls back to
/// the default language's, so a half-translated theme still shows every label.
public struct Localization: Sendable {
    private var strings: [String: [String: String]] = [:]
    private var defaultCode: String

    public init(config: SiteConfig, i18nFolder: URL, folderDisplayPath: String) throws(BuildFailure) {
        defaultCode = config.defaultLanguage.code
        var problems: [Diagnostic] = []
        for language in config.languages {
            let file = i18nFolder.appendingPathComponent(language.code + ".yaml")
            let display = folderDisplayPath + "/" + language.code + ".yaml"
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            do {
                let text = try SourceText.decode(data, file: display).text
                guard let root = try YAMLReader(file: display).read(text) else { continue }
                guard let entries = root.entries else {
                    problems.append(.error("UI strings must be a mapping of key: text", at: root.location))
                    continue
                }
                var table: [String: String] = [:]
                Self.flatten(entries, prefix: "", into: &table, problems: &problems)
                strings[language.code] = table
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw BuildFailure(diagnostics: problems) }
    }

    private static func flatten(_ entries: [YAMLNode.Entry], prefix: String, into table: inout [String: String],
                                problems: inout [Diagnostic]) {
        for entry in entries {
            let key = prefix + entry.key
            if let nested = entry.value.entries {
                flatten(nested, prefix: key + ".", into: &table, problems: &problems)
            } else if let text = entry.value.scalarText {
                table[key] = text
            } else {
                problems.append(.error("UI string '\(key)' must be text", at: entry.value.location))
            }
        }
    }

    /// All UI strings of a language, the default language's filling the gaps.
    public func table(for language: Language) -> [String: String] {
        var merged = strings[defaultCode] ?? [:]
        merged.merge(strings[language.code] ?? [:]) { _, own in own }
        return merged
    }

    public func string(_ key: String, in language: Language) -> String? {
        strings[language.code]?[key] ?? strings[defaultCode]?[key]
    }

    /// A calendar date in the language's own long format: 2026年11月20日, 20 ноября 2026 г.
    public static func longDate(_ date: PageDate, in language: Language) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language.locale)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.dayOfMonth
        components.hour = 12
        guard let noon = calendar.date(from: components) else { return date.day }
        return formatter.string(from: noon)
    }
}
