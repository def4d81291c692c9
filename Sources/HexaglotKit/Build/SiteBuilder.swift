import Foundation

/// Builds a site: a short, linear list of stages over plain values.
///
/// Every stage reports problems to one `DiagnosticEngine` and the build goes on as far as it
/// safely can, so one run lists all the mistakes; nothing is written unless there are none.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public func build() async throws(BuildFailure) -> BuildReport {
        var clock = StageClock()
        // Before anything else reads or writes: an output that would overwrite the site is refused.
        let destination = try clock.measure("output folder") { () throws(BuildFailure) in try checkOutputFolder() }
        let inputs = clock.measure("up-to-date check") { options.skipsUnchangedBuilds ? BuildManifest.inputsHash(options) : 0 }
        if options.skipsUnchangedBuilds, let manifest = BuildManifest.read(from: options.output), manifest.inputs == inputs,
           manifest.validUntil.map({ options.now < $0 }) ?? true, let warnings = manifest.warnings,
           manifest.outputs == BuildManifest.outputsHash(options.output) {
            var report = BuildReport(pagesPerLanguage: Array(zip(manifest.pagesPerLanguage, manifest.pageCounts)).map { (code: $0.0, count: $0.1) },
                                     filesWritten: 0, warnings: warnings.map(\.diagnostic), seconds: clock.total)
            report.isUpToDate = true
            report.stages = clock.stages
            return report
        }
        // Until this build succeeds, no in-place update may start from an older one.
        options.cache?.snapshot = nil
        let engine = DiagnosticEngine()
        func stop() throws(BuildFailure) {
            if engine.hasErrors { throw BuildFailure(diagnostics: engine.diagnostics) }
        }

        let config = try clock.measure("config") { () throws(BuildFailure) in try loadConfig(engine) }
        let templates = try await clock.measure("templates") { () async throws(BuildFailure) in
            try await TemplateSet(folder: options.templates, displayPath: displayPath(options.templates))
        }
        let localization = try clock.measure("i18n") { () throws(BuildFailure) in try loadLocalization(config) }
        let files = clock.measure("discover") { discoverContent(config, engine) }
        let sources = clock.measure("front matter") { readPages(files, config, engine) }
        let site = clock.measure("assemble") { assemble(config, sources: sources, files: files, localization: localization, engine) }
        let markdown = MarkdownStage(site: site, markdownFiles: Self.markdownPaths(files), images: ImageSizes(files: publishedFiles(site)),
                                     timeLimit: options.markdownTimeLimit, cache: options.cache)
        let bodies = try clock.measure("markdown") { () throws(BuildFailure) in try renderMarkdown(markdown, site, engine) }
        checkLayouts(site, templates, engine)
        let copies = staticFiles(site, engine)
        // Names that cannot be written fail here, at their page, before anything is written.
        engine.emit(OutputPlan(site: site, copies: copies).problems())
        try stop()
        // Pages go to the staging folder as they are rendered; nothing reaches the output
        // unless the commit's path checks pass.
        let staging = try OutputWriter(folder: destination).stage()
        var renderer = SiteRenderer(site: site, bodies: bodies, localization: localization, templates: templates, cache: options.cache)
        renderer.progress = options.progress
        renderer.emit = staging.write
        var pages = clock.measure("templates render") { renderer.render() }
        engine.emit(templates.renderProblems)
        if engine.hasErrors { staging.discard() }
        try stop()
        // A site's own robots.txt replaces the generated one (the copy overwrites it in staging).
        if copies.contains(where: { $0.path == "robots.txt" }) { pages.removeAll { $0.path == "robots.txt" } }
        let all = pages + copies
        try clock.measure("write") { () throws(BuildFailure) in try staging.commit(all) }
        options.cache?.keepOnly(parsedPaths: Set(files.values.joined().map(\.displayPath)),
                                markdownPaths: Set(site.pages.map(\.path)), outputPaths: Set(all.map(\.path)))

        let counts = config.languages.map { language in
            (code: language.code, count: site.pagesByLanguage[language.code]?.count ?? 0)
        }
        if let cache = options.cache {
            renderer.emit = { $0 }
            renderer.progress = nil
            renderer.cache = nil
            let markdownFiles = files.values.joined().filter(\.isMarkdown).map { ($0.displayPath, $0) }
            cache.snapshot = BuildSnapshot(site: site, renderer: renderer, markdown: markdown,
                                           sourceFiles: Dictionary(markdownFiles, uniquingKeysWith: { first, _ in first }), pageCounts: counts)
        }
        if options.skipsUnchangedBuilds {
            let comingDue = sources.compactMap { $0.frontMatter.date?.instant }.filter { $0 > options.now }.min()
            BuildManifest(inputs: inputs, outputs: BuildManifest.outputsHash(options.output), validUntil: comingDue,
                          pagesPerLanguage: counts.map(\.code), pageCounts: counts.map(\.count),
                          warnings: engine.diagnostics.map(BuildManifest.StoredDiagnostic.init)).write(to: options.output)
        }
        var report = BuildReport(pagesPerLanguage: counts, filesWritten: all.count,
                                 warnings: engine.diagnostics, seconds: clock.total)
        report.stages = clock.stages
        report.origins = Dictionary(all.map { ($0.path, $0.origin) }, uniquingKeysWith: { first, _ in first })
        return report
    }

    /// The site assembled from content/ without rendering anything: for tools that inspect
    /// content (translation status, scaffolding). Errors in single pages are returned, not thrown.
    public func loadSite() throws(BuildFailure) -> (site: Site, diagnostics: [Diagnostic]) {
        let engine = DiagnosticEngine()
        let config = try loadConfig(engine)
        let localization = try loadLocalization(config)
        let files = discoverContent(config, engine)
        let sources = readPages(files, config, engine)
        let site = assemble(config, sources: sources, files: files, localization: localization, engine)
        return (site, engine.diagnostics)
    }

    // MARK: Stages

    private func checkOutputFolder() throws(BuildFailure) -> OutputFolder {
        do {
            return try OutputFolder.prepare(options)
        } catch {
            throw BuildFailure(diagnostics: [.error(error.description, at: nil)], kind: .usage)
        }
    }

    private func loadLocalization(_ config: SiteConfig) throws(BuildFailure) -> Localization {
        try Localization(config: config, i18nFolder: options.templates.appendingPathComponent("i18n"),
                         folderDisplayPath: displayPath(options.templates) + "/i18n")
    }

    private func loadConfig(_ engine: DiagnosticEngine) throws(BuildFailure) -> SiteConfig {
        let content = options.source.appendingPathComponent("content")
        guard FileManager.default.fileExists(atPath: content.path) else {
            throw BuildFailure(diagnostics: [.error("no content/ folder in \(options.source.path): is this a site folder?", at: nil)])
        }
        let (config, problems) = SiteConfigLoader().load(from: content.appendingPathComponent(SiteConfigLoader.fileName),
                                                          displayPath: "content/" + SiteConfigLoader.fileName,
                                                          baseURLOverride: options.baseURL)
        engine.emit(problems)
        guard let config else { throw BuildFailure(diagnostics: engine.diagnostics) }
        return config
    }

    /// Every file of every language folder, by language code.
    private func discoverContent(_ config: SiteConfig, _ engine: DiagnosticEngine) -> [String: [SourceFile]] {
        let discovery = ContentDiscovery(siteRoot: options.source, languageCodes: config.languages.map(\.code))
        let content = options.source.appendingPathComponent("content")
        engine.emit(ContentTopLevel(content: content, languageCodes: config.languages.map(\.code),
                                    defaultLanguage: config.defaultLanguage.code).problems())
        let found = config.languages.parallelMap { language -> ([SourceFile], [Diagnostic])? in
            let folder = content.appendingPathComponent(language.code)
            guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
            return discovery.files(in: folder, displayPrefix: "content/" + language.code)
        }
        var result: [String: [SourceFile]] = [:]
        for (language, found) in zip(config.languages, found) {
            guard let (files, problems) = found else {
                engine.emit(.warning("no folder content/\(language.code)/ for language '\(language.code)'", at: nil))
                continue
            }
            engine.emit(problems)
            result[language.code] = files
        }
        return result
    }

    private func readPages(_ files: [String: [SourceFile]], _ config: SiteConfig, _ engine: DiagnosticEngine) -> [PageSource] {
        let work = config.languages.flatMap { language in
            (files[language.code] ?? []).filter(\.isMarkdown).map { (file: $0, language: language) }
        }
        let limit = config.maximumPageBytes ?? options.maximumPageBytes
        let results = work.parallelMap { readPage($0.file, language: $0.language, maximumBytes: limit) }
        var sources: [PageSource] = []
        for (source, problems) in results {
            engine.emit(problems)
            // A page with bad fields stays in (those fields unset) so that its links are checked
            // too and one build reports every mistake; the build fails before writing anyway.
            if let source { sources.append(source) }
        }
        return sources
    }

    /// One Markdown file read and parsed, or taken from the cache when its bytes are the same.
    func readPage(_ file: SourceFile, language: Language, maximumBytes limit: Int) -> (PageSource?, [Diagnostic]) {
        guard let cache = options.cache, let data = FileManager.default.contents(atPath: file.url.path) else {
            return PageSource.read(file, language: language, maximumBytes: limit)
        }
        if let hit = cache.parsedPage(file.displayPath, data: data) { return (hit.source, hit.problems) }
        let (source, problems) = PageSource.read(file, data: data, language: language, maximumBytes: limit)
        cache.storeParsedPage(file.displayPath, .init(data: data, source: source, problems: problems))
        return (source, problems)
    }

    private func assemble(_ config: SiteConfig, sources: [PageSource], files: [String: [SourceFile]],
                          localization: Localization, _ engine: DiagnosticEngine) -> Site {
        var assemblerOptions = SiteAssembler.Options()
        assemblerOptions.includeDrafts = options.includeDrafts
        assemblerOptions.includeFuture = options.includeFuture
        assemblerOptions.now = options.now
        assemblerOptions.sectionTitle = { language, folder in localization.string(folder, in: language) }
        var assembler = SiteAssembler(config: config, options: assemblerOptions)
        let (site, problems) = assembler.assemble(sources: sources, files: files)
        engine.emit(problems)
        return site
    }

    /// Files published as they are, by output path: page resources and `content/static/`.
    private func publishedFiles(_ site: Site) -> [String: URL] {
        var files: [String: URL] = [:]
        for resource in site.resources { files[resource.path] = resource.source.url }
        let (statics, _) = ContentDiscovery(siteRoot: options.source, languageCodes: site.config.languages.map(\.code))
            .files(in: options.source.appendingPathComponent("content/static"), displayPrefix: "content/static")
        for file in statics { files[file.relativePath] = file.url }
        return files
    }

    private func renderMarkdown(_ stage: MarkdownStage, _ site: Site, _ engine: DiagnosticEngine) throws(BuildFailure) -> [RenderedBody] {
        let counter = ProgressCounter(stage: "Markdown", languages: site.config.languages.map(\.code),
                                      totals: site.pagesByLanguage.mapValues(\.count), report: options.progress)
        let results = try stage.render(Array(site.pages.indices), of: site, counter: counter)
        for (_, problems) in results { engine.emit(problems) }
        return results.map(\.0)
    }

    private func checkLayouts(_ site: Site, _ templates: TemplateSet, _ engine: DiagnosticEngine) {
        for page in site.pages {
            guard let layout = page.frontMatter.layout, !templates.has(layout) else { continue }
            engine.emit(.error("layout '\(layout)' does not exist: no templates/\(layout).mustache",
                               at: page.frontMatter.locations["layout"]))
        }
    }

    /// Files published as they are: page resources, `content/static/`, the theme's `assets/`.
    private func staticFiles(_ site: Site, _ engine: DiagnosticEngine) -> [OutputFile] {
        var files = site.resources.map { OutputFile(path: $0.path, contents: .copy($0.source.url), origin: $0.source.displayPath) }
        let discovery = ContentDiscovery(siteRoot: options.source, languageCodes: site.config.languages.map(\.code))
        for (folder, prefix) in [(options.source.appendingPathComponent("content/static"), "content/static"),
                                 (options.templates.appendingPathComponent("assets"), displayPath(options.templates) + "/assets")] {
            let (found, problems) = discovery.files(in: folder, displayPrefix: prefix)
            engine.emit(problems)
            files += found.map { OutputFile(path: $0.relativePath, contents: .copy($0.url), origin: $0.displayPath) }
        }
        return files
    }

    // MARK: Helpers

    private static func markdownPaths(_ files: [String: [SourceFile]]) -> Set<String> {
        var paths: Set<String> = []
        for (code, list) in files {
            for file in list where file.isMarkdown { paths.insert(code + "/" + file.relativePath) }
        }
        return paths
    }

    /// A path as diagnostics show it: relative to the site folder when inside it.
    private func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let root = options.source.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
