import Foundation
import Testing

@testable import HexaglotKit

/// `hexaglot check`: the site is built into a temporary folder and what readers would get is
/// checked; each problem is named at the source line that wrote it.
@Suite struct CheckTests {
    static let siteYAML = """
        title: {en: Test Site, fr: Site de test}
        baseURL: https://example.org/
        defaultLanguage: en
        languages:
          - {code: en, name: English}
          - {code: fr, name: Français}
        channels:
          - {name: YouTube, url: https://www.youtube.com/user/UNIDObeta}

        """

    /// The render trace names the template that wrote a URL, even when two templates write
    /// look-alike ones (matching the templates' text against the URL could only guess here).
    @Test func lookAlikeTemplateLinksAreEachTracedToTheTemplateThatWroteThem() async throws {
        var theme = TestSite.minimalTheme
        theme["page.mustache"] = theme["page.mustache"]!.replacingOccurrences(
            of: "{{{page.content}}}", with: "{{{page.content}}}\n<a href=\"{{lang.homeURL}}help/\">Help</a>")
        theme["home.mustache"] = theme["home.mustache"]!.replacingOccurrences(
            of: "{{{page.content}}}", with: "{{{page.content}}}\n<p><a href=\"{{site.root}}{{lang.code}}/help/\">Help</a></p>")
        let site = try Self.site(["content/en/a.md": "# A\n"], theme: theme)
        let found = try await problems(site)
        #expect(
            found == [
                "templates/home.mustache:2:13: error: link '{{site.root}}{{lang.code}}/help/' leads to /en/help/ and /fr/help/, none of which is in the built site (on /en/ and 1 other page)",
                "templates/page.mustache:5:10: error: link '{{lang.homeURL}}help/' leads to /en/help/, which is not in the built site (on /en/a/)",
            ])
    }

    /// A two-language site with both homes, so that the language choice page's links exist.
    static func site(
        _ files: [String: String], yaml: String = siteYAML,
        theme: [String: String] = TestSite.minimalTheme
    ) throws -> TestSite {
        var all = ["content/site.yaml": yaml, "content/en/index.md": "# Home\n", "content/fr/index.md": "# Accueil\n"]
        all.merge(files) { _, new in new }
        return try TestSite(all, theme: theme)
    }

    func problems(_ site: TestSite) async throws -> [String] {
        try SiteChecker(options: site.options).check().problems.map(\.description)
    }

    @Test func aCleanSiteHasNoProblems() async throws {
        // Below a path (/env/), with translations, a section list over two pages, tags, a page
        // bundle's image, heading anchors from another page and from the same page.
        let yaml =
            Self.siteYAML.replacingOccurrences(of: "https://example.org/", with: "https://example.org/env/")
            + "paginate: 1\n"
        let site = try Self.site(
            [
                "content/en/areas/pops.md": "---\ntags: [pops]\n---\n# POPs\n\n## Goals\n\nSee [ozone](ozone.md#what-we-do) and [below](#goals).\n",
                "content/en/areas/ozone.md":
                    "# Ozone\n\n## What we do\n\nBack to [POPs](pops.md), [all areas](/env/en/areas), or [home](../index.md). Also [YouTube](https://www.youtube.com/user/UNIDObeta).\n",
                "content/fr/areas/pops.md": "# POP\n\n## Objectifs\n\nVoir [ozone](../../en/areas/ozone.md#what-we-do).\n",
                "content/en/news/2026-10-05-visit/index.md": "# Visit\n\n![A photo](photo.svg)\n",
                "content/en/news/2026-10-05-visit/photo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                "content/static/images/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ], yaml: yaml + "logo: images/logo.svg\n")
        let report = try SiteChecker(options: site.options).check()
        #expect(report.problems.map(\.description) == [])
        #expect(report.pagesChecked > 10)
        let youtube = try #require(report.externalLinks.first { $0.url == "https://www.youtube.com/user/UNIDObeta" })
        #expect(youtube.pages.contains("/env/en/areas/ozone/"))
        // The temporary build is gone; the site's own public/ was never written.
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func aBrokenAnchorIsNamedAtTheMarkdownLineThatWroteIt() async throws {
        let site = try Self.site([
            "content/en/a.md": "---\ntitle: A\n---\nIntro.\n\nSee [the goals](other.md#goals) and [more](other.md#nope).\n",
            "content/en/other.md": "# Other\n\n## Goals\n\nText with a [self link](#missing-here).\n",
        ])
        let found = try await problems(site)
        #expect(
            found == [
                "content/en/a.md:6:37: error: link 'other.md#nope': /en/other/ has no heading or element with id 'nope'",
                "content/en/other.md:5:13: error: link '#missing-here': this page has no heading or element with id 'missing-here'",
            ])
    }

    @Test func linksInRawHTMLAreCheckedWhenTheSiteAllowsIt() async throws {
        let page = "# A\n\nText.\n\n<p>See <a href=\"/en/missing/\">this</a> and <img src=\"chart.png\" alt=\"\">.</p>\n"
        let unsafe = try Self.site(["content/en/a.md": page], yaml: Self.siteYAML + "markdown: {unsafe: true}\n")
        let found = try await problems(unsafe)
        #expect(
            found == [
                "content/en/a.md:5:17: error: link '/en/missing/' leads to no file of the built site",
                "content/en/a.md:5:54: error: image 'chart.png' leads to /en/a/chart.png, which is not in the built site",
            ])
        // Without `unsafe`, the raw HTML is left out of the page, so there is nothing broken.
        let safe = try Self.site(["content/en/a.md": page])
        let none = try await problems(safe)
        #expect(none == [])
    }

    @Test func aBrokenTemplateLinkIsNamedInTheTemplateWithItsPages() async throws {
        var theme = TestSite.minimalTheme
        theme["page.mustache"] = theme["page.mustache"]!.replacingOccurrences(
            of: "{{{page.content}}}",
            with: "{{{page.content}}}\n<a href=\"{{site.root}}{{lang.code}}/contact/\">Contact</a> <a href=\"/imprint.html\">Imprint</a>")
        let site = try Self.site(["content/en/a.md": "# A\n", "content/fr/a.md": "# A\n", "content/en/b.md": "# B\n"], theme: theme)
        let found = try await problems(site)
        #expect(
            found == [
                "templates/page.mustache:5:10: error: link '{{site.root}}{{lang.code}}/contact/' leads to /en/contact/ and /fr/contact/, none of which is in the built site (on /en/a/ and 2 other pages)",
                "templates/page.mustache:5:68: error: link '/imprint.html' leads to no file of the built site (on /en/a/ and 2 other pages)",
            ])
    }

    @Test func missingImagesAndAssetsAreFound() async throws {
        var theme = TestSite.minimalTheme
        theme["assets/css/site.css"] = "body { margin: 0 }\n.hero { background: url(\"../img/hero.png\") }\n"
        theme["base.mustache"] = theme["base.mustache"]!.replacingOccurrences(
            of: "<main>",
            with: "<link rel=\"stylesheet\" href=\"{{site.root}}css/site.css\"><img src=\"{{site.root}}images/logo.svg\" alt=\"\"><main>")
        let site = try Self.site(["content/en/a.md": "# A\n\nA chart:\n\n![Chart](chart.png)\n"], theme: theme)
        let found = try await problems(site)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains("content/en/a.md:5:1: error: image 'chart.png' leads to /en/a/chart.png, which is not in the built site"))
        #expect(
            found.contains(
                "templates/assets/css/site.css:2:26: error: stylesheet url() '../img/hero.png' leads to /img/hero.png, which is not in the built site"
            ))
        #expect(
            found.contains(
                "templates/base.mustache:8:67: error: image '{{site.root}}images/logo.svg' leads to /images/logo.svg, which is not in the built site (on /en/ and 4 other pages)"
            ))
    }

    @Test func aLayoutWithoutTheChannelsIsNamedForItsPages() async throws {
        var theme = TestSite.minimalTheme
        theme["plain.mustache"] = "<!doctype html><html><body>{{{page.content}}}</body></html>\n"
        let site = try Self.site(
            [
                "content/en/a.md": "---\ntitle: A\nlayout: plain\n---\nText.\n",
                "content/en/b.md": "---\ntitle: B\nlayout: plain\n---\nText.\n",
                "content/en/c.md": "# C\n",
            ], theme: theme)
        let found = try await problems(site)
        #expect(
            found == [
                "templates/plain.mustache:1:1: error: page does not link the official channel YouTube (https://www.youtube.com/user/UNIDObeta) from site.yaml; the layout 'plain' and what it includes render no link to it (on /en/a/ and 1 other page)"
            ])
    }

    @Test func hreflangTargetsMustExist() async throws {
        var theme = TestSite.minimalTheme
        theme["base.mustache"] = theme["base.mustache"]!.replacingOccurrences(
            of: "{{/page.alternates}}",
            with: "{{/page.alternates}}{{#page.isHome}}<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/\">{{/page.isHome}}")
        let site = try Self.site(["content/en/a.md": "# A\n", "content/fr/a.md": "# A\n"], theme: theme)
        let found = try await problems(site)
        #expect(
            found == [
                "templates/base.mustache:3:161: error: hreflang 'de' alternate 'https://example.org/de/' leads to /de/, which is not in the built site (on /en/ and 1 other page)"
            ])
    }

    @Test func theTokenizerSkipsCommentsScriptsAndStyles() {
        let html = """
            <!doctype html><!-- <a href="/commented"> --><script>if (a<b) document.write('<a href="/scripted">')</script>
            <style>a[href="/styled"] {}</style><A HREF='/kept?a=1&amp;b=2#x' id=top><img srcset="/a.png 1x, /b.png 2x">
            """
        let file = OutputScanner.scanHTML(html, path: "index.html")
        #expect(file.references.map(\.url) == ["/kept?a=1&b=2#x", "/a.png", "/b.png"])
        #expect(file.references.map(\.line) == [2, 2, 2])
        #expect(file.ids == ["top"])
    }

    @Test func malformedMarkupEndsTheScanWithoutFailing() {
        for html in ["<", "<a", "<a href=\"", "<a href='/x", "<!--", "<![CDATA[", "</", "<script>", "<a =x>", "&#xFFFFFFFF;<a href=&amp>", "<é>"] {
            _ = OutputScanner.scanHTML(html, path: "index.html")
            _ = OutputScanner.scanXML(html, path: "sitemap.xml")
        }
        #expect(OutputScanner.scanHTML("<a href=/x?a=1&amp;b>", path: "index.html").references.map(\.url) == ["/x?a=1&b"])
    }

    @Test func urlsResolveAsBrowsersResolveThem() {
        let address = SiteAddress(host: "example.org", rootPath: "/env/")
        #expect(address.resolve("photo.png", in: "en/news/a/index.html") == .site(path: "en/news/a/photo.png", fragment: nil))
        #expect(address.resolve("../b/#x", in: "en/news/a/index.html") == .site(path: "en/news/b/", fragment: "x"))
        #expect(address.resolve("/env/zh/%E6%96%B0%E9%97%BB/", in: "index.html") == .site(path: "zh/新闻/", fragment: nil))
        #expect(address.resolve("https://EXAMPLE.org:443/env", in: "index.html") == .site(path: "", fragment: nil))
        #expect(address.resolve("/images/a.png", in: "en/index.html") == .outsideRoot(path: "/images/a.png"))
        #expect(address.resolve("#%E7%9B%AE%E6%A0%87", in: "en/404.html") == .site(path: "en/404.html", fragment: "目标"))
        #expect(address.resolve("https://www.unido.org", in: "index.html") == .external)
        #expect(address.resolve("mailto:env@example.org", in: "index.html") == .external)
        #expect(address.resolve("data:image/png;base64,AAAA", in: "index.html") == .ignored)
    }

    @Test func theDepartmentSitePasses() async throws {
        var options = BuildOptions(source: Fixtures.repositoryRoot, output: nil)
        options.now = ISO8601DateFormatter().date(from: "2026-11-29T12:00:00Z")!
        let report = try SiteChecker(options: options).check()
        #expect(report.problems.map(\.description) == [])
        #expect(report.pagesChecked > 100)
    }
}

/// `hexaglot check` as a user runs it: exit statuses, the text and JSON formats.
@Suite struct CheckCommandLineTests {
    let runner = CommandLineTests()

    @Test func aCleanSiteExitsZero() throws {
        let site = try CheckTests.site(["content/en/a.md": "# A\n\n[YouTube](https://www.youtube.com/user/UNIDObeta)\n"])
        let result = try runner.run(["check", "--external"], in: site.root)
        #expect(result.status == 0)
        #expect(result.errors == "")
        #expect(
            result.output.contains(
                "1 external link (not fetched):\n  https://www.youtube.com/user/UNIDObeta  (5 pages: /en/, /en/404.html, /en/a/ and 2 more)\n"))
        #expect(result.output.hasPrefix("1 external link"))
        #expect(result.output.hasSuffix(": no problems\n"))
        #expect(!site.exists("index.html"))
    }

    @Test func problemsArePrintedLikeTheBuildsErrorsAndExitOne() throws {
        let site = try CheckTests.site(["content/en/a.md": "# A\n\nSee [B](b.md#nope).\n", "content/en/b.md": "# B\n"])
        let result = try runner.run(["check", "--source", site.root.path], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 1)
        #expect(
            result.errors == """
                content/en/a.md:3:5: error: link 'b.md#nope': /en/b/ has no heading or element with id 'nope'
                    See [B](b.md#nope).
                        ^
                1 error

                """)
        #expect(result.output.hasSuffix(": 1 problem\n"))
    }

    @Test func jsonListsProblemsWithTheirPlaces() throws {
        let site = try CheckTests.site(["content/en/a.md": "# A\n\n![Chart](chart.png)\n"])
        let result = try runner.run(["check", "--format", "json"], in: site.root)
        #expect(result.status == 1)
        let problems = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        #expect(problems.count == 1)
        #expect(problems.first?["file"] as? String == "content/en/a.md")
        #expect(problems.first?["line"] as? Int == 3)
        #expect(problems.first?["column"] as? Int == 1)
        #expect(problems.first?["severity"] as? String == "error")
        #expect((problems.first?["message"] as? String)?.hasPrefix("image 'chart.png' leads to /en/a/chart.png") == true)

        let withExternal = try runner.run(["check", "--format", "json", "--external"], in: site.root)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(withExternal.output.utf8)) as? [String: Any])
        #expect((object["problems"] as? [Any])?.count == 1)
        let links = try #require(object["externalLinks"] as? [[String: Any]])
        #expect(links.first?["url"] as? String == "https://www.youtube.com/user/UNIDObeta")
        #expect((links.first?["pages"] as? [String])?.contains("/en/a/") == true)
    }

    @Test func buildErrorsFailTheCheckAndUsageErrorsExitTwo() throws {
        let site = try CheckTests.site(["content/en/a.md": "[x](nope.md)\n"])
        let text = try runner.run(["check"], in: site.root)
        #expect(text.status == 1)
        #expect(text.errors.contains("content/en/a.md:1:1: error: link 'nope.md' leads to content/en/nope.md, which does not exist"))
        let json = try runner.run(["check", "--format", "json"], in: site.root)
        #expect(json.status == 1)
        #expect(json.output.contains("\"file\" : \"content/en/a.md\""))
        #expect(try runner.run(["check", "--format", "xml"], in: site.root).status == 2)
        #expect(try runner.run(["check", "--source", "/nonexistent/site"], in: site.root).status == 2)
    }
}
