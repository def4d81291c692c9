import Foundation

/// The build's search stage: every published page's own text (title, tags, summary, body as
/// rendered by the Markdown stage; never menus or footers) analysed per language and written
/// as that language's index. Left out: drafts and future pages (even when a preview build
/// publishes them), fallback copies, and pages with `search: false` or `noindex: true`.
struct SearchStage {
    let site: Site
    let bodies: [RenderedBody]
    let localization: Localization
    var now = Date()

    /// One index per site language (a language without pages has an empty one), the languages
    /// on all cores, each read and written by one thread; taken from `cache` when a language's
    /// pages say what they said when it was stored. `keepsDocuments` is no longer needed
    /// (`update` reads a changed language again from the bodies) and is kept for the callers.
    func run(keepsDocuments: Bool = false, cache: SearchIndexCache? = nil) -> SearchIndexState {
        let languages = site.config.languages
        let indexed = languages.map { language in
            (site.pagesByLanguage[language.code] ?? []).filter(isIndexed).sorted { site.pages[$0].path < site.pages[$1].path }
        }
        // The longest languages first, so the last one to start is a short one.
        let order = languages.indices.sorted { left, right in
            let (l, r) = (textSize(indexed[left]), textSize(indexed[right]))
            return l != r ? l > r : left < right
        }
        let probes = cache?.probes(languages.map(\.code)) ?? [:]
        let built = order.parallelMap { number -> (files: SearchIndexFiles, pagesRead: Int) in
            let code = languages[number].code
            let pages = indexed[number].map(input)
            guard let cache else { return (index(code, pages: pages), pages.count) }
            return index(code, pages: pages, cache: cache, probe: probes[code] ?? "")
        }
        var state = SearchIndexState(languages: [:])
        for (number, (files, pagesRead)) in zip(order, built) {
            state.languages[languages[number].code] = .init(pages: indexed[number], files: files, pagesRead: pagesRead)
        }
        return state
    }

    /// One language's index through the cache: its files when the pages are what they were
    /// when they were stored; else the pages the last indexing of the language read as they are
    /// now are taken from its postings (`SearchPostingsArchive`), only the others read again.
    private func index(
        _ code: String, pages: [SearchPageInput], cache: SearchIndexCache, probe: String
    ) -> (files: SearchIndexFiles, pagesRead: Int) {
        let fingerprints = pages.map(\.fingerprint)
        let key = SearchIndexCache.key(code, rootPath: site.config.rootPath, probe: probe, pageFingerprints: fingerprints)
        if let stored = cache.files(for: code, key: key) { return (stored, 0) }
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: code))
        var pagesRead = 0
        let previous = cache.postings(for: code, probe: probe)
        let known = previous?.documentsByFingerprint ?? [:]
        var remap = [Int32](repeating: -1, count: previous?.kinds.count ?? 0)
        for (page, fingerprint) in zip(pages, fingerprints) {
            if let previous, let document = known[fingerprint] {
                postings.append(previous, document: document, remap: &remap)
            } else {
                page.add(to: &postings)
                pagesRead += 1
            }
        }
        let files = SearchIndexBuilder(languageCode: code, rootPath: site.config.rootPath, postings: postings).build()
        cache.store(files, for: code, key: key)
        // Mostly Han text (each character in up to four runs) keeps hundreds of megabytes of
        // postings, which take longer to write and read back than the text takes to read.
        if postings.grams.records.count < postings.postingCount {
            cache.store(SearchPostingsArchive(postings, fingerprints: fingerprints), for: code, probe: probe)
        } else {
            cache.removePostings(for: code)
        }
        return (files, pagesRead)
    }

    /// `state` after the pages `changed` got new bodies: their languages indexed again; nil when
    /// a page joined or left the index (its front matter changed `search` or `noindex`), which
    /// takes a full build.
    func update(_ state: SearchIndexState, changed: [Int]) -> SearchIndexState? {
        var state = state
        var touched: Set<String> = []
        for index in changed {
            let code = site.pages[index].language.code
            guard let language = state.languages[code] else { return nil }
            guard language.pages.contains(index) == isIndexed(index) else { return nil }
            if isIndexed(index) { touched.insert(code) }
        }
        for code in touched.sorted() {
            state.languages[code]!.files = index(code, pages: state.languages[code]!.pages.map(input))
            state.languages[code]!.pagesRead = state.languages[code]!.pages.count
        }
        return state
    }

    private func textSize(_ pages: [Int]) -> Int { pages.reduce(0) { $0 + bodies[$1].html.count } }

    /// One language's index of `pages`, in that order.
    private func index(_ code: String, pages: [SearchPageInput]) -> SearchIndexFiles {
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: code))
        for page in pages { page.add(to: &postings) }
        return SearchIndexBuilder(languageCode: code, rootPath: site.config.rootPath, postings: postings).build()
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

    /// Everything of a page that its index entry is made from.
    private func input(_ index: Int) -> SearchPageInput {
        let page = site.pages[index]
        let tags = page.tags.map { tag in
            TagName.slug(tag).flatMap { localization.string("tag." + $0, in: page.language) } ?? tag
        }
        // A section's list shows its pages, which are what a reader is looking for: its own
        // title and intro count a quarter (its short text would otherwise outscore them).
        return SearchPageInput(
            url: site.config.rootPath + URLPath.encodePath(page.path), title: page.title, section: sectionName(page),
            tags: tags.joined(separator: " "), summary: page.frontMatter.summary, html: bodies[index].html,
            boost: page.kind == .section ? 0.25 : 1)
    }

    /// The top-level section the page is in (its list's title); the home page for pages at the top.
    private func sectionName(_ page: Page) -> String {
        let top = page.folder.split(separator: "/").first.map(String.init) ?? ""
        guard let section = site.sections[page.language.code]?[top] else { return "" }
        return site.pages[section.page].title
    }
}
