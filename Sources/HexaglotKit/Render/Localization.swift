import Foundation

/// UI strings and locale formatting for each language.
///
/// Strings come from `templates/i18n/<code>.yaml`; a key missing in one language falls back to
/// the default language's, so a half-translated theme still shows every label. A string that
/// depends on a count is a mapping of CLDR plural categories (`{one: …, few: …, other: …}`)
/// with `{count}` where the number goes.
public struct Localization: Sendable {
    private var strings: [String: [String: String]] = [:]
    /// Plural forms: language code → key → category → text.
    private var plurals: [String: [String: [PluralCategory: String]]] = [:]
    private var defaultCode: String
    /// Each language's strings with the default language's filling the gaps, made once.
    private var merged: [String: [String: String]] = [:]
    private let integers = LocalizedIntegers()

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
                var forms: [String: [PluralCategory: String]] = [:]
                Self.flatten(entries, prefix: "", into: &table, plurals: &forms, problems: &problems)
                strings[language.code] = table
                plurals[language.code] = forms
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw BuildFailure(diagnostics: problems) }
        let defaults = strings[defaultCode] ?? [:]
        for language in config.languages {
            merged[language.code] = defaults.merging(strings[language.code] ?? [:]) { _, own in own }
        }
    }

    private static func flatten(
        _ entries: [YAMLNode.Entry], prefix: String, into table: inout [String: String],
        plurals: inout [String: [PluralCategory: String]], problems: inout [Diagnostic]
    ) {
        for entry in entries {
            let key = prefix + entry.key
            if let nested = entry.value.entries {
                if nested.contains(where: { $0.key == "other" }),
                    nested.allSatisfy({ PluralCategory(rawValue: $0.key) != nil && $0.value.scalarText != nil })
                {
                    var forms: [PluralCategory: String] = [:]
                    for form in nested { forms[PluralCategory(rawValue: form.key)!] = form.value.scalarText! }
                    plurals[key] = forms
                    table[key] = forms[.other]
                    continue
                }
                flatten(nested, prefix: key + ".", into: &table, plurals: &plurals, problems: &problems)
            } else if let text = entry.value.scalarText {
                table[key] = text
            } else {
                problems.append(.error("UI string '\(key)' must be text", at: entry.value.location))
            }
        }
    }

    /// Every key of every language's UI strings.
    var allKeys: Set<String> {
        Set(strings.values.flatMap(\.keys))
    }

    /// All UI strings of a language, the default language's filling the gaps.
    public func table(for language: Language) -> [String: String] {
        merged[language.code] ?? strings[defaultCode] ?? [:]
    }

    public func string(_ key: String, in language: Language) -> String? {
        strings[language.code]?[key] ?? strings[defaultCode]?[key]
    }

    /// The form of `key` for `count` in the language's plural rules, `{count}` filled in with
    /// the number written the language's way. Falls back to the default language's forms.
    public func plural(_ key: String, count: Int, in language: Language) -> String? {
        let (forms, rulesLanguage): ([PluralCategory: String]?, String) =
            plurals[language.code]?[key] != nil
            ? (plurals[language.code]?[key], language.locale)
            : (plurals[defaultCode]?[key], defaultCode)
        guard let forms else { return string(key, in: language) }
        let category = PluralRules.category(of: count, language: rulesLanguage)
        let text = forms[category] ?? forms[.other] ?? ""
        return text.replacingOccurrences(of: "{count}", with: integers.string(count, locale: language.locale))
    }
}

/// Dates in the language's own long format: 2026年11月20日, 20 ноября 2026 г.
///
/// The day shown is the day written, in the proleptic Gregorian calendar of `PageDate`.
/// Foundation's (and ICU's) Gregorian calendar is Julian before 1582-10-15 and this toolchain
/// has no public way to move that switch, so the formatter is given the instant whose
/// fields, in that same calendar, are the written year, month and day: it shows them back.
/// Only the ten days the switch skipped (1582-10-05 to 14) have no such instant; they are
/// formatted 400 years later, where the calendars agree, with the year put back.
/// Setting a DateFormatter up (ICU, on first use) costs far more than formatting with it, so a
/// build keeps one per language rather than making one per date. Not for concurrent use.
struct LongDateFormatter {
    private let formatter = DateFormatter()
    private let yearFormatter = DateFormatter()
    private let calendar: Calendar

    init(language: Language) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        self.calendar = calendar
        formatter.locale = Locale(identifier: language.locale)
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        yearFormatter.locale = formatter.locale
        yearFormatter.calendar = calendar
        yearFormatter.timeZone = calendar.timeZone
        yearFormatter.dateFormat = "y"
    }

    func string(from date: PageDate) -> String {
        guard let asWritten = noon(date.year, date.month, date.dayOfMonth) else { return date.day }
        let fields = calendar.dateComponents([.year, .month, .day], from: asWritten)
        if fields.year == date.year, fields.month == date.month, fields.day == date.dayOfMonth {
            return formatter.string(from: asWritten)
        }
        guard let later = noon(date.year + 400, date.month, date.dayOfMonth),
            let written = noon(date.year, 1, 1), let shifted = noon(date.year + 400, 1, 1)
        else { return date.day }
        let text = formatter.string(from: later)
        let laterYear = yearFormatter.string(from: shifted)
        guard text.contains(laterYear) else { return date.day }
        return text.replacingOccurrences(of: laterYear, with: yearFormatter.string(from: written))
    }

    private func noon(_ year: Int, _ month: Int, _ day: Int) -> Date? {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))
    }
}
