/// The links and images of a page's Markdown: as the author wrote them (`../areas/ozone.md#goals`),
/// as the build published them (`/en/areas/ozone/#goals`), and where. Rendered again, the same way
/// the build does, only for pages a problem was found in.
struct MarkdownLinkIndex {
    struct Entry {
        var written: String
        var published: String
        var location: SourceLocation
    }

    let site: Site
    private var cache: [String: [Entry]] = [:]

    init(site: Site) {
        self.site = site
    }

    /// The links and images of `file` (relative to the site folder), in document order.
    mutating func entries(in file: String) -> [Entry] {
        if let cached = cache[file] { return cached }
        var found: [Entry] = []
        if file.hasPrefix("content/"), let index = site.pagesBySource[String(file.dropFirst("content/".count))] {
            let page = site.pages[index]
            // The build succeeded, so every Markdown link resolves: the set of known files is not needed.
            let resolver = LinkResolver(site: site, markdownFiles: [])
            let text = MarkdownSource.splitSummary(page.body)?.text ?? page.body
            let source = MarkdownSource(text: text, file: file, lineOffset: page.bodyLineOffset,
                                        allowsRawHTML: site.config.allowsRawHTML)
            _ = MarkdownRenderer().render(source) { link in
                let rewrite = resolver.rewrite(link, from: page)
                var published = link.destination
                if case .replace(let url) = rewrite { published = url }
                found.append(Entry(written: link.destination, published: published, location: link.location))
                return rewrite
            }
        }
        cache[file] = found
        return found
    }
}
