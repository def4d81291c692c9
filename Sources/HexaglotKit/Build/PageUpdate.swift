import Foundation

/// What `serve` keeps of its last good build (in its `BuildCache`) so that an edit to page
/// bodies is applied in place, in milliseconds, instead of building the whole site again.
struct BuildSnapshot {
    var site: Site
    /// Holds the bodies and list entries of the last build; rendering never reads `Page.body`.
    /// Kept without its cache (the cache holds the snapshot), given it back for each update.
    var renderer: SiteRenderer
    var markdown: MarkdownStage
    /// Each Markdown file of the site, by its path as diagnostics show it (`content/zh/a.md`).
    var sourceFiles: [String: SourceFile]
    var pageCounts: [(code: String, count: Int)]
}

extension SiteBuilder {
    /// Builds after the files at `changed` (absolute paths) changed. When they are published
    /// pages whose place in the site stayed the same (`FrontMatter.givesSamePlace`, same title),
    /// only their bodies are rendered again and the files that show them (or their summary and
    /// params) replaced; anything else (a new or removed file, a title, date, tags…, a template,
    /// i18n, site.yaml, a problem to report) takes a full build.
    public func build(changed: [String]) async throws(BuildFailure) -> BuildReport {
        if let report = try updateBodies(changed) { return report }
        return try await build()
    }

    /// The in-place update, or nil when the change needs a full build.
    private func updateBodies(_ changed: [String]) throws(BuildFailure) -> BuildReport? {
        guard let cache = options.cache, var snapshot = cache.snapshot, !changed.isEmpty else { return nil }
        var clock = StageClock()
        let root = options.source.path + "/"
        let limit = snapshot.site.config.maximumPageBytes ?? options.maximumPageBytes
        var updated: [Int] = []
        for path in Set(changed).sorted() {
            guard path.hasPrefix(root) else { return nil }
            let display = String(path.dropFirst(root.count))
            guard let file = snapshot.sourceFiles[display], display.hasPrefix("content/"),
                  let index = snapshot.site.pagesBySource[String(display.dropFirst("content/".count))] else { return nil }
            var page = snapshot.site.pages[index]
            // Fallback copies show the page's body under other languages' addresses.
            guard page.fallbackOf == nil, snapshot.site.fallbackPages[page.translationKey] == nil else { return nil }
            let (source, problems) = readPage(file, language: page.language, maximumBytes: limit)
            guard let source, problems.isEmpty, source.frontMatter.givesSamePlace(as: page.frontMatter),
                  source.titleFromHeading == page.titleFromHeading, !source.titleFromHeading || source.title == page.title
            else { return nil }
            page.frontMatter = source.frontMatter
            page.body = source.body
            page.bodyLineOffset = source.bodyLineOffset
            snapshot.site.pages[index] = page
            updated.append(index)
        }
        clock.record("front matter")
        let results = try snapshot.markdown.render(updated, of: snapshot.site)
        let warnings = results.flatMap(\.1)
        // Errors are reported by a full build, exactly as `hexaglot build` would.
        guard !warnings.contains(where: { $0.severity == .error }) else { return nil }
        clock.record("markdown")
        snapshot.renderer.cache = cache
        for (index, (body, _)) in zip(updated, results) { snapshot.renderer.replaceBody(of: index, with: body) }
        var files: [String: OutputFile] = [:]
        for index in updated {
            for file in snapshot.renderer.renderFiles(showingBodyOf: index) where !file.isUnchanged { files[file.path] = file }
        }
        guard snapshot.renderer.templates.renderProblems.isEmpty else { return nil }
        clock.record("templates render")
        // A write that fails half-way leaves no snapshot: the next change builds everything.
        cache.snapshot = nil
        try OutputWriter(output: options.output).replace(files.values.sorted { $0.path < $1.path })
        clock.record("write")
        snapshot.renderer.cache = nil
        cache.snapshot = snapshot

        var report = BuildReport(pagesPerLanguage: snapshot.pageCounts, filesWritten: files.count, warnings: warnings, seconds: clock.total)
        report.pagesUpdated = updated.count
        report.stages = clock.stages
        return report
    }
}
