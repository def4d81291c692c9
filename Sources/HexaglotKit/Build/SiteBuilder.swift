import Foundation

/// Builds a site into its output folder: `BuildPipeline` does the work; around it, this checks
/// the output folder, skips a build when nothing changed, stages the files and swaps them in,
/// and keeps what `serve` reuses next time.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public func build() throws(BuildFailure) -> BuildReport {
        try run().report
    }

    /// The build's report, and what it made (nil when the output was up to date).
    public func run() throws(BuildFailure) -> (report: BuildReport, products: BuildProducts?) {
        var clock = StageClock()
        // Before anything else reads or writes: an output that would overwrite the site is refused.
        let destination = try clock.measure("output folder") { () throws(BuildFailure) in try checkOutputFolder() }
        let inputs = clock.measure("up-to-date check") { options.skipsUnchangedBuilds ? BuildManifest.inputsHash(options) : 0 }
        if options.skipsUnchangedBuilds, let report = upToDateReport(inputs: inputs, clock: clock) { return (report, nil) }
        // Until this build succeeds, no in-place update may start from an older one.
        options.cache?.snapshot = nil

        // Pages go to the staging folder as they are rendered; nothing reaches the output
        // unless the commit's path checks pass.
        var staging: OutputStaging?
        let products: BuildProducts
        do {
            products = try BuildPipeline(options: options).run(
                &clock, cache: options.cache, reusableVariants: destination.reusableVariants
            ) { () throws(BuildFailure) in
                let opened = try OutputWriter(folder: destination).stage()
                staging = opened
                return opened.write
            }
        } catch {
            staging?.discard()
            throw error
        }
        try clock.measure("write") { () throws(BuildFailure) in
            try staging?.commit(products.outputs, reusingVariants: products.reusedVariants)
        }
        clock.measure("keep") { keepForNextBuild(products, inputs: inputs) }

        var report = BuildReport(
            pagesPerLanguage: products.pagesPerLanguage, filesWritten: products.outputs.count + (products.reusedVariants?.summary.count ?? 0),
            warnings: products.diagnostics, seconds: clock.total)
        report.stages = clock.stages
        report.imagesEncoded = products.imagesEncoded
        report.searchPagesRead = products.search?.languages.values.reduce(0) { $0 + $1.pagesRead } ?? 0
        return (report, products)
    }

    /// The site assembled from content/ without rendering anything: for tools that inspect
    /// content (translation status). Errors in single pages are returned, not thrown.
    public func loadSite() throws(BuildFailure) -> (site: Site, diagnostics: [Diagnostic]) {
        let pipeline = BuildPipeline(options: options)
        let site = try pipeline.loadSite()
        return (site, pipeline.engine.diagnostics)
    }

    /// The site as translation tools see it: pages dated in the future count (they will be
    /// published and need translating), drafts do not, as in a build. Errors in the content stop
    /// it, as they would stop a build; warnings are returned.
    public static func loadSiteForTranslation(siteFolder: URL) throws(BuildFailure) -> (site: Site, warnings: [Diagnostic]) {
        var options = BuildOptions(source: siteFolder)
        options.includeFuture = true
        let (site, problems) = try SiteBuilder(options: options).loadSite()
        if problems.contains(where: { $0.severity == .error }) { throw BuildFailure(diagnostics: problems) }
        return (site, problems)
    }

    // MARK: Around the pipeline

    private func checkOutputFolder() throws(BuildFailure) -> OutputFolder {
        do {
            return try OutputFolder.prepare(options)
        } catch {
            throw BuildFailure(diagnostics: [.error(error.description, at: nil)], kind: .usage)
        }
    }

    /// The report of a build that need not run: the manifest in the output says its inputs and
    /// outputs are the same as when it was written, and no page has come due since.
    private func upToDateReport(inputs: UInt64, clock: StageClock) -> BuildReport? {
        guard let manifest = BuildManifest.read(from: options.output), manifest.inputs == inputs,
            manifest.validUntil.map({ options.now < $0 }) ?? true, let warnings = manifest.warnings,
            manifest.matchesOutput(options.output)
        else { return nil }
        var report = BuildReport(
            pagesPerLanguage: Array(zip(manifest.pagesPerLanguage, manifest.pageCounts)).map { (code: $0.0, count: $0.1) },
            filesWritten: 0, warnings: warnings.map(\.diagnostic), seconds: clock.total)
        report.isUpToDate = true
        report.stages = clock.stages
        return report
    }

    /// What the next build reuses: the cache's entries of what still exists and the snapshot for
    /// in-place updates (`serve`), and the manifest for the up-to-date check.
    private func keepForNextBuild(_ products: BuildProducts, inputs: UInt64) {
        if let cache = options.cache {
            cache.keepOnly(
                parsedPaths: Set(products.sourceFiles.values.joined().map(\.displayPath)),
                markdownPaths: Set(products.site.pages.map(\.path)),
                // Only rendered files are kept, never a copied one (two thousand photo variants).
                outputPaths: Set(products.outputs.lazy.filter { !$0.isCopied }.map(\.path)))
            cache.snapshot = BuildSnapshot(products)
        }
        if options.skipsUnchangedBuilds {
            let counts = products.pagesPerLanguage
            // An index's folder holds its files and nothing else the build wrote (a page's
            // path could lead into it): only then is it stamped whole.
            let indexes = products.search?.languages.values.map(\.files) ?? []
            let sealed = indexes.filter { index in
                products.outputs.count(where: { $0.path.hasPrefix(index.folder + "/") }) == index.files.count
            }.map(\.folder).sorted()
            BuildManifest(
                inputs: inputs, outputs: BuildManifest.outputsHash(options.output, sealed: sealed), validUntil: products.comingDue,
                pagesPerLanguage: counts.map(\.code), pageCounts: counts.map(\.count),
                warnings: products.diagnostics.map(BuildManifest.StoredDiagnostic.init), sealedFolders: sealed
            ).write(to: options.output)
        }
    }
}
