import Foundation
import Testing

@testable import HexaglotKit

/// Whole small sites declared inline, built, and asserted on (Hugo's integration-test style).
@Suite struct SiteBuildTests {
    @Test func buildsPagesPerLanguageWithPrettyURLsAndDirection() async throws {
        let site = try TestSite([
            "content/en/index.md": "---\ntitle: Welcome\n---\nHello.\n",
            "content/en/about.md": "---\ntitle: About us\n---\nWho we are.\n",
            "content/fr/about.md": "---\ntitle: À propos\n---\nQui nous sommes.\n",
            "content/ar/about.md": "---\ntitle: من نحن\n---\nنص.\n",
        ])
        let report = try await site.build()
        #expect(report.pagesPerLanguage.map(\.code) == ["en", "fr", "ar"])
        let ar = try #require(site.file("ar/about/index.html"))
        #expect(ar.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(site.file("en/about/index.html")?.contains("<html lang=\"en\" dir=\"ltr\">") == true)
        #expect(site.file("fr/about/index.html")?.contains("<h1>À propos</h1>") == true)
        // Generated homes exist for every language, and the root offers each language in its own script.
        #expect(site.exists("fr/index.html"))
        let root = try #require(site.file("index.html"))
        #expect(root.contains("<a href=\"/ar/\" lang=\"ar\" dir=\"rtl\">موقع تجريبي — العربية</a>"))
        #expect(site.exists("404.html"))
        #expect(site.exists("en/404.html"))
    }

    @Test func switcherLinksTranslationsAndMarksMissingOnes() async throws {
        let site = try TestSite([
            "content/en/areas/pops.md": "---\ntitle: POPs\n---\nText.\n",
            "content/fr/areas/pops.md": "---\ntitle: POP\n---\nTexte.\n",
            "content/en/news/only-english.md": "---\ntitle: English only\n---\nText.\n",
            "content/ar/other-name.md": "---\ntitle: POPs in Arabic\ntranslationKey: areas/pops\n---\nنص.\n",
        ])
        try await site.build()
        let page = try #require(site.file("en/areas/pops/index.html"))
        #expect(page.contains("<a href=\"/en/areas/pops/\" hreflang=\"en\">English</a>"))
        #expect(page.contains("<a href=\"/fr/areas/pops/\" hreflang=\"fr\">Français</a>"))
        // Matched by translationKey although the path differs.
        #expect(page.contains("<a href=\"/ar/other-name/\" hreflang=\"ar\">العربية</a>"))
        let lonely = try #require(site.file("en/news/only-english/index.html"))
        // Missing translations lead to the default language's page, marked in the visitor's language.
        #expect(lonely.contains("<a href=\"/en/news/only-english/\" hreflang=\"fr\">Français</a> (not yet translated)"))
        #expect(!site.exists("fr/news/only-english/index.html"))
    }

    @Test func sectionsListPagesByDateThenWeightThenTitle() async throws {
        let site = try TestSite([
            "content/en/news/_index.md": "---\ntitle: News\n---\nLatest *news*.\n",
            "content/en/news/2026-03-01-older.md": "---\ntitle: Older\n---\nA.\n",
            "content/en/news/2026-11-20-montreal.md": "---\ntitle: Montreal\n---\nB.\n",
            "content/en/news/b-undated.md": "---\ntitle: Beta\nweight: 1\n---\nC.\n",
            "content/en/news/a-undated.md": "---\ntitle: Alpha\nweight: 1\n---\nD.\n",
            "content/en/news/heavy.md": "---\ntitle: Aardvark\nweight: 5\n---\nE.\n",
        ])
        try await site.build()
        let list = try #require(site.file("en/news/index.html"))
        #expect(list.contains("<h1>News</h1><p>Latest <em>news</em>.</p>"))
        let order = ["/en/news/montreal/", "/en/news/older/", "/en/news/a-undated/", "/en/news/b-undated/", "/en/news/heavy/"]
        let positions = order.map { list.range(of: "href=\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // The date prefix of the file name gives the date, shown in the language's own format.
        let page = try #require(site.file("en/news/montreal/index.html"))
        #expect(page.contains("<time datetime=\"2026-11-20\">November 20, 2026</time>"))
    }

    @Test func datesFollowEachLocale() async throws {
        let yaml = """
            title: T
            baseURL: https://example.org/
            languages:
              - {code: zh, name: 中文, locale: zh-Hans}
              - {code: ru, name: Русский}
              - {code: es, name: Español}
              - {code: ar, name: العربية, dir: rtl}
              - {code: fr, name: Français}

            """
        var files = ["content/site.yaml": yaml]
        for code in ["zh", "ru", "es", "ar", "fr"] { files["content/\(code)/n.md"] = "---\ntitle: N\ndate: 2026-11-20\n---\nx\n" }
        let site = try TestSite(files)
        try await site.build()
        #expect(site.file("zh/n/index.html")?.contains(">2026年11月20日<") == true)
        #expect(site.file("ru/n/index.html")?.contains(">20 ноября 2026\u{202F}г.<") == true)
        #expect(site.file("es/n/index.html")?.contains(">20 de noviembre de 2026<") == true)
        #expect(site.file("fr/n/index.html")?.contains(">20 novembre 2026<") == true)
        #expect(site.file("ar/n/index.html")?.contains("نوفمبر") == true)
    }

    @Test func tagsGetPerLanguagePagesWithReadableURLs() async throws {
        let site = try TestSite([
            "content/en/a.md": "---\ntitle: A\ntags: [Ozone Layer, pops]\n---\nx\n",
            "content/en/b.md": "---\ntitle: B\ntags: [pops]\n---\nx\n",
            "content/fr/a.md": "---\ntitle: A fr\ntags: [couche d’ozone, 臭氧]\n---\nx\n",
        ])
        try await site.build()
        #expect(site.file("en/tags/index.html")?.contains("<a href=\"/en/tags/pops/\">pops (2)</a>") == true)
        #expect(site.file("en/tags/ozone-layer/index.html")?.contains("<a href=\"/en/a/\">A</a>") == true)
        #expect(site.exists("fr/tags/臭氧/index.html"))
        #expect(site.file("fr/a/index.html")?.contains("href=\"/fr/tags/%E8%87%AD%E6%B0%A7/\"") == true)
        #expect(site.file("fr/tags/index.html")?.contains("<h1>Mots-clés</h1>") == true)
    }

    @Test func draftsAndFuturePagesAreLeftOutUnlessAsked() async throws {
        let site = try TestSite([
            "content/en/news/draft.md": "---\ntitle: Draft\ndraft: true\n---\nx\n",
            "content/en/news/later.md": "---\ntitle: Later\ndate: 2030-01-01\n---\nx\n",
            "content/en/news/now.md": "---\ntitle: Now\ndate: 2026-01-01\n---\nx\n",
            // Dated by their names: the same rule.
            "content/en/news/2030-05-01-plan.md": "---\ntitle: Plan\n---\nx\n",
            "content/en/news/2030-06-01-trip/index.md": "---\ntitle: Trip\n---\nx\n",
        ])
        try await site.build()
        #expect(!site.exists("en/news/draft/index.html"))
        #expect(!site.exists("en/news/later/index.html"))
        #expect(!site.exists("en/news/plan/index.html") && !site.exists("en/news/trip/index.html"))
        #expect(site.file("en/news/index.html")?.contains("Draft") == false)
        try await site.build {
            $0.includeDrafts = true; $0.includeFuture = true
        }
        #expect(site.exists("en/news/draft/index.html"))
        #expect(site.exists("en/news/later/index.html"))
        #expect(site.exists("en/news/plan/index.html") && site.exists("en/news/trip/index.html"))
    }

    @Test func markdownLinksBecomePageURLs() async throws {
        let site = try TestSite([
            "content/en/index.md": "---\ntitle: Home\n---\nSee [POPs](areas/pops.md#goals) and [news](news/_index.md).\n",
            "content/en/areas/pops.md":
                "---\ntitle: POPs\nslug: persistent-pollutants\n---\n[Home](../index.md), [visit](../news/2026-10-05-visit/index.md)\n",
            "content/en/news/_index.md": "---\ntitle: News\n---\n",
            "content/en/news/2026-10-05-visit/index.md": "---\ntitle: Visit\n---\n![Factory](photo.svg)\n",
            "content/en/news/2026-10-05-visit/photo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "content/en/news/2026-10-05-visit/.DS_Store": "junk",
        ])
        try await site.build()
        let home = try #require(site.file("en/index.html"))
        #expect(home.contains("<a href=\"/en/areas/persistent-pollutants/#goals\">POPs</a>"))
        #expect(home.contains("<a href=\"/en/news/\">news</a>"))
        let pops = try #require(site.file("en/areas/persistent-pollutants/index.html"))
        #expect(pops.contains("<a href=\"/en/\">Home</a>"))
        #expect(pops.contains("<a href=\"/en/news/visit/\">visit</a>"))
        // A page bundle's files are published beside it; hidden files are not.
        #expect(
            site.file("en/news/visit/index.html")?.contains("<img src=\"photo.svg\" alt=\"Factory\" loading=\"eager\" decoding=\"async\" />") == true)
        #expect(site.exists("en/news/visit/photo.svg"))
        #expect(!site.exists("en/news/visit/.DS_Store"))
    }

    @Test func nonASCIIPathsArePercentEncodedInLinks() async throws {
        let site = try TestSite([
            "content/en/index.md": "---\ntitle: Home\n---\n[x](新闻.md)\n",
            "content/en/新闻.md": "---\ntitle: 新闻\n---\nx\n",
        ])
        try await site.build()
        #expect(site.exists("en/新闻/index.html"))
        #expect(site.file("en/index.html")?.contains("<a href=\"/en/%E6%96%B0%E9%97%BB/\">x</a>") == true)
    }

    @Test func contentIsNeverRunThroughTheTemplateEngine() async throws {
        let site = try TestSite([
            "content/en/a.md":
                "---\ntitle: \"{{site.title}} <b>\"\nsummary: \"<script>alert(1)</script>\"\n---\nWrite {{page.title}} and {{{x}}} as they are.\n"
        ])
        try await site.build()
        let page = try #require(site.file("en/a/index.html"))
        #expect(page.contains("<p>Write {{page.title}} and {{{x}}} as they are.</p>"))
        #expect(page.contains("<h1>{{site.title}} &lt;b&gt;</h1>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>"))
    }

    @Test func titleComesFromTheFirstHeadingWithoutFrontMatter() async throws {
        let site = try TestSite(["content/en/plain.md": "# Plain *page*\n\nBody.\n"])
        try await site.build()
        let page = try #require(site.file("en/plain/index.html"))
        #expect(page.contains("<title>Plain *page* · Test Site</title>"))
        #expect(!page.contains("<h1 id="))
    }

    @Test func staticFilesAndThemeAssetsAreCopiedAsTheyAre() async throws {
        let site = try TestSite([
            "content/en/index.md": "Hi\n",
            "content/static/images/logo.svg": "<svg/>",
            "templates/assets/css/site.css": "body{}",
        ])
        try await site.build()
        #expect(site.file("images/logo.svg") == "<svg/>")
        #expect(site.file("css/site.css") == "body{}")
    }

    @Test func channelsAreLinkedOnEveryPage() async throws {
        let site = try TestSite([
            "content/en/a.md": "---\ntitle: A\ntags: [x]\n---\nx\n",
            "content/fr/b.md": "---\ntitle: B\n---\nx\n",
        ])
        try await site.build()
        for path in site.outputFiles() where path.hasSuffix(".html") && path.contains("/") {
            #expect(site.file(path)?.contains("<a href=\"https://www.youtube.com/user/UNIDObeta\">YouTube</a>") == true, "\(path)")
        }
    }

    @Test func outputIsDeterministic() async throws {
        let site = try TestSite([
            "content/en/news/a.md": "---\ntitle: A\ndate: 2026-01-01\ntags: [t1, t2]\n---\nx\n",
            "content/en/news/b.md": "---\ntitle: B\ndate: 2026-01-01\ntags: [t2]\n---\ny\n",
            "content/fr/news/a.md": "---\ntitle: A\n---\nx\n",
        ])
        try await site.build()
        let first = site.outputFiles().map { ($0, site.file($0)) }
        try await site.build()
        let second = site.outputFiles().map { ($0, site.file($0)) }
        #expect(first.map(\.0) == second.map(\.0))
        #expect(first.map(\.1) == second.map(\.1))
    }
}
