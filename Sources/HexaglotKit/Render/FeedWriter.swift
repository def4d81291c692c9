import Foundation

/// An Atom feed per language (`/<lang>/atom.xml`): its newest dated pages, with absolute URLs.
struct FeedWriter {
    static let limit = 20

    let site: Site
    let bodies: [RenderedBody]
    let builder: ContextBuilder

    /// The feed's entries: dated pages of the language, newest first.
    static func entries(of language: Language, in site: Site) -> [Int] {
        let dated = (site.pagesByLanguage[language.code] ?? []).filter {
            site.pages[$0].kind == .page && site.pages[$0].date != nil
        }
        let order = PageOrder(pages: site.pages, locale: Locale(identifier: language.locale))
        return Array(dated.sorted(by: order.listOrder).prefix(limit))
    }

    func feed(for language: Language, entries: [Int]) -> OutputFile {
        let config = site.config
        let home = builder.permalink(language.code + "/")
        let selfURL = builder.permalink(language.code + "/atom.xml")
        let title = config.title(for: language)
        let updated = entries.compactMap { site.pages[$0].date?.instant }.max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(x(language.locale))">
              <title>\(text(title))</title>
              <link rel="self" type="application/atom+xml" href="\(x(selfURL))"/>
              <link rel="alternate" type="text/html" hreflang="\(x(language.locale))" href="\(x(home))"/>
              <id>\(x(home))</id>
              <updated>\(Self.timestamp(updated))</updated>
              <author><name>\(text(title))</name></author>
              <generator>Hexaglot</generator>

            """
        for index in entries {
            let page = site.pages[index]
            let link = builder.permalink(page.path)
            let date = Self.timestamp(page.date!.instant)
            xml += """
                  <entry xml:base="\(x(link))">
                    <title>\(text(page.title))</title>
                    <link rel="alternate" type="text/html" href="\(x(link))"/>
                    <id>\(x(link))</id>
                    <published>\(date)</published>
                    <updated>\(date)</updated>

                """
            for tag in builder.pageTags(page) {
                xml += "    <category term=\"\(x(tag.slug))\" label=\"\(text(tag.name))\"/>\n"
            }
            if !bodies[index].summary.isEmpty { xml += "    <summary>\(text(bodies[index].summary))</summary>\n" }
            xml += "    <content type=\"html\">\(x(String(decoding: bodies[index].html, as: UTF8.self)))</content>\n  </entry>\n"
        }
        xml += "</feed>\n"
        return OutputFile(path: language.code + "/atom.xml", contents: .bytes(Data(xml.utf8)), origin: "content/\(language.code)")
    }

    private func x(_ text: String) -> String { XMLEscaping.escape(text) }
    /// Inline text that feed readers show beside their own: bidi controls balanced, then escaped.
    private func text(_ value: String) -> String { XMLEscaping.escape(TextHygiene.balancingBidiControls(value)) }

    /// RFC 3339 in UTC, as Atom wants, in the proleptic Gregorian calendar of the written dates.
    static func timestamp(_ date: Date) -> String { PageDate.timestampUTC(date) }
}
