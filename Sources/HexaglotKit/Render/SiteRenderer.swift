import Foundation

/// Renders every HTML file of the site through the theme: pages, lists, tag pages, the 404
/// pages and the language choice page at the root.
///
struct SiteRenderer: Sendable {
    let site: Site
    /// The rendered bodies (the context builder's: one copy to keep up to date).
    var bodies: [RenderedBody] { builder.bodies }
    let localization: Localization
    let templates: TemplateSet
    let tracesTemplates: Bool

    /// One HTML file to render: a page, or one page of a paginated list.
    struct Job {
        var index: Int
        var number = 1
        var count = 1
        var listed: ArraySlice<Int> = []
    }

    private var builder: ContextBuilder
    /// Entries of each language's feed (languages without dated pages have none).
    private let feedEntries: [String: [Int]]
    /// The values every page of a language shares (site, lang, i18n, channels), made once.
    private let languageBases: [String: LanguageValues]
    /// The language's shared values are hashed once for page fingerprints, not per page.
    private let baseHashes: [String: UInt64]
    private let work: [Job]
    /// Each language's search index, when the theme has a search page: given once it is made
    /// (`replaceSearchIndexes`), after the other files are rendered.
    private var searchIndexes: [String: SearchIndexFiles] = [:]
    private let tagWork: [TagPageJob]

    /// `fingerprintsPages`: rendered pages will be looked up in a cache, so their fingerprints are needed.
    /// `tracesTemplates`: each file keeps which template text and tag wrote each part of it (for `check`).
    /// `hasSearch`: the site has search indexes (every page's header shows the search form).
    init(
        site: Site, bodies: [RenderedBody], localization: Localization, templates: TemplateSet, fingerprintsPages: Bool,
        tracesTemplates: Bool = false, hasSearch: Bool = false
    ) {
        self.tracesTemplates = tracesTemplates
        self.site = site
        self.localization = localization
        self.templates = templates
        var feedEntries: [String: [Int]] = [:]
        for language in site.config.languages {
            let entries = FeedWriter.entries(of: language, in: site)
            if !entries.isEmpty { feedEntries[language.code] = entries }
        }
        self.feedEntries = feedEntries
        builder = ContextBuilder(
            site: site, bodies: bodies, localization: localization,
            strings: LocalizedPageStrings(site: site, bodies: bodies, localization: localization),
            feeds: Set(feedEntries.keys), hasSearch: hasSearch)
        var bases: [String: LanguageValues] = [:]
        for language in site.config.languages { bases[language.code] = builder.languageValues(language) }
        languageBases = bases
        baseHashes = !fingerprintsPages ? [:] : bases.mapValues(\.fingerprint)
        work = Self.jobs(site)
        tagWork = Self.tagPageJobs(site)
    }

    /// Every file of the site. `write` receives each file as soon as it is rendered (the build
    /// writes it to staging there and keeps only its path); the files returned are what it gave back.
    func render(
        cache: BuildCache?, progress: (@Sendable (String) -> Void)?,
        write: @Sendable (OutputFile) -> OutputFile
    ) -> [OutputFile] {
        var totals: [String: Int] = [:]
        for job in work { totals[site.pages[job.index].language.code, default: 0] += 1 }
        let counter = ProgressCounter(stage: "pages", languages: site.config.languages.map(\.code), totals: totals, report: progress)
        let pageFiles = work.parallelMap { job -> OutputFile in
            defer { counter?.finished(site.pages[job.index].language.code) }
            return write(render(job, cache: cache))
        }
        cache?.setReusedFiles(pageFiles.filter(\.isUnchanged).count)
        var files = pageFiles
        let feeds = FeedWriter(site: site, bodies: bodies, builder: builder)
        files += tagWork.parallelMap { write(tagPage($0)) }
        // Each language's tag index, 404 page and feed, and the site-wide files, side by side: one
        // after another they left a core idle at the end of every build. (The search pages come
        // once the index is made: `searchFile`.)
        let languageFiles: [() -> [OutputFile]] = site.config.languages.map { language in
            {
                let base = languageBases[language.code]!
                var files: [OutputFile] = []
                if let index = tagIndexFile(language, builder: builder, base: base) { files.append(index) }
                files.append(notFoundFile(language, builder: builder, base: base))
                if let entries = feedEntries[language.code] { files.append(feeds.feed(for: language, entries: entries)) }
                return files
            }
        }
        let siteFiles: () -> [OutputFile] = {
            let sitemap = SitemapWriter(site: site, builder: builder)
            return [sitemap.sitemap(), sitemap.robots()] + rootFiles(builder: builder)
        }
        files += (languageFiles + [siteFiles]).parallelMap { $0().map(write) }.flatMap { $0 }
        return files
    }

    /// The search indexes once made, or after an in-place update (`searchFile` shows them).
    mutating func replaceSearchIndexes(_ indexes: [SearchIndexFiles]) {
        for index in indexes { searchIndexes[index.languageCode] = index }
    }

    /// The search page of `language`, nil when the theme has none.
    func searchFile(_ language: Language) -> OutputFile? {
        guard let index = searchIndexes[language.code] else { return nil }
        return searchFile(language, index: index, builder: builder, base: languageBases[language.code]!)
    }

    /// Gives a page a new body (its Markdown changed, nothing else about it).
    mutating func replaceBody(of index: Int, with body: RenderedBody) {
        builder.replaceBody(of: index, with: body)
    }

    /// The files that show anything of a page's body, rendered again: the page itself, the list
    /// pages and tag pages that list it (summary, reading time), its language's home (section
    /// summaries) and feed (full text). Everything else takes only titles, paths, dates and tags
    /// from other pages, which a body edit does not change.
    func renderFiles(showingBodyOf index: Int, cache: BuildCache?) -> [OutputFile] {
        let page = site.pages[index]
        let language = page.language
        let home = site.home(of: language)
        var files = work.filter { job in
            let shown = site.pages[job.index]
            guard shown.language == language else { return false }
            if job.index == index || job.index == home || job.listed.contains(index) { return true }
            return shown.kind != .page && site.sections[language.code]?[shown.folder]?.subsections.contains(index) == true
        }.parallelMap { render($0, cache: cache) }
        files += tagWork.filter { $0.language == language && $0.listed.contains(index) }.map(tagPage)
        if let entries = feedEntries[language.code], entries.contains(index) {
            files.append(FeedWriter(site: site, bodies: bodies, builder: builder).feed(for: language, entries: entries))
        }
        return files
    }

    private func render(_ job: Job, cache: BuildCache?) -> OutputFile {
        let page = site.pages[job.index]
        let base = languageBases[page.language.code]!
        let context = builder.pageContext(job.index, base: base, pageNumber: job.number, pageCount: job.count, listed: job.listed).lowered
        let layout = page.frontMatter.layout ?? page.kind.rawValue
        let path = Paginator.path(of: page.path, page: job.number) + "index.html"
        let origin = page.sourcePath ?? "content/\(page.language.code)/\(page.folder)"
        guard let cache, !tracesTemplates else { return file(path, context, layout, origin: origin) }
        let fingerprint = fingerprint(of: context, layout: layout, baseHash: baseHashes[page.language.code]!)
        if let bytes = cache.renderedFile(path, fingerprint: fingerprint) {
            return OutputFile(path: path, contents: .bytes(bytes), origin: origin, isUnchanged: true)
        }
        let bytes = templates.render(context, with: layout)
        cache.storeRenderedFile(path, .init(fingerprint: fingerprint, bytes: bytes))
        return OutputFile(path: path, contents: .bytes(bytes), origin: origin)
    }

    /// A file rendered from `layout`, with the trace of what wrote it when `check` asks.
    private func file(_ path: String, _ context: TemplateObject, _ layout: String, origin: String) -> OutputFile {
        let (bytes, trace) = templates.render(context, with: layout, tracing: tracesTemplates)
        var file = OutputFile(path: path, contents: .bytes(bytes), origin: origin)
        file.templateTrace = trace
        return file
    }

    /// What a rendered page depends on: the templates, the layout and its whole context. Page
    /// contexts add their own keys to the language's base and never replace its ones, so the
    /// base counts by its hash.
    private func fingerprint(of context: TemplateObject, layout: String, baseHash: UInt64) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(Int(truncatingIfNeeded: templates.fingerprint))
        hasher.combine(layout)
        hasher.combine(Int(truncatingIfNeeded: baseHash))
        for (field, value) in zip(context.shape.fields, context.slots) where !LanguageValues.sharedFields.contains(field.name) {
            if let value { hasher.combine(template: value) } else { hasher.combine(byte: 0) }
        }
        return hasher.value
    }

    /// Every page once; section lists split into pages of `paginate` items (the site's, or the section's own).
    static func jobs(_ site: Site) -> [Job] {
        var jobs: [Job] = []
        for (index, page) in site.pages.enumerated() {
            guard page.kind == .section, let section = site.sections[page.language.code]?[page.folder] else {
                let listed = page.kind == .home ? site.sections[page.language.code]?[""]?.pages ?? [] : []
                jobs.append(Job(index: index, listed: listed[...]))
                continue
            }
            let slices = Paginator.split(section.pages, size: page.frontMatter.paginate ?? site.config.paginate)
            for (offset, listed) in slices.enumerated() {
                jobs.append(Job(index: index, number: offset + 1, count: slices.count, listed: listed))
            }
        }
        return jobs
    }

    /// `/<lang>/tags/`: every tag of the language with its page count.
    private func tagIndexFile(_ language: Language, builder: ContextBuilder, base: LanguageValues) -> OutputFile? {
        let tags = site.tags[language.code] ?? []
        guard !tags.isEmpty else { return nil }
        let indexPath = language.code + "/tags/"
        var context = generatedContext(
            language, base: base, page: syntheticPage(title: tagsTitle(language), path: indexPath, kind: "tags", builder: builder),
            builder: builder
        ) { other in
            site.tags[other.code]?.isEmpty == false ? other.code + "/tags/" : nil
        }
        context.tags = tags.map { tag in
            TagIndexEntry(
                name: builder.tagName(slug: tag.slug, fallback: tag.name, in: language),
                url: builder.url(builder.tagPath(tag.slug, language)), count: tag.pages.count,
                countLabel: localization.plural("page_count", count: tag.pages.count, in: language) ?? "\(tag.pages.count)")
        }
        return render(context, "tags", path: indexPath, origin: "content/\(language.code)")
    }

    /// One page of one tag's list.
    struct TagPageJob {
        let language: Language
        let tag: Int
        let number: Int
        let count: Int
        let listed: ArraySlice<Int>
    }

    static func tagPageJobs(_ site: Site) -> [TagPageJob] {
        site.config.languages.flatMap { language in
            (site.tags[language.code] ?? []).enumerated().flatMap { index, tag in
                let slices = Paginator.split(tag.pages, size: site.config.paginate)
                return slices.enumerated().map { offset, listed in
                    TagPageJob(language: language, tag: index, number: offset + 1, count: slices.count, listed: listed)
                }
            }
        }
    }

    private func tagPage(_ job: TagPageJob) -> OutputFile {
        let language = job.language
        let base = languageBases[language.code]!
        let tag = site.tags[language.code]![job.tag]
        let path = builder.tagPath(tag.slug, language)
        let name = builder.tagName(slug: tag.slug, fallback: tag.name, in: language)
        let pagePath = Paginator.path(of: path, page: job.number)
        var context = generatedContext(
            language, base: base, page: syntheticPage(title: name, path: pagePath, kind: "tag", builder: builder),
            builder: builder
        ) { other in
            site.tags[other.code]?.contains { $0.slug == tag.slug } == true ? builder.tagPath(tag.slug, other) : nil
        }
        context.tag = TagData(name: name, slug: tag.slug, pages: job.listed.map(builder.item))
        if job.count > 1 { context.pagination = builder.pagination(path, number: job.number, count: job.count) }
        context.breadcrumbs += [Crumb(title: tagsTitle(language), url: builder.url(language.code + "/tags/"))]
        return render(context, "tag", path: pagePath, origin: "content/\(language.code)")
    }

    private func tagsTitle(_ language: Language) -> String {
        localization.string("tags", in: language) ?? "Tags"
    }

    private func notFoundFile(_ language: Language, builder: ContextBuilder, base: LanguageValues) -> OutputFile {
        let path = language.code + "/404.html"
        let title = localization.string("page_not_found", in: language) ?? "Page not found"
        var page = syntheticPage(title: title, path: language.code + "/", kind: "404", builder: builder)
        page.url = builder.url(path)
        page.permalink = builder.permalink(path)
        page.canonical = builder.permalink(path)
        page.noindex = true
        var context = generatedContext(language, base: base, page: page, builder: builder) { $0.code + "/404.html" }
        context.breadcrumbs = []
        return file(path, context.lowered, "404", origin: "content/\(language.code)")
    }

    /// `/<lang>/search/`: the form, where the script lists results, and the sections without it.
    private func searchFile(_ language: Language, index: SearchIndexFiles, builder: ContextBuilder, base: LanguageValues) -> OutputFile {
        let path = language.code + "/search/"
        let title = localization.string("search_title", in: language) ?? "Search"
        var page = syntheticPage(title: title, path: path, kind: "search", builder: builder)
        // Result lists are not pages of their own for search engines.
        page.noindex = true
        var context = generatedContext(language, base: base, page: page, builder: builder) { $0.code + "/search/" }
        let sections = site.home(of: language).flatMap { site.sections[language.code]?[site.pages[$0].folder]?.subsections } ?? []
        context.search = SearchData(
            index: index.manifest, scriptURL: builder.url(SearchScript.path), documentCount: index.documentCount,
            sections: sections.map { Crumb(title: site.pages[$0].title, url: builder.url(site.pages[$0].path)) })
        return render(context, "search", path: path, origin: "content/\(language.code)")
    }

    /// The language choice page and the root 404, each language in its own words.
    private func rootFiles(builder: ContextBuilder) -> [OutputFile] {
        let config = site.config
        let languages = config.languages.map { language in
            LanguageChoice(
                code: language.code, name: language.name, locale: language.locale, dir: language.direction.rawValue,
                url: builder.url(language.code + "/"), siteTitle: config.title(for: language),
                notFoundTitle: localization.string("page_not_found", in: language) ?? "Page not found",
                notFoundText: localization.string("page_not_found_text", in: language) ?? "",
                i18n: languageBases[language.code]!.i18n)
        }
        let defaultLanguage = config.defaultLanguage
        let base = languageBases[defaultLanguage.code]!
        let context = LanguageChoiceContext(
            site: base.site, lang: base.lang, i18n: base.i18n, channels: base.channels, languages: languages,
            defaultLanguage: DefaultLanguageData(
                code: defaultLanguage.code, locale: defaultLanguage.locale,
                dir: defaultLanguage.direction.rawValue),
            page: RootPageData(
                title: config.title(for: defaultLanguage), url: builder.url(""), permalink: builder.permalink(""),
                kind: "languages")
        ).lowered
        return [
            file("index.html", context, "languages", origin: "content"),
            file("404.html", context, "root-404", origin: "content"),
        ]
    }

    // MARK: Helpers

    private func render(_ context: PageContext, _ template: String, path: String, origin: String) -> OutputFile {
        file(path + "index.html", context.lowered, template, origin: origin)
    }

    /// The context of a generated page (tags, a tag, 404): the language's values, a switcher
    /// whose `target` gives the path in another language (nil: its home), the menu, the home crumb.
    private func generatedContext(
        _ language: Language, base: LanguageValues, page: PageData, builder: ContextBuilder,
        target: (Language) -> String?
    ) -> PageContext {
        let languages = site.config.languages.map { other in
            let path = target(other)
            return builder.languageLink(other, current: language, url: builder.url(path ?? other.code + "/"), isTranslated: path != nil)
        }
        return base.context(
            page: page, languages: languages, menu: builder.menu(for: homePage(language), index: -1),
            breadcrumbs: homeCrumb(language, builder: builder))
    }

    private func syntheticPage(title: String, path: String, kind: String, builder: ContextBuilder) -> PageData {
        PageData(
            title: title, kind: kind, isHome: false, content: Markup(html: ""), url: builder.url(path),
            permalink: builder.permalink(path), canonical: builder.permalink(path), tags: [], params: OpenValues(value: .map([:])))
    }

    private func homePage(_ language: Language) -> Page {
        site.home(of: language).map { site.pages[$0] }
            ?? Page(
                kind: .home, language: language, sourcePath: nil, folder: "", translationKey: "/", frontMatter: FrontMatter(),
                title: "", titleFromHeading: false, body: "", bodyLineOffset: 0, path: language.code + "/", date: nil)
    }

    private func homeCrumb(_ language: Language, builder: ContextBuilder) -> [Crumb] {
        guard let home = site.home(of: language) else { return [] }
        return [Crumb(title: site.pages[home].title, url: builder.url(site.pages[home].path))]
    }
}
