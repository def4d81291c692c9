import Foundation
import Testing

@testable import HexaglotKit

/// Bad input gets a clear error and loses nothing; output cannot escape or run code.
@Suite struct SafetyTests {
    @Test func byteOrderMarkAndCRLFAreAccepted() async throws {
        let site = try TestSite([:])
        try site.write(
            Data([0xEF, 0xBB, 0xBF]) + Data("---\r\ntitle: Windows\r\ndate: 2026-01-02\r\n---\r\nLine one\r\nline two\r\n".utf8),
            to: "content/en/win.md")
        try await site.build()
        let page = try #require(site.file("en/win/index.html"))
        #expect(page.contains("<h1>Windows</h1>"))
        #expect(page.contains("<p>Line one\nline two</p>"))
        #expect(!page.contains("\r"))
    }

    @Test func oversizedPagesAreRefusedWithTheLimitNamed() async throws {
        let site = try TestSite([
            "content/site.yaml": TestSite.siteYAML + "maxPageBytes: 1000\n",
            "content/en/big.md": "# Big\n\n" + String(repeating: "x", count: 2000) + "\n",
            "content/en/small.md": "# Small\n",
        ])
        #expect(
            await site.errors() == [
                "content/en/big.md:1:1: error: file is 2008 bytes, over the limit of 1000 bytes for one page (maxPageBytes in site.yaml)"
            ])
    }

    @Test func linkFieldsInFrontMatterCannotRunCode() async throws {
        let site = try TestSite([
            "content/en/a.md": "---\ntitle: A\nimage: javascript:alert(1)\nvideoURL: \" JavaScript:alert(2)\"\nlink: data:text/html,x\n---\nx\n",
            "content/en/b.md":
                "---\ntitle: B\nimage: ../../images/share.svg\nvideoURL: https://www.youtube.com/watch?v=1\nlink: \"#top\"\nmoreLink: mailto:env@example.org\n---\nx\n",
            "content/static/images/share.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>",
        ])
        #expect(
            await site.errors() == [
                "content/en/a.md:3:8: error: 'image' must be an http, https or mailto URL, a relative path or a #fragment, got 'javascript:alert(1)'",
                "content/en/a.md:4:11: error: 'videoURL' must be an http, https or mailto URL, a relative path or a #fragment, got ' JavaScript:alert(2)'",
                "content/en/a.md:5:7: error: 'link' must be an http, https or mailto URL, a relative path or a #fragment, got 'data:text/html,x'",
            ])
    }

    /// A body image that cmark leaves out of the HTML (`javascript:`, `data:`) is not the page's
    /// sharing image either; an https one is.
    @Test func aBodyImageThatCannotBeFetchedIsNotTheSharingImage() async throws {
        var files: [String: String] = [
            "templates/base.mustache": "{{#page.image}}<meta property=\"og:image\" content=\"{{page.image}}\">{{/page.image}}{{$main}}{{/main}}"
        ]
        let urls = ["javascript:alert(1)", "data:text/html,x", "//evil.example/x.png", "file:///etc/passwd", "https://example.org/a.png"]
        for (index, url) in urls.enumerated() { files["content/en/p\(index).md"] = "---\ntitle: P\n---\n![a](\(url))\n" }
        let site = try TestSite(files)
        try await site.build()
        let shared = urls.indices.map { site.file("en/p\($0)/index.html")?.contains("og:image") == true }
        #expect(shared == [false, false, false, false, true])
        #expect(site.file("en/p4/index.html")?.contains("content=\"https://example.org/a.png\"") == true)
    }

    @Test func symbolicLinksOutsideTheSiteAreNotFollowed() async throws {
        let site = try TestSite(["content/en/a.md": "# A\n", "content/static/robots.txt": "User-agent: *\n"])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "# Secret\n".write(to: outside.appendingPathComponent("secret.md"), atomically: true, encoding: .utf8)
        try "password".write(to: outside.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content/en/leak"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("content/static/passwd"),
            withDestinationURL: outside.appendingPathComponent("passwd"))
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("content/en/alias.md"),
            withDestinationURL: site.root.appendingPathComponent("content/en/a.md"))
        let report = try await site.build()
        #expect(
            report.warnings.map(\.description).filter { $0.contains("symbolic") }.sorted() == [
                "content/en/leak:1:1: warning: symbolic link leads outside the site and is not followed: \(outside.resolvingSymlinksInPath().path)",
                "content/static/passwd:1:1: warning: symbolic link leads outside the site and is not followed: \(outside.appendingPathComponent("passwd").resolvingSymlinksInPath().path)",
            ])
        #expect(!site.exists("en/leak/secret/index.html"))
        #expect(!site.exists("passwd"))
        // A link that stays inside the site is followed.
        #expect(site.exists("en/alias/index.html"))
    }

    @Test func removedPagesDisappearAndUnchangedFilesKeepTheirTime() async throws {
        let site = try TestSite([
            "content/en/news/keep.md": "# Keep\n",
            "content/en/news/change.md": "# Change\n",
            "content/en/news/remove.md": "# Remove\n",
        ])
        try await site.build()
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        for path in ["en/news/keep/index.html", "en/news/change/index.html"] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: site.output.appendingPathComponent(path).path)
        }
        try site.write("# Changed\n", to: "content/en/news/change.md")
        try site.remove("content/en/news/remove.md")
        try await site.build()
        func modified(_ path: String) throws -> Date {
            try #require(FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)[.modificationDate] as? Date)
        }
        #expect(!site.exists("en/news/remove/index.html"))
        #expect(try modified("en/news/keep/index.html") == old)
        #expect(try modified("en/news/change/index.html") != old)
        #expect(site.file("en/news/change/index.html")?.contains("<h1>Changed</h1>") == true)
    }

    @Test func hiddenEntriesOfTheOutputFolderSurvive() async throws {
        let site = try TestSite(["content/en/a.md": "# A\n"])
        try site.writePreviousOutput(["old.html": "stale"])
        try site.write("deploy", to: "public/.git/HEAD")
        try await site.build()
        #expect(site.file(".git/HEAD") == "deploy")
        #expect(!site.exists("old.html"))
    }

    @Test func markdownThatRunsTooLongStopsTheBuildNamingTheFile() async throws {
        // Nested image brackets (GHSA-w4qg-3vf7-m9x5 family): superlinear in Debian's cmark-gfm
        // 0.29.0.gfm.6: 0.23 s at 12,000 repetitions on a quiet build machine (too close to the
        // limit), 1.1 s at 24,000 (144 KB).
        let slow = String(repeating: "![[]()", count: 24_000)
        let site = try TestSite([
            "content/en/slow.md": "# Slow\n\n" + slow + "\n",
            "content/en/fine.md": "# Fine\n",
        ])
        try site.writePreviousOutput(["en/index.html": "previous"])
        let errors = await site.errors { $0.markdownTimeLimit = 0.3 }
        #expect(
            errors == [
                "content/en/slow.md:1:1: error: rendering this file's Markdown took longer than 0.3 s and was stopped; it may contain one of cmark-gfm's known slow patterns (long runs of brackets, emphasis markers, table columns or autolinks): simplify it, or raise markdownTimeLimit in site.yaml"
            ])
        #expect(site.file("en/index.html") == "previous")
    }

    /// Published inputs of the 2023 cmark-gfm advisories, at sizes that take 0.7–1.1 s on the build
    /// machines with Debian's 0.29.0.gfm.6 (`cmark-gfm -e table`, quiet machine; growing
    /// quadratically or worse beyond): each one trips a lowered time limit, and the build names the
    /// file. (At 12,600 bars the table delimiters took 0.26 s, too close to the limit: a fast
    /// machine finished them in time.) The watchdog stops each at the limit, so size costs nothing.
    @Test(arguments: [
        ("GHSA-29g3-96g3-jg6c processing instructions", "-1" + String(repeating: "<?x", count: 30_000) + "y\n"),
        ("GHSA-29g3-96g3-jg6c table delimiters", "x\n| - |\n" + String(repeating: "|", count: 25_200) + "y\n"),
        (
            "GHSA-w4qg-3vf7-m9x5 wide table",
            "|" + String(repeating: "x|", count: 900) + "\n|" + String(repeating: "-|", count: 900) + "\n"
                + String(repeating: "a\n", count: 900)
        ),
    ])
    func advisoryInputsTripTheWatchdog(_ advisory: String, _ markdown: String) async throws {
        let site = try TestSite(["content/en/slow.md": "# Slow\n\n" + markdown, "content/en/fine.md": "# Fine\n"])
        let errors = await site.errors { $0.markdownTimeLimit = 0.25 }
        #expect(errors.count == 1, "\(advisory)")
        #expect(
            errors.first?.hasPrefix("content/en/slow.md:1:1: error: rendering this file's Markdown took longer than 0.25 s") == true,
            "\(advisory)")
    }
}
