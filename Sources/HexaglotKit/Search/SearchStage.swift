import Foundation

/// The build's search stage: every published page's own text (title, tags, summary, body as
/// rendered by the Markdown stage; never menus or footers) analysed per language and written
/// as that language's index. Left out: drafts and future pages (even when a preview build
/// publishes them), fallback copies, and pages with `search: false` or `noindex: true`.
struct SearchStage {
    let site: Site
    let bodies: [RenderedBody]
    let localization: Localization
    /// The stemmer per language code; languages without one use `SearchAnalyzer.defaultStem`.
    var stemmers: [String: SearchAnalyzer.Stem] = [:]
    var now = Date()

    /// One index per site language (a language without pages has an empty one). `keepsDocuments`:
    /// the state keeps what the pages were analysed into, for `update`.
    func run(keepsDocuments: Bool = false) -> SearchIndexState {
        let languages = site.config.languages
        let analyzers = self.analyzers()
        let indexed = languages.flatMap { language in
            (site.pagesByLanguage[language.code] ?? []).filter(isIndexed).sorted { site.pages[$0].path < site.pages[$1].path }
        }
        let documents = indexed.parallelMap { index in
            document(index, analyzer: analyzers[site.pages[index].language.code]!)
        }
        var pages: [String: [Int]] = [:]
        var byLanguage: [String: [SearchDocument]] = [:]
        for (index, document) in zip(indexed, documents) {
            let code = site.pages[index].language.code
            pages[code, default: []].append(index)
            byLanguage[code, default: []].append(document)
        }
        let files = languages.parallelMap { language in
            SearchIndexBuilder(languageCode: language.code, rootPath: site.config.rootPath, documents: byLanguage[language.code] ?? []).build()
        }
        var state = SearchIndexState(languages: [:])
        for (language, files) in zip(languages, files) {
            state.languages[language.code] = .init(
                pages: pages[language.code] ?? [], documents: keepsDocuments ? byLanguage[language.code] ?? [] : [], files: files)
        }
        return state
    }

    /// `state` after the pages `changed` got new bodies: their languages indexed again from the
    /// kept documents and the changed pages' new ones; nil when a page joined or left the index
    /// (its front matter changed `search` or `noindex`), which takes a full build.
    func update(_ state: SearchIndexState, changed: [Int]) -> SearchIndexState? {
        var state = state
        let analyzers = self.analyzers()
        var touched: Set<String> = []
        for index in changed {
            let code = site.pages[index].language.code
            guard var language = state.languages[code] else { return nil }
            let position = language.pages.firstIndex(of: index)
            guard (position != nil) == isIndexed(index) else { return nil }
            guard let position else { continue }
            language.documents[position] = document(index, analyzer: analyzers[code]!)
            state.languages[code] = language
            touched.insert(code)
        }
        for code in touched.sorted() {
            let documents = state.languages[code]!.documents
            state.languages[code]!.files =
                SearchIndexBuilder(languageCode: code, rootPath: site.config.rootPath, documents: documents).build()
        }
        return state
    }

    private func analyzers() -> [String: SearchAnalyzer] {
        Dictionary(
            uniqueKeysWithValues: site.config.languages.map { ($0.code, SearchAnalyzer(languageCode: $0.code, stem: stemmers[$0.code])) })
    }

    func isIndexed(_ index: Int) -> Bool {
        let page = site.pages[index]
        if page.fallbackOf != nil || page.frontMatter.draft || !page.frontMatter.search { return false }
        if let instant = page.date?.instant, instant > now { return false }
        if let noindex = page.frontMatter.params.first(where: { $0.key == "noindex" }), noindex.value.resolved == .bool(true) {
            return false
        }
        return true
    }

    private func document(_ index: Int, analyzer: SearchAnalyzer) -> SearchDocument {
        let page = site.pages[index]
        let body = bodies[index]
        let text = SearchPlainText.text(ofHTML: body.html)
        let tags = page.tags.map { tag in
            TagName.slug(tag).flatMap { localization.string("tag." + $0, in: page.language) } ?? tag
        }
        var fields = [SearchDocument.Field(text: page.title, weight: 3), .init(text: tags.joined(separator: " "), weight: 2)]
        var excerpt = text
        if let summary = page.frontMatter.summary {
            fields.append(.init(text: summary, weight: 1))
            excerpt = summary + " " + text
        }
        fields.append(.init(text: text, weight: 1))
        return SearchDocument(
            url: site.config.rootPath + URLPath.encodePath(page.path), title: page.title, section: sectionName(page),
            excerptText: excerpt, fields: fields, analyzer: analyzer)
    }

    /// The top-level section the page is in (its list's title); the home page for pages at the top.
    private func sectionName(_ page: Page) -> String {
        let top = page.folder.split(separator: "/").first.map(String.init) ?? ""
        guard let section = site.sections[page.language.code]?[top] else { return "" }
        return site.pages[section.page].title
    }
}
