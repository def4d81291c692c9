import Foundation
import Testing

@testable import HexaglotKit

/// The multilingual behaviour: hreflang, fallbacks, pagination, feeds, sitemap, plurals,
/// summaries and right-to-left isolation, each on a small inline site.
@Suite struct MultilingualTests {
    static func alternates(in html: String) -> [String: String] {
        let pattern = try! NSRegularExpression(pattern: #"<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">"#)
        var result: [String: String] = [:]
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            result[String(html[Range(match.range(at: 1), in: html)!])] = String(html[Range(match.range(at: 2), in: html)!])
        }
        return result
    }

    @Test func hreflangSetsAreCompleteAndReciprocal() async throws {
        let site = try TestSite([
            "content/en/about.md": "# About\n",
            "content/fr/about.md": "# À propos\n",
            "content/ar/about.md": "# من نحن\n",
            "content/en/only.md": "# Only English\n",
        ])
        try await site.build()
        let expected = [
            "en": "https://example.org/en/about/", "fr": "https://example.org/fr/about/",
            "ar": "https://example.org/ar/about/", "x-default": "https://example.org/en/about/",
        ]
        for code in ["en", "fr", "ar"] {
            let html = try #require(site.file("\(code)/about/index.html"))
            #expect(Self.alternates(in: html) == expected, "\(code)")
            #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/\(code)/about/\">"))
        }
        let only = try #require(site.file("en/only/index.html"))
        #expect(Self.alternates(in: only) == ["en": "https://example.org/en/only/", "x-default": "https://example.org/en/only/"])
    }

    @Test func fallbackPagesCarryANoticeCanonicalAndNoindexOnlyWhenAsked() async throws {
        var files = [
            "content/en/news/visit.md": "---\ntitle: Visit\ndate: 2026-01-01\n---\nText.\n",
            "content/fr/news/other.md": "---\ntitle: Autre\ndate: 2026-01-02\n---\nTexte.\n",
        ]
        let plain = try TestSite(files)
        try await plain.build()
        #expect(!plain.exists("fr/news/visit/index.html"))
        #expect(!plain.exists("ar/news/visit/index.html"))

        files["content/site.yaml"] = TestSite.siteYAML + "fallbackPages: true\nfallback: {ar: [fr]}\n"
        let site = try TestSite(files)
        try await site.build()
        let french = try #require(site.file("fr/news/visit/index.html"))
        #expect(french.contains("<p class=\"notice\">Pas encore traduit.</p>"))
        #expect(french.contains("<link rel=\"canonical\" href=\"https://example.org/en/news/visit/\">"))
        #expect(french.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(Self.alternates(in: french).isEmpty)
        // Arabic falls back to French first: "other" exists only in French.
        #expect(site.file("ar/news/other/index.html")?.contains("<link rel=\"canonical\" href=\"https://example.org/fr/news/other/\">") == true)
        #expect(site.file("ar/news/other/index.html")?.contains("<p class=\"notice\">لم تُترجم بعد.</p>") == true)
        // The French list shows only French pages; the English page's switcher leads to the copy.
        #expect(site.file("fr/news/index.html")?.contains("/fr/news/visit/") == false)
        #expect(
            site.file("en/news/visit/index.html")?.contains("<a href=\"/fr/news/visit/\" hreflang=\"fr\">Français</a> (not yet translated)") == true)
        #expect(site.file("sitemap.xml")?.contains("/fr/news/visit/") == false)
    }

    /// A fallback copy's links lead to the linked page's version in the copy's language: its
    /// translation, or its own copy; a link to a heading only to a copy, whose headings are the
    /// same. The original's links are its own language's.
    @Test func fallbackCopiesLinkToPagesInTheReadersLanguage() async throws {
        let site = try TestSite([
            "content/site.yaml": TestSite.siteYAML + "fallbackPages: true\n",
            "content/en/news/a.md": "---\ntitle: A\n---\nSee [B](b.md) and [its part](b.md#part).\n",
            "content/en/news/b.md": "---\ntitle: B\n---\n## Part\n\nText.\n",
            "content/fr/news/b.md": "---\ntitle: Bé\n---\n## Partie\n\nTexte.\n",
        ])
        try await site.build()
        #expect(site.file("en/news/a/index.html")?.contains("<a href=\"/en/news/b/\">B</a> and <a href=\"/en/news/b/#part\">") == true)
        // French has B's translation: the link leads there; its headings differ, so #part stays English.
        #expect(site.file("fr/news/a/index.html")?.contains("<a href=\"/fr/news/b/\">B</a> and <a href=\"/en/news/b/#part\">") == true)
        // Arabic has B's copy: both links lead there.
        #expect(site.file("ar/news/a/index.html")?.contains("<a href=\"/ar/news/b/\">B</a> and <a href=\"/ar/news/b/#part\">") == true)
    }

    @Test func fallbackCopiesOfBundlesCarryTheirFiles() async throws {
        let site = try TestSite([
            "content/site.yaml": TestSite.siteYAML + "fallbackPages: true\n",
            "content/en/news/visit/index.md": "# Visit\n\n![A plant](pic.svg)\n",
            "content/en/news/visit/pic.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ])
        try await site.build()
        #expect(
            site.file("fr/news/visit/index.html")?.contains("<img src=\"pic.svg\" alt=\"A plant\" loading=\"eager\" decoding=\"async\" />") == true)
        #expect(site.exists("fr/news/visit/pic.svg"))
        #expect(site.exists("ar/news/visit/pic.svg"))
    }

    /// A fallback copy takes its original's rendered body unless something in it reads otherwise
    /// from the copy: a video card's label (in the copy's language), left-to-right runs isolated
    /// in a right-to-left language, an image reached through `..` (which names the copy's
    /// neighbour, here a translated page without that file). Each case is checked against what
    /// rendering the copy on its own gives.
    @Test func fallbackCopiesShareTheOriginalsBodyOnlyWhereItReadsTheSame() async throws {
        var theme = TestSite.minimalTheme
        theme["i18n/en.yaml"]! += "watch_video: \"Watch on {site}\"\n"
        theme["i18n/fr.yaml"]! += "watch_video: \"Regarder sur {site}\"\n"
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"/>"
        let site = try TestSite(
            [
                "content/site.yaml": TestSite.siteYAML + "fallbackPages: true\n",
                "content/en/news/plain/index.md": "---\ntitle: Plain\n---\nThe UNIDO plan, الخطة.\n\n![A plan](plan.svg)\n",
                "content/en/news/plain/plan.svg": svg,
                "content/en/news/picture/index.md": "---\ntitle: Picture\n---\n![The UNIDO plan](plan.svg)\n",
                "content/en/news/picture/plan.svg": svg,
                "content/en/news/talk.md": "---\ntitle: Talk\n---\nhttps://youtu.be/dQw4w9WgXcQ\n",
                "content/en/news/near/index.md": "---\ntitle: Near\n---\n![Next door](../door/door.svg)\n",
                "content/en/news/door/index.md": "---\ntitle: Door\n---\nDoor.\n",
                "content/en/news/door/door.svg": svg,
                "content/fr/news/door/index.md": "---\ntitle: Porte\n---\nPorte.\n",
            ], theme: theme)
        try await site.build()
        func body(_ path: String) throws -> String {
            let page = try #require(site.file(path))
            // What the Markdown gave: after the summary line, which the page template writes itself.
            let summary = try #require(page.range(of: "<p class=\"summary\">")), end = try #require(page.range(of: "</main>"))
            let start = try #require(page[summary.upperBound...].range(of: "</p>\n"))
            return String(page[start.upperBound..<end.lowerBound])
        }
        // The same body, in the copy of the same direction; the isolated runs in Arabic.
        let plain = try body("en/news/plain/index.html")
        #expect(plain.contains("<img src=\"plan.svg\" alt=\"A plan\" width=\"40\" height=\"30\""))
        #expect(try body("fr/news/plain/index.html") == plain, "\(plain)")
        let arabic = try body("ar/news/plain/index.html")
        #expect(arabic.contains("<bdi>") && arabic.contains("UNIDO"), "\(arabic)")
        #expect(!plain.contains("<bdi>"))
        // A body with no left-to-right text (its alt is an attribute) is the same in Arabic.
        let picture = try body("en/news/picture/index.html")
        #expect(picture.contains("alt=\"The UNIDO plan\" width=\"40\" height=\"30\""))
        #expect(try body("ar/news/picture/index.html") == picture)
        // The card's label in each copy's language.
        #expect(try body("en/news/talk/index.html").contains(">Watch on YouTube<"))
        #expect(try body("fr/news/talk/index.html").contains(">Regarder sur YouTube<"))
        // From the French copy, ../door/ is the French page, which has no door.svg: no size there.
        #expect(try body("en/news/near/index.html").contains("alt=\"Next door\" width=\"40\" height=\"30\""))
        let french = try body("fr/news/near/index.html")
        #expect(french.contains("<img src=\"../door/door.svg\" alt=\"Next door\"") && !french.contains("width=\"40\""), "\(french)")
    }

    @Test func sectionListsArePaginated() async throws {
        var files = [
            "content/site.yaml": TestSite.siteYAML + "paginate: 2\n",
            "content/en/news/_index.md": "---\ntitle: News\npaginate: 3\n---\n",
            "content/en/blog/_index.md": "---\ntitle: Blog\n---\n",
        ]
        for day in 1...7 {
            files["content/en/news/2026-01-0\(day)-item-\(day).md"] = "---\ntitle: Item \(day)\n---\nx\n"
            files["content/en/blog/2026-01-0\(day)-post-\(day).md"] = "---\ntitle: Post \(day)\n---\nx\n"
        }
        let site = try TestSite(files)
        try await site.build()
        let first = try #require(site.file("en/news/index.html"))
        #expect(first.contains("<link rel=\"next\" href=\"/en/news/page/2/\">"))
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("Item 7") && first.contains("Item 5") && !first.contains("Item 4"))
        let last = try #require(site.file("en/news/page/3/index.html"))
        #expect(last.contains("<link rel=\"prev\" href=\"/en/news/page/2/\">"))
        #expect(last.contains("Item 1") && !last.contains("Item 2<"))
        #expect(!site.exists("en/news/page/4/index.html"))
        #expect(!site.exists("en/news/page/1/index.html"))
        // The site's paginate: 2 applies where the section sets none.
        #expect(site.exists("en/blog/page/4/index.html"))
    }

    /// Long lists link the first, the last and the pages around the current one, with gaps:
    /// every page listing every other page would grow with the square of the list.
    @Test func paginationLinksAWindowOfPages() {
        #expect(Paginator.window(current: 1, count: 1) == [1])
        #expect(Paginator.window(current: 2, count: 4) == [1, 2, 3, 4])
        #expect(Paginator.window(current: 10, count: 20) == [1, nil, 8, 9, 10, 11, 12, nil, 20])
        // A gap of one page shows that page instead.
        #expect(Paginator.window(current: 5, count: 20) == [1, 2, 3, 4, 5, 6, 7, nil, 20])
        #expect(Paginator.window(current: 20, count: 20) == [1, nil, 18, 19, 20])
    }

    @Test func atomFeedsHoldTheNewestTwentyWithAbsoluteURLs() async throws {
        var files: [String: String] = ["content/fr/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\nx\n"]
        for n in 1...25 {
            files["content/en/news/item-\(n).md"] =
                "---\ntitle: \"Item \(n) <b> & co\"\ndate: 2026-01-\(String(format: "%02d", n))\n---\nSee [about](../about.md).\n"
        }
        files["content/en/about.md"] = "# About\n"
        let site = try TestSite(files)
        try await site.build()
        let feed = try #require(site.file("en/atom.xml"))
        #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"))
        #expect(feed.components(separatedBy: "<entry ").count - 1 == 20)
        #expect(feed.contains("<title>Item 25 &lt;b&gt; &amp; co</title>"))
        #expect(!feed.contains("<title>Item 5 "))
        #expect(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/en/atom.xml\"/>"))
        #expect(feed.contains("<updated>2026-01-25T00:00:00Z</updated>"))
        #expect(feed.contains("&lt;a href=&quot;/en/about/&quot;&gt;about&lt;/a&gt;"))
        #expect(site.file("fr/atom.xml")?.contains("xml:lang=\"fr\"") == true)
        // No dated pages in Arabic: no feed.
        #expect(!site.exists("ar/atom.xml"))
    }

    @Test func sitemapListsPagesWithTheirTranslations() async throws {
        let site = try TestSite([
            "content/en/about.md": "---\ntitle: About\ndate: 2026-02-03\n---\nx\n",
            "content/fr/about.md": "# À propos\n",
            "content/en/draft.md": "---\ntitle: Draft\ndraft: true\n---\nx\n",
        ])
        try await site.build()
        let sitemap = try #require(site.file("sitemap.xml"))
        #expect(
            sitemap.contains(
                """
                  <url>
                    <loc>https://example.org/en/about/</loc>
                    <lastmod>2026-02-03</lastmod>
                    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/about/"/>
                    <xhtml:link rel="alternate" hreflang="fr" href="https://example.org/fr/about/"/>
                    <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/en/about/"/>
                  </url>
                """))
        #expect(!sitemap.contains("draft"))
        #expect(!sitemap.contains("404"))
        #expect(site.file("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n")
    }

    @Test func jsonLDOnHomePagesIsSafeInsideScript() async throws {
        let site = try TestSite([
            "content/site.yaml": TestSite.siteYAML.replacingOccurrences(
                of: "title: {en: Test Site,", with: "title: {en: \"Test </script><script>alert(1)</script> & Co\","),
            "content/en/index.md": "# Home\n",
        ])
        try await site.build()
        let home = try #require(site.file("en/index.html"))
        #expect(home.contains(#""name":"Test \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 Co""#))
        #expect(home.contains(#""sameAs":["https://www.youtube.com/user/UNIDObeta"]"#))
        #expect(home.contains(#""@type":"Organization""#))
        #expect(home.components(separatedBy: "</script>").count == 2)
    }

    @Test func readingTimeUsesPluralRules() async throws {
        let site = try TestSite([
            "content/en/short.md": "# Short\n\nA few words.\n",
            "content/en/long.md": "# Long\n\n" + String(repeating: "word ", count: 760) + "\n",
        ])
        try await site.build()
        #expect(site.file("en/short/index.html")?.contains("<p class=\"time\">1 minute</p>") == true)
        #expect(site.file("en/long/index.html")?.contains("<p class=\"time\">3 minutes</p>") == true)
    }

    @Test func pluralCategoriesFollowCLDR() {
        let ru = [1, 2, 5, 11, 21, 22, 25, 111, 112].map { PluralRules.category(of: $0, language: "ru") }
        #expect(ru == [.one, .few, .many, .many, .one, .few, .many, .many, .many])
        let ar = [0, 1, 2, 3, 10, 11, 99, 100, 102].map { PluralRules.category(of: $0, language: "ar") }
        #expect(ar == [.zero, .one, .two, .few, .few, .many, .many, .other, .other])
        #expect([0, 1, 2].map { PluralRules.category(of: $0, language: "fr") } == [.one, .one, .other])
        #expect([0, 1, 2].map { PluralRules.category(of: $0, language: "en") } == [.other, .one, .other])
        #expect(PluralRules.category(of: 1, language: "zh-Hans") == .other)
    }

    @Test func moreMarkerGivesTheSummary() async throws {
        let site = try TestSite([
            "content/en/a.md": "# A\n\nFirst part,\nwhole.\n\nSecond.\n\n<!--more-->\n\nRest of the page.\n",
            "content/en/b.md": "# B\n\n" + String(repeating: "Long sentence here. ", count: 30) + "\n",
        ])
        try await site.build()
        let a = try #require(site.file("en/a/index.html"))
        #expect(a.contains("<p class=\"summary\">First part, whole. Second.</p>"))
        #expect(a.contains("<p>Rest of the page.</p>"))
        #expect(!a.contains("more--"))
        let b = try #require(site.file("en/b/index.html"))
        #expect(b.contains("<p class=\"summary\">Long sentence here. Long sentence here."))
        #expect(b.contains("here.</p>"))
    }

    @Test func leftToRightRunsInArabicAreIsolated() async throws {
        let site = try TestSite([
            "content/ar/a.md": "# أ\n\nتعمل اليونيدو (UNIDO) على خفض POPs، وفق BAT/BEP و`make site`.\n",
            "content/en/a.md": "# A\n\nUNIDO (POPs).\n",
        ])
        try await site.build()
        let ar = try #require(site.file("ar/a/index.html"))
        #expect(
            ar.contains("<p>تعمل اليونيدو (<bdi>UNIDO</bdi>) على خفض <bdi>POPs</bdi>، وفق <bdi>BAT/BEP</bdi> و<bdi><code>make site</code></bdi>.</p>")
        )
        #expect(site.file("en/a/index.html")?.contains("<p>UNIDO (POPs).</p>") == true)
    }
}
