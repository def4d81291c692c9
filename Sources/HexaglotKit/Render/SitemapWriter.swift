import Foundation

/// `sitemap.xml` with every published page and, for each, its translations as `xhtml:link`
/// alternates; `robots.txt` pointing at it.
struct SitemapWriter {
    let site: Site
    let builder: ContextBuilder

    struct Entry {
        var path: String
        var lastModified: String?
        var alternates: [Alternate]
    }

    /// Pages, lists and tag pages; not fallback copies (they are marked noindex) nor 404 pages.
    func entries() -> [Entry] {
        var entries = [Entry(path: "", lastModified: nil, alternates: [])]
        entries += site.pages.filter { $0.fallbackOf == nil }.parallelMap { page in
            Entry(path: page.path, lastModified: page.date?.day, alternates: builder.alternates(for: page))
        }
        for language in site.config.languages {
            for tag in site.tags[language.code] ?? [] {
                entries.append(Entry(path: builder.tagPath(tag.slug, language), lastModified: nil, alternates: []))
            }
            if site.tags[language.code]?.isEmpty == false {
                entries.append(Entry(path: language.code + "/tags/", lastModified: nil, alternates: []))
            }
        }
        return entries.sorted { $0.path < $1.path }
    }

    func sitemap() -> OutputFile {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        // Each entry's lines are made on every core, then joined in order.
        for lines in entries().parallelMap(lines) { xml += lines }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", contents: .bytes(Data(xml.utf8)), origin: "content")
    }

    private func lines(_ entry: Entry) -> String {
        var xml = "  <url>\n    <loc>\(XMLEscaping.escape(builder.permalink(entry.path)))</loc>\n"
        if let lastModified = entry.lastModified { xml += "    <lastmod>\(lastModified)</lastmod>\n" }
        for alternate in entry.alternates {
            xml +=
                "    <xhtml:link rel=\"alternate\" hreflang=\"\(XMLEscaping.escape(alternate.hreflang))\" href=\"\(XMLEscaping.escape(alternate.href))\"/>\n"
        }
        return xml + "  </url>\n"
    }

    func robots() -> OutputFile {
        let text = "User-agent: *\nAllow: /\n\nSitemap: \(builder.permalink("sitemap.xml"))\n"
        return OutputFile(path: "robots.txt", contents: .bytes(Data(text.utf8)), origin: "content")
    }
}
