/// The two languages of an export or a memory, as `--from` and `--to` name them: `--from`
/// defaults to the site's default language; both must be languages of the site, and differ.
enum TranslationPair {
    static func languages(_ config: SiteConfig, from: String?, to: String) throws(TranslationUsageError) -> (source: Language, target: Language) {
        let codes = config.languages.map(\.code)
        guard let target = config.languages.first(where: { $0.code == to }) else {
            throw TranslationUsageError(reason: .unknownLanguage(to, known: codes))
        }
        guard let source = from.map({ code in config.languages.first { $0.code == code } }) ?? config.defaultLanguage else {
            throw TranslationUsageError(reason: .unknownLanguage(from ?? "", known: codes))
        }
        guard target.code != source.code else { throw TranslationUsageError(reason: .sameLanguage(target.code)) }
        return (source, target)
    }
}

extension Site {
    /// The Markdown page with translation `key` in `language`; nil when there is none (or only
    /// the copy of another language's page that the build shows in its place).
    func markdownPage(key: String, language: String) -> Page? {
        guard let index = translations[key]?[language], pages[index].sourcePath != nil, pages[index].fallbackOf == nil else { return nil }
        return pages[index]
    }
}
