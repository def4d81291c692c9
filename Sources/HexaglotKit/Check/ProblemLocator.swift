import Foundation

/// Traces a problem in the built site back to the source line that wrote it: the page's
/// Markdown (its links, then raw HTML), else the theme's templates, else — honestly saying so —
/// the file the page came from.
struct ProblemLocator {
    /// A source place of a finding.
    struct Place: Hashable {
        var location: SourceLocation
        /// The URL as written there, when it differs from the built one (`ozone.md#goals`).
        var written: String?
        /// The place is in the page's own source file, so naming the built page adds nothing.
        var isPageSource: Bool
        /// Said after the message: what the place means when it is not where the URL was written.
        var note: String?
    }

    let source: URL
    let address: SiteAddress
    let origins: [String: String]
    let templatesDisplayPath: String
    private let site: Site
    /// The build's rendered bodies, with the links they recorded.
    private let bodies: [RenderedBody]
    /// What wrote each part of each built page, from the build's template trace.
    private var traces: TemplateTraceLocator
    private var sourceTexts: [String: WrittenAttributes?] = [:]
    private let pageFiles: [String: Int]

    /// `products`: the build that wrote the site being checked, with its links recorded.
    init(source: URL, output: URL, products: BuildProducts) {
        self.source = source
        traces = TemplateTraceLocator(output: output, products: products)
        site = products.site
        bodies = products.bodies
        address = SiteAddress(config: products.config)
        origins = products.origins
        templatesDisplayPath = products.templates.displayPath
        var pageFiles: [String: Int] = [:]
        for (index, page) in site.pages.enumerated() { pageFiles[page.path + "index.html"] = index }
        self.pageFiles = pageFiles
    }

    /// The links and images the build recorded for a Markdown file (relative to the site folder).
    private func markdownLinks(in file: String) -> [RenderedBody.Link] {
        guard file.hasPrefix("content/"), let index = site.pagesBySource[String(file.dropFirst("content/".count))] else { return [] }
        return bodies[index].links ?? []
    }

    mutating func places(for finding: LinkFinding) -> [Place] {
        let origin = origins[finding.file] ?? "content"
        guard let reference = finding.reference else { return [layoutPlace(of: finding.file, origin: origin)] }
        let url = reference.url
        if origin.lowercased().hasSuffix(".md"),
            case let entries = markdownLinks(in: origin).filter({ writesSameProblem($0.published, finding) }), !entries.isEmpty
        {
            return entries.map { Place(location: $0.location, written: $0.written == url ? nil : $0.written, isPageSource: true) }
        }
        let own = sourceText(origin)
        if let places = own?.literalPlaces(of: url), !places.isEmpty {
            return places.map { Place(location: $0, isPageSource: true) }
        }
        if let found = traces.place(of: url, line: reference.line, in: finding.file) {
            return [Place(location: found.location, written: found.written, isPageSource: false)]
        }
        if let place = own?.textPlace(of: url) { return [Place(location: place, isPageSource: true)] }
        let note = "not found in \(origin) nor in \(templatesDisplayPath)/; it is on line \(reference.line) of the built page"
        return [Place(location: SourceLocation(file: origin), isPageSource: false, note: note)]
    }

    /// Whether a link as the build published it from Markdown is (one of) the finding's URL:
    /// the same text, or leading to the same place (`ozone.md` became `/en/areas/ozone/`; an
    /// image's og:image copy is absolute).
    private func writesSameProblem(_ published: String, _ finding: LinkFinding) -> Bool {
        if let url = finding.reference?.url, WrittenAttributes.same(published, url) { return true }
        switch (address.resolve(published, in: finding.file), finding.target, finding.problem) {
        case let (.site(path, fragment), .site(targetPath, targetFragment)?, .missingFragment):
            return path == targetPath && fragment == targetFragment
        case let (.site(path, _), .site(targetPath, _)?, _): return path == targetPath
        case let (.outsideRoot(path), .outsideRoot(targetPath)?, _): return path == targetPath
        default: return false
        }
    }

    /// For a page missing a channel link: the layout template that rendered it.
    private func layoutPlace(of file: String, origin: String) -> Place {
        if let layout = layout(of: file) {
            let path = templatesDisplayPath + "/" + layout + ".mustache"
            let file = path.hasPrefix("/") ? URL(fileURLWithPath: path) : source.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: file.path) {
                return Place(
                    location: SourceLocation(file: path), isPageSource: false,
                    note: "the layout '\(layout)' and what it includes render no link to it")
            }
        }
        return Place(location: SourceLocation(file: origin), isPageSource: false)
    }

    /// The template a built page was rendered with, from the page's kind and front matter.
    func layout(of file: String) -> String? {
        var pageFile = file
        if let range = file.range(of: #"page/[0-9]+/index\.html$"#, options: .regularExpression) {
            pageFile = file[..<range.lowerBound] + "index.html"
        }
        if let index = pageFiles[pageFile] {
            let page = site.pages[index]
            return page.frontMatter.layout ?? page.kind.rawValue
        }
        let parts = file.split(separator: "/")
        if parts.count == 3, parts[1] == "tags", parts[2] == "index.html" { return "tags" }
        if parts.count == 4, parts[1] == "tags", parts[3] == "index.html" { return "tag" }
        if parts.count == 2, parts[1] == "404.html" { return "404" }
        return nil
    }

    /// A source file's URL attributes (raw HTML in Markdown, a copied HTML or CSS file); nil for folders.
    private mutating func sourceText(_ path: String) -> WrittenAttributes? {
        if let cached = sourceTexts[path] { return cached }
        // Only a regular file inside the site: its lines may be printed as the problem's place.
        let result = ContainedFile.contents(of: path, inside: source, maximumBytes: 4 << 20)
            .map { WrittenAttributes(text: String(decoding: $0, as: UTF8.self), file: path) }
        sourceTexts[path] = result
        return result
    }
}
