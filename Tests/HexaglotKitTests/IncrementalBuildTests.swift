import Foundation
import Testing

@testable import HexaglotKit

/// A rebuild that reuses a `BuildCache` must give exactly the bytes of a clean build, whatever
/// kind of input changed; and it must actually reuse what did not change.
@Suite struct IncrementalBuildTests {
    static func site() throws -> TestSite {
        var files = [
            "content/site.yaml": TestSite.siteYAML + "paginate: 2\n",
            "content/en/index.md": "# Home\n\nSee [news](news/_index.md).\n",
            "content/en/news/_index.md": "---\ntitle: News\n---\nLatest.\n",
            "content/fr/news/2026-01-01-one.md": "---\ntitle: Un\ntags: [a]\n---\nTexte.\n",
            "content/ar/news/2026-01-01-one.md": "---\ntitle: واحد\n---\nنص POPs.\n",
        ]
        for n in 1...5 {
            files["content/en/news/2026-01-0\(n)-item-\(n).md"] =
                "---\ntitle: Item \(n)\ntags: [a, b\(n)]\n---\nBody \(n), see [home](../index.md).\n"
        }
        return try TestSite(files)
    }

    /// Applies `change`, rebuilds with the cache, and compares with a clean build of the same input.
    func expectIncrementalEqualsClean(
        _ site: TestSite, cache: BuildCache, _ what: String,
        _ change: (TestSite) throws -> Void
    ) async throws {
        try change(site)
        try await site.build { $0.cache = cache }
        try await site.expectOutputMatchesCleanBuild(what)
    }

    @Test func rebuildsEqualCleanBuildsForEveryKindOfChange() async throws {
        let site = try Self.site()
        let cache = BuildCache()
        try await site.build { $0.cache = cache }
        try await expectIncrementalEqualsClean(site, cache: cache, "page body") {
            try $0.write("---\ntitle: Item 3\ntags: [a, b3]\n---\nA new body.\n", to: "content/en/news/2026-01-03-item-3.md")
        }
        try await expectIncrementalEqualsClean(site, cache: cache, "front matter date and tags") {
            try $0.write("---\ntitle: Item 3\ndate: 2026-02-01\ntags: [c]\n---\nA new body.\n", to: "content/en/news/2026-01-03-item-3.md")
        }
        try await expectIncrementalEqualsClean(site, cache: cache, "a title shown in lists and menus") {
            try $0.write("---\ntitle: Latest news\n---\nLatest.\n", to: "content/en/news/_index.md")
        }
        try await expectIncrementalEqualsClean(site, cache: cache, "a new page") {
            try $0.write("# Six\n", to: "content/en/news/2026-01-09-six.md")
        }
        try await expectIncrementalEqualsClean(site, cache: cache, "a removed page, a link target gone") {
            try $0.remove("content/en/news/2026-01-09-six.md")
            try $0.write("# Home\n\nNo links now.\n", to: "content/en/index.md")
        }
        try await expectIncrementalEqualsClean(site, cache: cache, "a new translation") {
            try $0.write("---\ntitle: Article 1\n---\nx\n", to: "content/fr/news/2026-01-01-item-1.md")
        }
        try await expectIncrementalEqualsClean(site, cache: cache, "a template") {
            try $0.write(
                TestSite.minimalTheme["page.mustache"]!.replacingOccurrences(of: "<h1>", with: "<h1 class=\"t\">"),
                to: "templates/page.mustache")
        }
        try await expectIncrementalEqualsClean(site, cache: cache, "an i18n string") {
            try $0.write("not_translated: untranslated\nfallback_notice: Not translated yet.\n", to: "templates/i18n/en.yaml")
        }
        try await expectIncrementalEqualsClean(site, cache: cache, "site.yaml") {
            try $0.write(
                TestSite.siteYAML.replacingOccurrences(of: "Test Site", with: "Renamed Site") + "paginate: 3\n",
                to: "content/site.yaml")
        }
    }

    @Test func anUnchangedRebuildReusesEveryPageAndKeepsFileTimes() async throws {
        let site = try Self.site()
        let cache = BuildCache()
        try await site.build { $0.cache = cache }
        let page = site.output.appendingPathComponent("en/news/item-2/index.html").path
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: page)
        try await site.build { $0.cache = cache }
        #expect(cache.reusedFiles == site.outputFiles().filter { $0.hasSuffix("/index.html") && !$0.contains("tags/") }.count)
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date == old)
        // One changed page: it and what lists it are rendered again, the rest reused.
        try site.write("---\ntitle: Item 2 changed\ntags: [a, b2]\n---\nBody 2.\n", to: "content/en/news/2026-01-02-item-2.md")
        let before = cache.reusedFiles
        try await site.build { $0.cache = cache }
        #expect(cache.reusedFiles < before)
        #expect(cache.reusedFiles > 0)
        #expect(site.file("en/news/item-2/index.html")?.contains("Item 2 changed") == true)
    }

    /// A long `serve` session forgets what belonged to removed pages.
    @Test func theCacheForgetsRemovedPages() async throws {
        let site = try Self.site()
        let cache = BuildCache()
        try await site.build { $0.cache = cache }
        let full = cache.sizes
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/en/news/2026-01-02-item-2.md"))
        try await site.build { $0.cache = cache }
        #expect(cache.sizes.parsed == full.parsed - 1)
        #expect(cache.sizes.markdown == full.markdown - 1)
        #expect(cache.sizes.files < full.files)
    }
}
