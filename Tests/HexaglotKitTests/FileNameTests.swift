import Foundation
import Testing

@testable import HexaglotKit

/// Any file name the file systems can hold publishes, its URL percent-encoded (RFC 3986) the
/// same way everywhere it is written; names in NFD and NFC are one name.
@Suite struct FileNameTests {
    static let name = "50% off & more #1 [draft] (v2) ?+ 🌍"
    static let encoded = "50%25%20off%20%26%20more%20%231%20%5Bdraft%5D%20%28v2%29%20%3F%2B%20%F0%9F%8C%8D"

    /// The minimal theme with `og:url`, as the project theme has it.
    static let theme = TestSite.minimalTheme.merging([
        "base.mustache": TestSite.minimalTheme["base.mustache"]!
            .replacingOccurrences(
                of: "<link rel=\"canonical\"", with: "<meta property=\"og:url\" content=\"{{page.permalink}}\"><link rel=\"canonical\"")
    ]) { _, new in new }

    static func site() throws -> TestSite {
        try TestSite(
            [
                "content/en/index.md": "# Home\n",
                "content/fr/index.md": "# Accueil\n",
                "content/en/offers/\(name).md": "---\ntitle: Sale\ndate: 2026-11-01\ntags: [Sales & deals]\n---\nBig sale.\n",
                "content/fr/offers/\(name).md": "---\ntitle: Soldes\ndate: 2026-11-01\n---\nSoldes.\n",
                "content/en/offers/other.md": """
                ---
                title: Other
                date: 2026-10-01
                ---
                [percent-encoded](50%25%20off%20%26%20more%20%231%20%5Bdraft%5D%20(v2)%20%3F+%20🌍.md)
                [in brackets](<50%25 off & more %231 [draft] (v2) %3F+ 🌍.md#top>)
                [space](a%20b.md) [bracketed space](<a b.md>) [percent](50%25.md)

                """,
                "content/en/offers/a b.md": "# A b\n",
                "content/en/offers/50%.md": "# Fifty\n",
                "content/en/offers/_index.md": "---\ntitle: Offers\npaginate: 1\n---\n",
            ], theme: theme)
    }

    @Test func aNameWithEveryKindOfPunctuationPublishesWithOneEncodedURL() async throws {
        let site = try Self.site()
        let report = try await site.build()
        #expect(site.exists("en/offers/\(Self.name)/index.html"))
        #expect(site.exists("fr/offers/\(Self.name)/index.html"))
        let path = "/en/offers/\(Self.encoded)/", url = "https://example.org" + path
        let frURL = "https://example.org/fr/offers/\(Self.encoded)/"
        let page = try #require(site.file("en/offers/\(Self.name)/index.html"))
        #expect(page.contains("<meta property=\"og:url\" content=\"\(url)\"><link rel=\"canonical\" href=\"\(url)\">"))
        #expect(
            page.contains(
                "<link rel=\"alternate\" hreflang=\"en\" href=\"\(url)\"><link rel=\"alternate\" hreflang=\"fr\" href=\"\(frURL)\"><link rel=\"alternate\" hreflang=\"x-default\" href=\"\(url)\">"
            ))
        #expect(page.contains("<li><a href=\"/fr/offers/\(Self.encoded)/\" hreflang=\"fr\">Français</a></li>"))
        #expect(page.contains("<a class=\"tag\" href=\"/en/tags/sales-and-deals/\">Sales &amp; deals</a>"))
        let list = try #require(site.file("en/offers/index.html"))
        #expect(list.contains("<li><a href=\"\(path)\">Sale</a>"))
        #expect(list.contains("<link rel=\"next\" href=\"/en/offers/page/2/\">"))
        let sitemap = try #require(site.file("sitemap.xml"))
        #expect(sitemap.contains("<loc>\(url)</loc>"))
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"\(frURL)\"/>"))
        let feed = try #require(site.file("en/atom.xml"))
        #expect(feed.contains("<entry xml:base=\"\(url)\">"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>"))
        #expect(feed.contains("<id>\(url)</id>"))
        #expect(feed.contains("<category term=\"sales-and-deals\" label=\"Sales &amp; deals\"/>"))
        let tag = try #require(site.file("en/tags/sales-and-deals/index.html"))
        #expect(tag.contains("<a href=\"\(path)\">Sale</a>"))
        // `?` cannot be in a Windows file name: published, with a warning naming the file.
        #expect(
            report.warnings.map(\.description).contains(
                "content/en/offers/\(Self.name).md:1:1: warning: name holds '?', which Windows does not allow in file names; it is published, but the site cannot be checked out on Windows"
            ))
    }

    @Test func linksWrittenAsCommonMarkWritesThemReachThePage() async throws {
        let site = try Self.site()
        try await site.build()
        let other = try #require(site.file("en/offers/other/index.html"))
        #expect(other.contains("<a href=\"/en/offers/\(Self.encoded)/\">percent-encoded</a>"))
        #expect(other.contains("<a href=\"/en/offers/\(Self.encoded)/#top\">in brackets</a>"))
        #expect(
            other.contains(
                "<a href=\"/en/offers/a%20b/\">space</a> <a href=\"/en/offers/a%20b/\">bracketed space</a> <a href=\"/en/offers/50%25/\">percent</a>")
        )
        // `hexaglot check` finds each of these links' pages.
        let checked = try SiteChecker(options: site.options).check()
        #expect(checked.problems.map(\.description) == [])
    }

    @Test func namesInNFDAndNFCAreOneURLAndTranslationsOfEachOther() async throws {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        let site = try TestSite([
            "content/en/\(nfc).md": "# Coffee\n\nSee [the French one](../fr/\(nfc).md).\n",
            "content/fr/\(nfd)-bar/x.md": "# X\n",
            "content/fr/\(nfd).md": "# Caf\u{E9}\n",
        ])
        // As macOS writes it: the French file's name on disk is in NFD.
        let names = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("content/fr").path)
        #expect(names.contains { Array($0.utf8) == Array("\(nfd).md".utf8) })
        try await site.build()
        let files = site.outputFiles().map { Array($0.utf8) }
        #expect(files.contains(Array("fr/\(nfc)/index.html".utf8)))
        #expect(files.contains(Array("fr/\(nfc)-bar/x/index.html".utf8)))
        #expect(!files.contains { $0.starts(with: Array("fr/cafe".utf8)) })
        let english = try #require(site.file("en/\(nfc)/index.html"))
        #expect(english.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/caf%C3%A9/\">"))
        #expect(english.contains("<a href=\"/fr/caf%C3%A9/\">the French one</a>"))
        let french = try #require(site.file("fr/\(nfc)/index.html"))
        #expect(french.contains("<link rel=\"canonical\" href=\"https://example.org/fr/caf%C3%A9/\">"))
        #expect(french.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/caf%C3%A9/\">"))
        #expect(try #require(site.file("sitemap.xml")).contains("<loc>https://example.org/fr/caf%C3%A9-bar/x/</loc>"))
    }

    /// The byte test that lets most paths skip the per-name check misses no name the check
    /// finds fault with, and passes the usual names.
    @Test func theQuickWindowsTestMissesNoProblemName() {
        let flagged = [
            "CON", "con.md", "a/lpt1.txt", "aux ", "Nul.tar.gz", "x/prn .md", "com9", "a?b.md", "x:y", "notes.", "trailing ",
            "dir./x.md", "a/b<c", "q\"x", "p|q", "s*t", "con/index.md",
        ]
        let fine = ["news/visit/photo-12345.jpg", "en/areas/chemicals/index.md", "zh/新闻/照片.jpg", "ar/a.md", "lpt10.md", "console.md"]
        for path in flagged + fine {
            var bytes = path
            let quick = bytes.withUTF8(PathSafety.mayHoldWindowsProblem)
            let found = path.split(separator: "/").contains { PathSafety.windowsProblem(inFileName: String($0)) != nil }
            #expect(!found || quick, "\(path)")
            #expect(found == flagged.contains(path), "\(path)")
        }
        for path in fine {
            var bytes = path
            let quick = bytes.withUTF8(PathSafety.mayHoldWindowsProblem)
            #expect(!quick, "\(path)")
        }
    }

    @Test func namesWindowsCannotHoldPublishWithAWarningAndControlCharactersAreRefused() async throws {
        let site = try TestSite(["content/en/CON.md": "# Con\n", "content/en/a: b.md": "# A\n", "content/en/end./x.md": "# X\n"])
        let report = try await site.build()
        #expect(site.exists("en/CON/index.html") && site.exists("en/a: b/index.html") && site.exists("en/end./x/index.html"))
        #expect(
            report.warnings.map(\.description).filter { $0.contains("Windows") } == [
                "content/en/CON.md:1:1: warning: name is 'CON', a device name on Windows; it is published, but the site cannot be checked out on Windows",
                "content/en/a: b.md:1:1: warning: name holds ':', which Windows does not allow in file names; it is published, but the site cannot be checked out on Windows",
                "content/en/end.:1:1: warning: name ends in '.', which Windows removes; it is published, but the site cannot be checked out on Windows",
            ])
        let refused = try TestSite(["content/en/a\u{7}b.md": "# A\n"])
        let errors = await refused.errors()
        #expect(errors == ["content/en/a?b.md:1:1: error: file or folder name contains control characters; rename it"])
    }

    /// A name that is not UTF-8 (copied from an old archive or another system) is an error: it
    /// was left out of the site without a word.
    @Test func namesThatAreNotUTF8AreRefused() async throws {
        let site = try TestSite(["content/en/index.md": "# Home\n"])
        let folder = site.root.appendingPathComponent("content/en").path
        for (name, isFolder): ([UInt8], Bool) in [(Array("bad".utf8) + [0xFF] + Array("name.md".utf8), false), (Array("dir".utf8) + [0xFE], true)] {
            let path = (Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
            if isFolder {
                #expect(mkdir(path, 0o755) == 0)
            } else {
                let file = creat(path, 0o644)
                #expect(file >= 0)
                close(file)
            }
        }
        let errors = await site.errors()
        #expect(
            errors == [
                "content/en/bad\u{FFFD}name.md:1:1: error: file or folder name is not UTF-8 (its bytes are shown as \u{FFFD}); rename it",
                "content/en/dir\u{FFFD}:1:1: error: file or folder name is not UTF-8 (its bytes are shown as \u{FFFD}); rename it",
            ])
    }

    /// Device names are told apart from names that only start like them (the check on long
    /// names stops at their fifth byte).
    @Test func deviceNamesAreFoundWhateverFollowsThem() {
        for name in ["con", "CON.md", "con .md", "Lpt9.txt", "com1", "aux.tar.gz", "nul  .x", "PRN"] {
            #expect(PathSafety.windowsProblem(inFileName: name)?.contains("a device name on Windows") == true, "\(name)")
        }
        for name in ["console.md", "common", "com10.md", "lpt", "auxiliary", "nul-and-void.md", "a", "chemicals-award-00176.md"] {
            #expect(PathSafety.windowsProblem(inFileName: name) == nil, "\(name)")
        }
    }
}
