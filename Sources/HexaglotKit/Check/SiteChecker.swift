import Foundation

/// What `hexaglot check` found.
public struct CheckReport: Sendable {
    /// An http, https or mailto URL and the pages (addresses such as `/en/about/`) that use it.
    public struct ExternalLink: Hashable, Sendable {
        public var url: String
        public var pages: [String]
    }

    /// Broken links, anchors, images, hreflang targets and missing channel links, each at the
    /// source place that wrote it; sorted by place.
    public var problems: [Diagnostic] = []
    /// The build's own warnings (they do not fail the check).
    public var buildWarnings: [Diagnostic] = []
    /// Sorted by URL; never fetched.
    public var externalLinks: [ExternalLink] = []
    public var filesChecked = 0
    public var pagesChecked = 0
    public var referencesChecked = 0

    public var summary: String {
        let problemCount = problems.count
        let found = problemCount == 0 ? "no problems" : "\(problemCount) problem\(problemCount == 1 ? "" : "s")"
        return "checked \(filesChecked) files (\(pagesChecked) pages, \(referencesChecked) links): \(found)"
    }
}

/// Builds a site into a temporary folder and checks what readers would get: every internal link
/// and `#anchor` in every language (from Markdown, raw HTML and templates alike), every image and
/// asset, hreflang alternates, feed and sitemap entries, and that every page links the official
/// channels. Each problem is traced back to the source line that wrote it.
public struct SiteChecker: Sendable {
    /// What to build; `output` is replaced by a temporary folder, removed afterwards.
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public func check() throws(BuildFailure) -> CheckReport {
        TemporaryOutput.sweep(.check)
        let folder = TemporaryOutput.folder(.check)
        defer { try? FileManager.default.removeItem(at: folder) }
        var buildOptions = options
        buildOptions.output = folder.appendingPathComponent("site")
        buildOptions.recordsLinks = true
        buildOptions.skipsUnchangedBuilds = false
        // Problems are traced back through what the build made: its site, its recorded links, its templates.
        guard let products = try SiteBuilder(options: buildOptions).run().products else {
            preconditionFailure("a build into a new folder is never up to date")
        }
        let site = products.site
        let origins = products.origins
        let source = options.source
        let checker = LinkChecker(
            output: buildOptions.output, address: SiteAddress(config: site.config),
            channels: site.config.channels
        ) { path in
            guard path != "index.html", path != "404.html", !path.hasSuffix("/404.html"), let origin = origins[path] else { return false }
            var isDirectory: ObjCBool = false
            return origin.lowercased().hasSuffix(".md")
                || FileManager.default.fileExists(atPath: source.appendingPathComponent(origin).path, isDirectory: &isDirectory)
                    && isDirectory.boolValue
        }
        let result = checker.run()

        var report = CheckReport()
        report.buildWarnings = products.diagnostics
        report.filesChecked = result.filesChecked
        report.pagesChecked = result.pagesChecked
        report.referencesChecked = result.referencesChecked
        report.externalLinks = result.externalLinks.map { CheckReport.ExternalLink(url: $0.key, pages: $0.value.sorted()) }
            .sorted { $0.url < $1.url }
        var locator = ProblemLocator(source: source, output: buildOptions.output, products: products)
        report.problems = Self.diagnostics(result.findings, locator: &locator, rootPath: site.config.rootPath)
        return report
    }

    /// One diagnostic per source place and message. A place several pages share (a template, a
    /// Markdown file published twice) names the pages; a URL written once that leads to a missing
    /// address in each language (`{{lang.homeURL}}contact/`, an image of a page published as a
    /// fallback copy) is one diagnostic listing them.
    static func diagnostics(_ findings: [LinkFinding], locator: inout ProblemLocator, rootPath: String) -> [Diagnostic] {
        struct Key: Hashable {
            var location: SourceLocation
            var text: String
            var namesPage: Bool
        }
        struct Group {
            var finding: LinkFinding
            var place: ProblemLocator.Place
            var pages: Set<String> = []
            var addresses: Set<String> = []
        }
        var groups: [Key: Group] = [:]
        for finding in findings {
            for place in locator.places(for: finding) {
                var text = finding.message(writtenAs: place.written)
                var address: String?
                if case .missingTarget(let missing) = finding.problem, let reference = finding.reference {
                    text = "\(reference.role) '\(place.written ?? reference.url)' leads to missing addresses"
                    address = missing
                }
                let key = Key(location: place.location, text: text + (place.note ?? ""), namesPage: !place.isPageSource)
                groups[key, default: Group(finding: finding, place: place)].pages.insert(rootPath + SiteAddress.address(ofFile: finding.file))
                if let address { groups[key]!.addresses.insert(address) }
            }
        }
        return groups.map { key, group in
            let pages = group.pages.sorted()
            var message =
                group.addresses.count < 2
                ? group.finding.message(writtenAs: group.place.written)
                : group.finding.message(
                    writtenAs: group.place.written ?? group.finding.reference?.url ?? "",
                    addresses: group.addresses.sorted())
            if let note = group.place.note { message += "; " + note }
            if key.namesPage || pages.count > 1 {
                message +=
                    pages.count == 1
                    ? " (on \(pages[0]))"
                    : " (on \(pages[0]) and \(pages.count - 1) other page\(pages.count == 2 ? "" : "s"))"
            }
            return Diagnostic.error(message, at: key.location)
        }.sorted()
    }
}
