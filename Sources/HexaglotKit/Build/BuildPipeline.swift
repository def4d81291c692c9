import Foundation

/// The build itself: a short, linear list of stages over values, from the site folder to the
/// rendered files. It knows nothing of up-to-date checks, staging folders or `serve`: those are
/// `SiteBuilder`'s wrappers around it.
///
/// Every stage reports problems to one `DiagnosticEngine` and the build goes on as far as it
/// safely can, so one run lists all the mistakes; nothing is rendered unless there are none.
struct BuildPipeline {
    let options: BuildOptions
    let engine = DiagnosticEngine()

    /// Where rendered files go, opened once every check has passed: each file is handed over as
    /// soon as it is rendered (from any thread) and what comes back is kept in the products.
    typealias OpenOutput = () throws(BuildFailure) -> @Sendable (OutputFile) -> OutputFile

    /// `reusableVariants`: the summary of the old output's variant folder, when it holds exactly
    /// what its record says (`OutputFolder`).
    func run(
        _ clock: inout StageClock, cache: BuildCache?, reusableVariants: FolderSummary? = nil, output: OpenOutput
    ) throws(BuildFailure) -> BuildProducts {
        let config = try clock.measure("config") { () throws(BuildFailure) in try loadConfig() }
        let templates = try clock.measure("templates") { () throws(BuildFailure) in try loadTemplates() }
        let localization = try clock.measure("i18n") { () throws(BuildFailure) in try loadLocalization(config) }
        let (files, copied) = clock.measure("discover") { (discoverContent(config), discoverCopiedFiles(config)) }
        let sources = clock.measure("front matter") { readPages(files, config, cache: cache) }
        let comingDue = sources.compactMap { SiteAssembler.date(of: $0)?.instant }.filter { $0 > options.now }.min()
        let assembled = clock.measure("assemble") { assemble(config, sources: sources, files: files, localization: localization) }
        // Once rendered, the Markdown text is not needed: what is kept holds pages without it
        // (for the corpus of the benchmark, ~60 MB of a ~350 MB peak).
        let site = assembled.withoutPageBodies
        let (markdown, bodies) = try clock.measure("markdown") { () throws(BuildFailure) in
            try renderMarkdown(assembled, resolvingLinksIn: site, files: files, copied: copied, localization: localization, cache: cache)
        }
        let (copies, inVariantFolder) = clock.measure("plan") {
            planOutput(site, templates, localization, copied: copied, bodies: bodies, images: markdown.images)
        }
        let (variants, imagesEncoded, reusedVariants) = clock.measure("images") {
            defer { markdown.images.sources?.save() }
            return publishImages(bodies, markdown.images, besides: inVariantFolder, reusing: reusableVariants)
        }
        try stopOnErrors()
        let write = try output()
        // The index is made while the pages are rendered; only the search pages need it, and
        // they are rendered last. Indexing the one language an edit changed kept a single core
        // busy for most of a second while the other waited.
        let indexing = startIndexing(site, bodies, localization, templates, keepsDocuments: cache != nil, write: write)
        var (renderer, pages) = clock.measure("render") {
            renderPages(site, bodies, localization, templates, copies: copies, hasSearch: indexing != nil, cache: cache, write: write)
        }
        // What indexing adds to the build: the time it runs on after the pages are rendered.
        let searched = clock.measure("search") { indexing.map { finishIndexing($0, renderer: &renderer, write: write) } }
        engine.emit(templates.renderProblems)
        try stopOnErrors()
        let outputs = pages + copies + variants + (searched?.files ?? [])
        let search = searched?.state
        return BuildProducts(
            config: config, templates: templates, localization: localization, sourceFiles: files,
            comingDue: comingDue, now: options.now, site: site, markdown: markdown, bodies: bodies, renderer: renderer,
            outputs: outputs, reusedVariants: reusedVariants, imagesEncoded: imagesEncoded, search: search,
            diagnostics: engine.diagnostics)
    }

    /// The site assembled from content/ without rendering anything: the first stages of `run`,
    /// for tools that inspect content (translation status). Errors in single pages are returned.
    func loadSite() throws(BuildFailure) -> Site {
        let config = try loadConfig()
        let localization = try loadLocalization(config)
        let files = discoverContent(config)
        let sources = readPages(files, config, cache: nil)
        return assemble(config, sources: sources, files: files, localization: localization)
    }

    // MARK: Stages

    func loadConfig() throws(BuildFailure) -> SiteConfig {
        let content = options.source.appendingPathComponent("content")
        guard FileManager.default.fileExists(atPath: content.path) else {
            throw BuildFailure(diagnostics: [.error("no content/ folder in \(options.source.path): is this a site folder?", at: nil)])
        }
        let (config, problems) = SiteConfigLoader().load(
            from: content.appendingPathComponent(SiteConfigLoader.fileName),
            displayPath: "content/" + SiteConfigLoader.fileName,
            baseURLOverride: options.baseURL)
        engine.emit(problems)
        guard let config else { throw BuildFailure(diagnostics: engine.diagnostics) }
        return config
    }

    private func loadTemplates() throws(BuildFailure) -> TemplateSet {
        try TemplateSet(folder: options.templates, displayPath: options.displayPath(of: options.templates))
    }

    private func loadLocalization(_ config: SiteConfig) throws(BuildFailure) -> Localization {
        try Localization(
            config: config, i18nFolder: options.templates.appendingPathComponent("i18n"),
            folderDisplayPath: options.displayPath(of: options.templates) + "/i18n")
    }

    /// Every file of every language folder, by language code.
    private func discoverContent(_ config: SiteConfig) -> [String: [SourceFile]] {
        let discovery = ContentDiscovery(siteRoot: options.source, languageCodes: config.languages.map(\.code))
        let content = options.source.appendingPathComponent("content")
        engine.emit(
            ContentTopLevel(
                content: content, languageCodes: config.languages.map(\.code),
                defaultLanguage: config.defaultLanguage.code
            ).problems())
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

    private func readPages(_ files: [String: [SourceFile]], _ config: SiteConfig, cache: BuildCache?) -> [PageSource] {
        let work = config.languages.flatMap { language in
            (files[language.code] ?? []).filter(\.isMarkdown).map { (file: $0, language: language) }
        }
        let limit = config.maximumPageBytes ?? options.maximumPageBytes
        let results = work.parallelMap { Self.readPage($0.file, language: $0.language, maximumBytes: limit, cache: cache) }
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
    static func readPage(_ file: SourceFile, language: Language, maximumBytes limit: Int, cache: BuildCache?) -> (PageSource?, [Diagnostic]) {
        guard let cache, let data = FileManager.default.contents(atPath: file.path) else {
            return PageSource.read(file, language: language, maximumBytes: limit)
        }
        if let hit = cache.parsedPage(file.displayPath, data: data) { return (hit.source, hit.problems) }
        let (source, problems) = PageSource.read(file, data: data, language: language, maximumBytes: limit)
        cache.storeParsedPage(file.displayPath, .init(data: data, source: source, problems: problems))
        return (source, problems)
    }

    private func assemble(_ config: SiteConfig, sources: [PageSource], files: [String: [SourceFile]], localization: Localization) -> Site {
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

    /// `links`: the same site without page bodies, which the stage (kept in the products) holds.
    private func renderMarkdown(
        _ site: Site, resolvingLinksIn links: Site, files: [String: [SourceFile]], copied: CopiedFiles,
        localization: Localization, cache: BuildCache?
    ) throws(BuildFailure) -> (MarkdownStage, [RenderedBody]) {
        let catalog = ImageCatalog(
            settings: site.config.images, files: imageFiles(site, copied), rootPath: site.config.rootPath,
            sources: ImageSourceIndex(
                folder: imageCacheFolder(site.config.images).appendingPathComponent("sources", isDirectory: true),
                site: options.source.standardizedFileURL.path, encoder: "vips \(ImageCodec.version) \(ImagePlan.shimRevision)"))
        let stage = MarkdownStage(
            site: links, markdownFiles: Self.markdownPaths(files), images: catalog,
            timeLimit: options.markdownTimeLimit, keysBodies: cache != nil, recordsLinks: options.recordsLinks,
            watchLabels: Self.watchLabels(site.config, localization))
        let counter = ProgressCounter(
            stage: "Markdown", languages: site.config.languages.map(\.code),
            totals: site.pagesByLanguage.mapValues(\.count), report: options.progress)
        let results = try stage.render(Array(site.pages.indices), of: site, cache: cache, counter: counter)
        for (_, problems) in results { engine.emit(problems) }
        return (stage, results.map(\.0))
    }

    /// What is published besides the rendered pages, checked with them before anything is
    /// written: layouts that exist, names templates use that their data has, names that can be
    /// written (at their page).
    private func planOutput(
        _ site: Site, _ templates: TemplateSet, _ localization: Localization, copied: CopiedFiles, bodies: [RenderedBody],
        images: ImageCatalog
    ) -> (copies: [OutputFile], inVariantFolder: [OutputPlan.File]) {
        var layouts = Set(TemplateSet.requiredLayouts).subtracting(TemplateSet.rootLayouts)
        if site.config.buildsSearchIndex && templates.has("search") { layouts.insert("search") }
        for page in site.pages {
            guard let layout = page.frontMatter.layout else { continue }
            guard templates.has(layout) else {
                engine.emit(
                    .error(
                        "layout '\(layout)' does not exist: no templates/\(layout).mustache",
                        at: page.frontMatter.locations["layout"]))
                continue
            }
            layouts.insert(layout)
        }
        engine.emit(templates.fieldProblems(pageLayouts: layouts, knownStrings: localization.allKeys))
        // A photo is published as its variants; the original only where a page links to it.
        let unpublished = ImageStage.unpublishedOriginals(bodies, catalog: images)
        // Left out before they are made: 1,200 photo copies made into files only to be dropped cost
        // as much as the check.
        var copies: [OutputFile] = []
        copies.reserveCapacity(site.resources.count + copied.statics.count + copied.assets.count)
        for resource in site.resources {
            // A fallback copy's file names the original's (`Site.Resource.original`), whose path is the canonical one.
            let canonical = resource.original.map { site.resources[$0].path } ?? resource.path
            guard unpublished.isEmpty || !unpublished.contains(resource.path, canonical: canonical) else { continue }
            copies.append(OutputFile(path: resource.path, contents: .copyPath(resource.source.path), origin: resource.source.displayPath))
        }
        for file in copied.statics + copied.assets where unpublished.isEmpty || !unpublished.contains(file.relativePath, canonical: file.relativePath)
        {
            copies.append(OutputFile(path: file.relativePath, contents: .copyPath(file.path), origin: file.displayPath))
        }
        let plan = OutputPlan(site: site, copies: copies, hasSearch: site.config.buildsSearchIndex && templates.has("search"))
        engine.emit(plan.problems())
        return (copies, plan.files(at: PlannedVariant.folder))
    }

    /// The theme's `watch_video` string ("Watch on {site}") for each platform, in each language.
    private static func watchLabels(_ config: SiteConfig, _ localization: Localization) -> [String: [VideoLink.Platform: String]] {
        var labels: [String: [VideoLink.Platform: String]] = [:]
        for language in config.languages {
            guard let text = localization.string("watch_video", in: language) else { continue }
            for platform in [VideoLink.Platform.youTube, .facebook] {
                labels[language.code, default: [:]][platform] = text.replacingOccurrences(of: "{site}", with: platform.rawValue)
            }
        }
        return labels
    }

    /// The image cache: site.yaml's folder, relative to the site folder unless absolute.
    private func imageCacheFolder(_ settings: ImageSettings) -> URL {
        let folder = settings.cacheFolder
        return folder.hasPrefix("/")
            ? URL(fileURLWithPath: folder, isDirectory: true) : options.source.appendingPathComponent(folder, isDirectory: true)
    }

    /// The photos' variants, from the variant cache (encoded into it first where it lacks them);
    /// nothing is encoded when the build has already failed, or when a file of the site (`besides`:
    /// those at `img/` or below it) is where a variant goes. When the old output's variant folder
    /// (summarised by `reusable`) holds exactly the variants needed there, it is published again
    /// whole instead.
    private func publishImages(
        _ bodies: [RenderedBody], _ catalog: ImageCatalog, besides siteFiles: [OutputPlan.File], reusing reusable: FolderSummary?
    ) -> (files: [OutputFile], encoded: Int, reused: ReusedVariantFolder?) {
        let stage = ImageStage(catalog: catalog, cache: ImageVariantCache(folder: imageCacheFolder(catalog.settings)), progress: options.progress)
        let (variants, problems) = stage.plan(bodies)
        engine.emit(problems)
        if !siteFiles.isEmpty {
            // A linked original that keeps its name takes the place of the site's copy of it.
            let generated = variants.flatMap { needed in
                let source = needed.plan.source.displayPath
                return needed.variants.filter(\.namesItsContent).map { variant in
                    OutputPlan.File(
                        path: variant.path, location: needed.location ?? SourceLocation(file: source), what: "a variant of \(source)")
                }
            }
            engine.emit(OutputPlan.problems(of: generated, with: siteFiles))
        }
        guard !variants.isEmpty, !engine.hasErrors else { return ([], 0, nil) }
        if siteFiles.isEmpty, let reusable {
            let (inFolder, beside) = ImageStage.split(variants)
            if ImageStage.summary(of: inFolder) == reusable {
                let result = stage.run(beside)
                engine.emit(result.problems)
                return (result.files, result.encoded, ReusedVariantFolder(summary: reusable) { stage.run(inFolder) })
            }
        }
        let result = stage.run(variants)
        engine.emit(result.problems)
        return (result.files, result.encoded, nil)
    }

    /// Each language's search index, when site.yaml asks for one and the theme has a search page
    /// to use it, started on a thread of its own; each new file is written (`write`) as soon as
    /// the index is made, so that writing it is hidden by the render too.
    private func startIndexing(
        _ site: Site, _ bodies: [RenderedBody], _ localization: Localization, _ templates: TemplateSet, keepsDocuments: Bool,
        write: @escaping @Sendable (OutputFile) -> OutputFile
    ) -> BackgroundTask<(state: SearchIndexState, files: [OutputFile])>? {
        guard site.config.buildsSearchIndex, templates.has("search") else { return nil }
        let cache = SearchIndexCache(folder: options.source.standardizedFileURL.path + "/" + SearchIndexCache.defaultFolder)
        let stage = SearchStage(site: site, bodies: bodies, localization: localization, now: options.now)
        let languages = site.config.languages.map(\.code)
        return BackgroundTask {
            let state = stage.run(keepsDocuments: keepsDocuments, cache: cache)
            // A language taken from the cache is moved from the old output at the swap instead.
            let files = (state.indexes(in: languages).flatMap(\.files) + [SearchScript.file]).map { file in
                if case .bytes = file.contents { return write(file) }
                return file
            }
            return (state, files)
        }
    }

    /// The index once it is made, and each language's search page, which shows it.
    private func finishIndexing(
        _ indexing: BackgroundTask<(state: SearchIndexState, files: [OutputFile])>, renderer: inout SiteRenderer,
        write: @Sendable (OutputFile) -> OutputFile
    ) -> (state: SearchIndexState, files: [OutputFile]) {
        let (state, files) = indexing.result()
        let languages = renderer.site.config.languages
        renderer.replaceSearchIndexes(state.indexes(in: languages.map(\.code)))
        return (state, files + languages.compactMap(renderer.searchFile).map(write))
    }

    /// Every file but the search pages, written as it is rendered, and the copied files after them.
    private func renderPages(
        _ site: Site, _ bodies: [RenderedBody], _ localization: Localization, _ templates: TemplateSet,
        copies: [OutputFile], hasSearch: Bool, cache: BuildCache?, write: @escaping @Sendable (OutputFile) -> OutputFile
    ) -> (SiteRenderer, [OutputFile]) {
        let renderer = SiteRenderer(
            site: site, bodies: bodies, localization: localization, templates: templates,
            fingerprintsPages: cache != nil, tracesTemplates: options.recordsLinks, hasSearch: hasSearch)
        var pages = renderer.render(cache: cache, progress: options.progress, write: write)
        // A site's own robots.txt replaces the generated one (the copy overwrites it in staging).
        if copies.contains(where: { $0.path == "robots.txt" }) { pages.removeAll { $0.path == "robots.txt" } }
        return (renderer, pages)
    }

    private func stopOnErrors() throws(BuildFailure) {
        if engine.hasErrors { throw BuildFailure(diagnostics: engine.diagnostics) }
    }

    // MARK: Copied files

    /// Files published as they are besides page resources: `content/static/` and the theme's `assets/`.
    struct CopiedFiles {
        var statics: [SourceFile]
        var assets: [SourceFile]
    }

    private func discoverCopiedFiles(_ config: SiteConfig) -> CopiedFiles {
        let discovery = ContentDiscovery(siteRoot: options.source, languageCodes: config.languages.map(\.code))
        func files(in folder: URL, _ prefix: String) -> [SourceFile] {
            let (found, problems) = discovery.files(in: folder, displayPrefix: prefix)
            engine.emit(problems)
            return found
        }
        let copied = CopiedFiles(
            statics: files(in: options.source.appendingPathComponent("content/static"), "content/static"),
            assets: files(
                in: options.templates.appendingPathComponent("assets"),
                options.displayPath(of: options.templates) + "/assets"))
        // Every page links the logo: one that is not there is site.yaml's error, not each page's.
        if let logo = config.logo, !(copied.statics + copied.assets).contains(where: { $0.relativePath == logo }) {
            engine.emit([
                .error(
                    "'logo' names \(logo), which is not a file of the site: put it at content/static/\(logo)", at: config.logoLocation)
            ])
        }
        return copied
    }

    /// The images pages may show, by output path, for their sizes: page resources and `content/static/`.
    private func imageFiles(_ site: Site, _ copied: CopiedFiles) -> ImageSizes {
        var files: [String: ImageSizes.File] = [:]
        files.reserveCapacity(site.resources.count + copied.statics.count)
        // A fallback copy's file names the original's (`Site.Resource.original`), an original itself.
        for resource in site.resources {
            let canonical = resource.original.map { site.resources[$0].path } ?? resource.path
            files[resource.path] = .init(path: resource.source.path, displayPath: resource.source.displayPath, canonicalPath: canonical)
        }
        for file in copied.statics {
            files[file.relativePath] = .init(path: file.path, displayPath: file.displayPath, canonicalPath: file.relativePath)
        }
        return ImageSizes(files: files)
    }

    private static func markdownPaths(_ files: [String: [SourceFile]]) -> Set<String> {
        var paths: Set<String> = []
        for (code, list) in files {
            for file in list where file.isMarkdown { paths.insert(code + "/" + file.relativePath) }
        }
        return paths
    }
}
