import Foundation
import Testing

@testable import HexaglotKit

/// `serve`'s in-place update of edited page bodies must leave exactly the files a clean build
/// gives, and must give way to a full build whenever an edit is more than a body.
@Suite struct PageUpdateTests {
    /// The project's own theme: it shows summaries, reading times and section text in lists,
    /// on the home page and in feeds, which is what an in-place update has to keep right.
    static let projectTheme: [String: String] =
        TestSite.contents(of: Fixtures.repositoryRoot.appendingPathComponent("templates")).mapValues { String(decoding: $0, as: UTF8.self) }

    static func site(fallbackPages: Bool = false) throws -> TestSite {
        var files = [
            "content/site.yaml": TestSite.siteYAML + "paginate: 2\n" + (fallbackPages ? "fallbackPages: true\n" : ""),
            "content/en/index.md": "# Home\n\nWelcome. See [news](news/_index.md).\n",
            "content/en/news/_index.md": "---\ntitle: News\n---\nLatest from the department.\n",
            "content/en/about.md": "# About us\n\nWho we are.\n\n## Mandate\n\nText.\n",
            "content/fr/news/2026-01-01-item-1.md": "---\ntitle: Un\ntags: [a]\n---\nTexte.\n",
            "content/ar/news/2026-01-01-item-1.md": "---\ntitle: واحد\n---\nنص عن POPs.\n",
            "content/static/images/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>",
        ]
        for n in 1...5 {
            files["content/en/news/2026-01-0\(n)-item-\(n).md"] =
                "---\ntitle: Item \(n)\ntags: [a, b\(n)]\n---\nBody \(n), see [home](../index.md).\n\nMore text.\n"
        }
        return try TestSite(files, theme: projectTheme)
    }

    /// Edits `path` and updates the last build through `build(changed:)`; then checks the output
    /// against a clean build and returns how the update went.
    @discardableResult
    func expectUpdateEqualsClean(
        _ site: TestSite, cache: BuildCache, _ text: String, to path: String,
        _ what: String
    ) async throws -> BuildReport {
        try await expectUpdateEqualsClean(site, cache: cache, edits: [path: text], what)
    }

    @discardableResult
    func expectUpdateEqualsClean(_ site: TestSite, cache: BuildCache, edits: [String: String], _ what: String) async throws -> BuildReport {
        let paths = edits.keys.sorted()
        for path in paths { try site.write(edits[path]!, to: path) }
        var options = site.options
        options.cache = cache
        let report = try SiteBuilder(options: options).build(changed: paths.map { site.root.appendingPathComponent($0).path })
        try await site.expectOutputMatchesCleanBuild(what)
        return report
    }

    @Test func bodyEditsAreUpdatedInPlaceAndEqualCleanBuilds() async throws {
        let site = try Self.site()
        let cache = BuildCache()
        try await site.build { $0.cache = cache }
        let item = "content/en/news/2026-01-03-item-3.md"
        // The first paragraph is the summary: shown in the section list, on the tag pages, the home page and the feed.
        var report = try await expectUpdateEqualsClean(
            site, cache: cache, "---\ntitle: Item 3\ntags: [a, b3]\n---\nA new first paragraph.\n\nMore text.\n",
            to: item, "summary of a listed page")
        #expect(report.pagesUpdated == 1)
        #expect(report.filesWritten > 1)
        #expect(site.file("en/news/item-3/index.html")?.contains("A new first paragraph.") == true)
        #expect(site.file("en/atom.xml")?.contains("A new first paragraph.") == true)

        report = try await expectUpdateEqualsClean(
            site, cache: cache,
            "---\ntitle: Item 3\ntags: [a, b3]\n---\nA new first paragraph.\n\nOther text, \(String(repeating: "word ", count: 900))\n",
            to: item, "reading time and later text")
        #expect(report.pagesUpdated == 1)
        report = try await expectUpdateEqualsClean(
            site, cache: cache, "---\ntitle: News\n---\nNew section text.\n",
            to: "content/en/news/_index.md", "a section's text")
        #expect(report.pagesUpdated == 1)
        report = try await expectUpdateEqualsClean(
            site, cache: cache, "# About us\n\nWho we are now.\n\n## Mandate\n\n## Partners\n",
            to: "content/en/about.md", "headings of a page titled by its heading")
        #expect(report.pagesUpdated == 1)
        report = try await expectUpdateEqualsClean(
            site, cache: cache, "---\ntitle: واحد\n---\nنص جديد عن POPs و UNEP.\n",
            to: "content/ar/news/2026-01-01-item-1.md", "an Arabic page")
        #expect(report.pagesUpdated == 1)
        #expect(site.file("ar/news/item-1/index.html")?.contains("نص جديد") == true)
        report = try await expectUpdateEqualsClean(
            site, cache: cache,
            "---\ntitle: Item 4\ntags: [a, b4]\nsummary: A written summary.\n---\nBody 4.\n",
            to: "content/en/news/2026-01-04-item-4.md", "a summary field, the body a line lower")
        #expect(report.pagesUpdated == 1)
        #expect(site.file("en/atom.xml")?.contains("A written summary.") == true)
        report = try await expectUpdateEqualsClean(
            site, cache: cache,
            "---\ntitle: Item 4\ntags: [a, b4]\nimage: /images/a.svg\nsummary: A written summary.\n---\nBody 4.\n",
            to: "content/en/news/2026-01-04-item-4.md", "a param (the sharing image)")
        #expect(report.pagesUpdated == 1)
        #expect(site.file("en/news/item-4/index.html")?.contains("https://example.org/images/a.svg") == true)
        report = try await expectUpdateEqualsClean(
            site, cache: cache,
            edits: [
                "content/en/news/2026-01-05-item-5.md": "---\ntitle: Item 5\ntags: [a, b5]\n---\nFive, again.\n",
                "content/en/news/2026-01-01-item-1.md": "---\ntitle: Item 1\ntags: [a, b1]\n---\nOne, again.\n",
            ], "two pages at once")
        #expect(report.pagesUpdated == 2)
    }

    /// Variants come from the images stage, which an in-place update does not run.
    @Test func aBodyThatShowsAnotherPhotoTakesAFullBuild() async throws {
        let site = try Self.site()
        let photo = Fixtures.folder.appendingPathComponent("images/translucent.png")
        try site.write(Data(contentsOf: photo), to: "content/en/news/2026-01-02-item-2/translucent.png")
        try site.remove("content/en/news/2026-01-02-item-2.md")
        try site.write("---\ntitle: Item 2\ntags: [a, b2]\n---\nBody 2.\n", to: "content/en/news/2026-01-02-item-2/index.md")
        let cache = BuildCache()
        try await site.build { $0.cache = cache }
        let report = try await expectUpdateEqualsClean(
            site, cache: cache, "---\ntitle: Item 2\ntags: [a, b2]\n---\nBody 2.\n\n![A swatch](translucent.png)\n",
            to: "content/en/news/2026-01-02-item-2/index.md", "a photo added")
        #expect(report.pagesUpdated == nil)
        #expect(site.outputFiles().filter { $0.hasPrefix("img/translucent-320w-") }.count == 3)
        // An edit that leaves the photos as they were is still an in-place update.
        let again = try await expectUpdateEqualsClean(
            site, cache: cache, "---\ntitle: Item 2\ntags: [a, b2]\n---\nBody 2, edited.\n\n![A swatch](translucent.png)\n",
            to: "content/en/news/2026-01-02-item-2/index.md", "text beside the photo")
        #expect(again.pagesUpdated == 1)
    }

    @Test func editsBeyondTheBodyTakeAFullBuild() async throws {
        let site = try Self.site()
        let cache = BuildCache()
        try await site.build { $0.cache = cache }
        let cases: [(String, String, String)] = [
            ("---\ntitle: Item 3 renamed\ntags: [a, b3]\n---\nBody 3.\n", "content/en/news/2026-01-03-item-3.md", "a new title"),
            ("---\ntitle: Item 3 renamed\ntags: [c]\n---\nBody 3.\n", "content/en/news/2026-01-03-item-3.md", "new tags"),
            ("---\ntitle: Item 3 renamed\ntags: [c]\ndate: 2026-03-01\n---\nBody 3.\n", "content/en/news/2026-01-03-item-3.md", "a new date"),
            (
                "---\ntitle: Item 3 renamed\ntags: [c]\ndate: 2026-03-01\nweight: 5\n---\nBody 3.\n", "content/en/news/2026-01-03-item-3.md",
                "a new weight"
            ),
            ("# About the department\n\nWho we are.\n", "content/en/about.md", "a new heading title"),
            ("# Six\n\nNew.\n", "content/en/news/2026-01-06-six.md", "a new page"),
        ]
        var options = site.options
        options.cache = cache
        for (text, path, what) in cases {
            let report = try await expectUpdateEqualsClean(site, cache: cache, text, to: path, what)
            #expect(report.pagesUpdated == nil, "\(what) must take a full build")
        }
        // With fallback copies on, the French and Arabic sites show English item 2 too.
        let copied = try Self.site(fallbackPages: true)
        let copiedCache = BuildCache()
        try await copied.build { $0.cache = copiedCache }
        let report0 = try await expectUpdateEqualsClean(
            copied, cache: copiedCache, "---\ntitle: Item 2\ntags: [a, b2]\n---\nNew.\n",
            to: "content/en/news/2026-01-02-item-2.md", "a page shown as a fallback copy elsewhere")
        #expect(report0.pagesUpdated == nil)
        #expect(copied.file("fr/news/item-2/index.html")?.contains("New.") == true)
        // A template change is not a page body.
        try site.write(
            Self.projectTheme["page.mustache"]!.replacingOccurrences(of: "<article", with: "<article data-t=\"1\""),
            to: "templates/page.mustache")
        let report = try SiteBuilder(options: options).build(changed: [site.root.appendingPathComponent("templates/page.mustache").path])
        #expect(report.pagesUpdated == nil)
        #expect(site.file("en/about/index.html")?.contains("data-t=\"1\"") == true)
    }

    /// A body with a mistake fails like a full build: the diagnostic, and the output as it was.
    @Test func aBrokenBodyFailsAndLeavesTheOutput() async throws {
        let site = try Self.site()
        let cache = BuildCache()
        try await site.build { $0.cache = cache }
        let before = TestSite.contents(of: site.output)
        let item = "content/en/news/2026-01-02-item-2.md"
        try site.write("---\ntitle: Item 2\ntags: [a, b2]\n---\nSee [gone](missing.md).\n", to: item)
        var options = site.options
        options.cache = cache
        #expect(throws: BuildFailure.self) {
            try SiteBuilder(options: options).build(changed: [site.root.appendingPathComponent(item).path])
        }
        #expect(TestSite.contents(of: site.output) == before)
        // Mended, the next edit is a full build again (the failed one left nothing to update).
        let report = try await expectUpdateEqualsClean(
            site, cache: cache, "---\ntitle: Item 2\ntags: [a, b2]\n---\nFixed.\n",
            to: item, "mended page")
        #expect(report.pagesUpdated == nil)
    }
}
