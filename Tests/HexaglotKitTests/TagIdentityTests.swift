import Foundation
import Testing

@testable import HexaglotKit

/// A tag is its NFKC case-folded name: spellings that differ by case or width are one tag,
/// listed once per page; `C++`, `C#` and `C` are three tags with three URLs.
@Suite struct TagIdentityTests {
    @Test func spellingsDifferingByCaseOrWidthAreOneTagCountedOncePerPage() async throws {
        let site = try TestSite([
            "content/en/b.md": "---\ntitle: B\ndate: 2026-11-02\ntags: [OZONE, ozone]\n---\nB.\n",
            "content/en/a.md": "---\ntitle: A\ndate: 2026-11-01\ntags: [Ozone]\n---\nA.\n",
            "content/en/c.md": "---\ntitle: C\ndate: 2026-11-03\ntags: [\u{FF2F}\u{FF3A}\u{FF2F}\u{FF2E}\u{FF25}]\n---\nC.\n",
        ])
        try await site.build()
        #expect(site.outputFiles().filter { $0.hasPrefix("en/tags/") } == ["en/tags/index.html", "en/tags/ozone/index.html"])
        // Named as the first page by path (a.md) spells it, everywhere.
        #expect(try #require(site.file("en/tags/index.html")).contains("<a href=\"/en/tags/ozone/\">Ozone (3)</a></main>"))
        let tag = try #require(site.file("en/tags/ozone/index.html"))
        #expect(tag.contains("<h1>Ozone</h1><a href=\"/en/c/\">C</a><a href=\"/en/b/\">B</a><a href=\"/en/a/\">A</a></main>"))
        #expect(try #require(site.file("en/b/index.html")).contains("</p><a class=\"tag\" href=\"/en/tags/ozone/\">Ozone</a>\n"))
        let feed = try #require(site.file("en/atom.xml"))
        #expect(feed.components(separatedBy: "<category term=\"ozone\" label=\"Ozone\"/>").count - 1 == 3)
    }

    @Test func tagsThatDifferBySymbolsGetTheirOwnURLs() async throws {
        let site = try TestSite([
            "content/en/a.md": "---\ntitle: A\ntags: [C++, C#, C, R&D]\n---\nA.\n",
            "content/en/b.md": "---\ntitle: B\ntags: [c#]\n---\nB.\n",
        ])
        try await site.build()
        #expect(
            site.outputFiles().filter { $0.hasPrefix("en/tags/") } == [
                "en/tags/c-plus-plus/index.html", "en/tags/c-sharp/index.html", "en/tags/c/index.html",
                "en/tags/index.html", "en/tags/r-and-d/index.html",
            ])
        #expect(try #require(site.file("en/tags/c-sharp/index.html")).contains("<h1>C#</h1><a href=\"/en/a/\">A</a><a href=\"/en/b/\">B</a>"))
        #expect(
            try #require(site.file("en/tags/index.html")).contains(
                "<a href=\"/en/tags/c/\">C (1)</a><a href=\"/en/tags/c-plus-plus/\">C++ (1)</a><a href=\"/en/tags/c-sharp/\">C# (2)</a><a href=\"/en/tags/r-and-d/\">R&amp;D (1)</a>"
            ))
        let sitemap = try #require(site.file("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.org/en/tags/c-plus-plus/</loc>"))
    }

    @Test func tagSlugsAreTheSameWhateverOtherTagsExist() {
        #expect(TagName.slug("C++") == "c-plus-plus")
        #expect(TagName.slug("C#") == "c-sharp")
        #expect(TagName.slug("F# & C#") == "f-sharp-and-c-sharp")
        #expect(TagName.slug("Stockholm Convention") == "stockholm-convention")
        #expect(TagName.slug("Стокгольмская конвенция") == "стокгольмская-конвенция")
        #expect(TagName.slug("\u{FF23}\u{FF0B}\u{FF0B}") == "c-plus-plus")
        #expect(TagName.slug("!") == nil)
    }
}
