import Foundation

/// What `serve` keeps of its last good build (in its `BuildCache`) so that an edit to page
/// bodies is applied in place, in milliseconds, instead of building the whole site again.
/// Values only: the cache is handed to each update, never held.
struct BuildSnapshot {
    var site: Site
    /// Holds the bodies and list entries of the last build; rendering never reads `Page.body`.
    var renderer: SiteRenderer
    var markdown: MarkdownStage
    /// Each Markdown file of the site, by its path as diagnostics show it (`content/zh/a.md`).
    var sourceFiles: [String: SourceFile]
    var pageCounts: [(code: String, count: Int)]
    var search: SearchIndexState?
    /// The build's "now", for which dated pages are published (and so indexed).
    var now: Date

    init(_ products: BuildProducts) {
        site = products.site
        renderer = products.renderer
        markdown = products.markdown
        let markdownFiles = products.sourceFiles.values.joined().filter(\.isMarkdown).map { ($0.displayPath, $0) }
        sourceFiles = Dictionary(markdownFiles, uniquingKeysWith: { first, _ in first })
        pageCounts = products.pagesPerLanguage
        search = products.search
        now = products.now
    }
}

extension SiteBuilder {
    /// Builds after the files at `changed` (absolute paths) changed. When they are published
    /// pages whose place in the site stayed the same (`FrontMatter.givesSamePlace`, same title),
    /// only their bodies are rendered again and the files that show them (or their summary and
    /// params) replaced; anything else (a new or removed file, a title, date, tags…, a template,
    /// i18n, site.yaml, a problem to report) takes a full build.
    public func build(changed: [String]) throws(BuildFailure) -> BuildReport {
        if let report = try updateBodies(changed) { return report }
        return try build()
    }

    /// The in-place update, or nil when the change needs a full build.
    private func updateBodies(_ changed: [String]) throws(BuildFailure) -> BuildReport? {
        guard let cache = options.cache, var snapshot = cache.snapshot, !changed.isEmpty else { return nil }
        var clock = StageClock()
        let root = options.source.path + "/"
        let limit = snapshot.site.config.maximumPageBytes ?? options.maximumPageBytes
        var site = snapshot.site
        let updated: [Int]? = clock.measure("front matter") {
            var updated: [Int] = []
            for path in Set(changed).sorted() {
                guard path.hasPrefix(root) else { return nil }
                let display = String(path.dropFirst(root.count))
                guard let file = snapshot.sourceFiles[display], display.hasPrefix("content/"),
                    let index = site.pagesBySource[String(display.dropFirst("content/".count))]
                else { return nil }
                var page = site.pages[index]
                // Fallback copies show the page's body under other languages' addresses.
                guard page.fallbackOf == nil, site.fallbackPages[page.translationKey] == nil else { return nil }
                let (source, problems) = BuildPipeline.readPage(file, language: page.language, maximumBytes: limit, cache: cache)
                guard let source, problems.isEmpty, source.frontMatter.givesSamePlace(as: page.frontMatter),
                    source.titleFromHeading == page.titleFromHeading, !source.titleFromHeading || source.title == page.title
                else { return nil }
                page.frontMatter = source.frontMatter
                page.body = source.body
                page.bodyLineOffset = source.bodyLineOffset
                site.pages[index] = page
                updated.append(index)
            }
            return updated
        }
        guard let updated else { return nil }
        snapshot.site = site
        let results = try clock.measure("markdown") { () throws(BuildFailure) in
            try snapshot.markdown.render(updated, of: snapshot.site, cache: cache)
        }
        let warnings = results.flatMap(\.1)
        // Errors are reported by a full build, exactly as `hexaglot build` would.
        guard !warnings.contains(where: { $0.severity == .error }) else { return nil }
        // Variants are published by the images stage: a body that shows other images (or the same
        // ones changed) takes a full build.
        func imageSet(_ body: RenderedBody) -> Set<String> { Set(body.imageUses.map { "\($0.path) \($0.kind) \($0.planKey)" }) }
        for (index, (body, _)) in zip(updated, results) where imageSet(body) != imageSet(snapshot.renderer.bodies[index]) {
            return nil
        }
        for (index, (body, _)) in zip(updated, results) { snapshot.renderer.replaceBody(of: index, with: body) }
        let previousSearch = snapshot.search
        if let search = snapshot.search {
            let stage = SearchStage(
                site: snapshot.site, bodies: snapshot.renderer.bodies, localization: snapshot.renderer.localization, now: snapshot.now)
            guard let newSearch = clock.measure("search", { stage.update(search, changed: updated) }) else { return nil }
            snapshot.search = newSearch
            snapshot.renderer.replaceSearchIndexes(newSearch.indexes(in: snapshot.site.config.languages.map(\.code)))
        }
        let files: [String: OutputFile] = clock.measure("render") {
            var files: [String: OutputFile] = [:]
            for index in updated {
                for file in snapshot.renderer.renderFiles(showingBodyOf: index, cache: cache) where !file.isUnchanged { files[file.path] = file }
            }
            for file in Self.changedSearchFiles(from: previousSearch, to: snapshot.search, renderer: snapshot.renderer) { files[file.path] = file }
            return files
        }
        guard snapshot.renderer.templates.renderProblems.isEmpty else { return nil }
        // A write that fails half-way leaves no snapshot: the next change builds everything.
        cache.snapshot = nil
        try clock.measure("write") { () throws(BuildFailure) in
            let writer = OutputWriter(output: options.output)
            let (added, removed) = Self.searchPathChanges(from: previousSearch, to: snapshot.search)
            try writer.add(files.values.filter { added.contains($0.path) }.sorted { $0.path < $1.path })
            try writer.replace(files.values.filter { !added.contains($0.path) }.sorted { $0.path < $1.path })
            try writer.remove(removed.sorted())
        }
        cache.snapshot = snapshot

        var report = BuildReport(pagesPerLanguage: snapshot.pageCounts, filesWritten: files.count, warnings: warnings, seconds: clock.total)
        report.pagesUpdated = updated.count
        report.stages = clock.stages
        return report
    }
}

extension SiteBuilder {
    /// What an in-place update writes for search: the index files of the languages whose
    /// index changed and their search pages (which name the index's folder).
    fileprivate static func changedSearchFiles(from old: SearchIndexState?, to new: SearchIndexState?, renderer: SiteRenderer)
        -> [OutputFile]
    {
        guard let old, let new else { return [] }
        var files: [OutputFile] = []
        for language in renderer.site.config.languages {
            guard let before = old.languages[language.code], let after = new.languages[language.code],
                before.files.manifest != after.files.manifest
            else { continue }
            files += after.files.files
            if let page = renderer.searchFile(language) { files.append(page) }
        }
        return files
    }

    /// The index files that are new (in a new version folder) and those no longer published.
    fileprivate static func searchPathChanges(from old: SearchIndexState?, to new: SearchIndexState?) -> (added: Set<String>, removed: Set<String>) {
        let before = Set(old?.languages.values.flatMap { $0.files.files.map(\.path) } ?? [])
        let after = Set(new?.languages.values.flatMap { $0.files.files.map(\.path) } ?? [])
        return (after.subtracting(before), before.subtracting(after))
    }
}
