import Foundation

extension TranslationStatus {
    /// Reads the site in `siteFolder` and works out its translation status.
    ///
    /// Pages dated in the future count (they will be published and need translating); drafts do
    /// not, as in a build. Errors in the content stop it, as they would stop a build, so that
    /// status never reports on a site that cannot be published; warnings are returned.
    public static func read(siteFolder: URL) throws(BuildFailure) -> (TranslationStatus, [Diagnostic]) {
        let (site, problems) = try SiteBuilder.loadSiteForTranslation(siteFolder: siteFolder)
        let (status, warnings) = TranslationStatus.of(site)
        return (status, (problems + warnings).sorted())
    }

    /// The status of an assembled site, and warnings about records that cannot be checked.
    public static func of(_ site: Site) -> (TranslationStatus, [Diagnostic]) {
        let config = site.config
        let markdownPages = site.pages.indices.filter { site.pages[$0].sourcePath != nil && site.pages[$0].fallbackOf == nil }
        var rows: [Row] = []
        var orphans: [Orphan] = []
        for index in markdownPages {
            let page = site.pages[index]
            guard page.language.code == config.defaultLanguage.code else {
                if sourcePage(site, key: page.translationKey, language: config.defaultLanguage.code) == nil {
                    orphans.append(Orphan(translationKey: page.translationKey, language: page.language, file: page.sourcePath!))
                }
                continue
            }
            let file = page.sourcePath!
            var cells = [config.defaultLanguage.code: Cell(state: .source, file: file)]
            for language in config.languages where language.code != config.defaultLanguage.code {
                cells[language.code] = cell(site, key: page.translationKey, language: language.code, chain: [])
            }
            rows.append(
                Row(
                    translationKey: page.translationKey, file: file,
                    path: String(file.dropFirst("content/\(page.language.code)/".count)), title: page.title,
                    hash: TranslationRecord.hash(ofBody: page.body), cells: cells))
        }
        rows.sort { $0.path < $1.path }
        orphans.sort { $0.file < $1.file }
        let status = TranslationStatus(
            siteTitle: config.title(for: config.defaultLanguage), defaultLanguage: config.defaultLanguage,
            languages: config.languages, rows: rows, orphans: orphans)
        return (status, recordWarnings(site, markdownPages: markdownPages))
    }

    /// The page with a translation key in a language, if it comes from a Markdown file.
    private static func sourcePage(_ site: Site, key: String, language: String) -> Page? {
        guard let index = site.translations[key]?[language], site.pages[index].sourcePath != nil else { return nil }
        return site.pages[index]
    }

    /// The state of one translation. A translation made from another translation (Arabic from
    /// English, itself from Chinese) is only as current as the page it was made from: `chain`
    /// holds the languages already followed, so a loop of records ends as untracked.
    private static func cell(_ site: Site, key: String, language: String, chain: [String]) -> Cell {
        guard let page = sourcePage(site, key: key, language: language) else { return Cell(state: .missing) }
        let file = page.sourcePath
        guard let record = page.frontMatter.translatedFrom else {
            return Cell(state: .untracked, file: file, note: "no translatedFrom record")
        }
        let config = site.config
        guard record.language != language, config.languages.contains(where: { $0.code == record.language }) else {
            return Cell(state: .untracked, file: file, translatedFrom: record, note: "translatedFrom names no other language of the site")
        }
        guard let origin = sourcePage(site, key: key, language: record.language) else {
            return Cell(
                state: .outdated, file: file, translatedFrom: record,
                note: "translated from \(record.language), which has no such page any more")
        }
        guard TranslationRecord.hash(ofBody: origin.body) == record.hash else {
            return Cell(
                state: .outdated, file: file, translatedFrom: record,
                note: "\(origin.sourcePath ?? record.language) changed since it was translated")
        }
        if record.language == config.defaultLanguage.code {
            return Cell(state: .current, file: file, translatedFrom: record)
        }
        guard !chain.contains(record.language) else {
            return Cell(state: .untracked, file: file, translatedFrom: record, note: "translatedFrom records go round in a circle")
        }
        let upstream = cell(site, key: key, language: record.language, chain: chain + [language])
        switch upstream.state {
        case .current, .source:
            return Cell(state: .current, file: file, translatedFrom: record, note: "via \(record.language)")
        case .outdated:
            return Cell(
                state: .outdated, file: file, translatedFrom: record,
                note: "translated from \(record.language), which is outdated")
        case .untracked, .missing:
            return Cell(
                state: .untracked, file: file, translatedFrom: record,
                note: "translated from \(record.language), which is untracked")
        }
    }

    /// Records that name a language the site does not have, or the page's own language.
    /// The default language's pages are the sources: their records are not checked.
    private static func recordWarnings(_ site: Site, markdownPages: [Int]) -> [Diagnostic] {
        let config = site.config
        let codes = Set(config.languages.map(\.code))
        return markdownPages.compactMap { index in
            let page = site.pages[index]
            guard page.language.code != config.defaultLanguage.code, let record = page.frontMatter.translatedFrom else { return nil }
            let place = record.languageLocation ?? page.sourcePath.map { SourceLocation(file: $0) }
            if record.language == page.language.code {
                return .warning(
                    "translatedFrom names this page's own language '\(record.language)'; name the language it was translated from",
                    at: place)
            }
            if !codes.contains(record.language) {
                let known = config.languages.map(\.code).joined(separator: ", ")
                return .warning(
                    "translatedFrom names language '\(record.language)', which is not one of the site's languages (\(known)); this translation cannot be checked",
                    at: place)
            }
            return nil
        }
    }
}
