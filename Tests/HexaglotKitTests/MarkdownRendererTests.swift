import Testing

@testable import HexaglotKit

@Suite struct MarkdownRendererTests {
    func html(_ markdown: String, rawHTML: Bool = false) -> String {
        MarkdownRenderer().render(MarkdownSource(text: markdown, file: "t.md", allowsRawHTML: rawHTML)) { _ in .keep }.0.html
    }

    @Test func rendersGFMExtensions() {
        #expect(html("| a | b |\n|---|---|\n| 1 | 2 |\n").contains("<table>"))
        #expect(html("~~gone~~").contains("<del>gone</del>"))
        #expect(html("see https://www.unido.org now").contains("<a href=\"https://www.unido.org\">"))
        #expect(html("- [x] done\n- [ ] todo\n").contains("type=\"checkbox\""))
        let footnote = html("Text[^1]\n\n[^1]: Note.\n")
        #expect(footnote.contains("class=\"footnotes\""))
        #expect(footnote.contains("href=\"#fn-1\""))
    }

    /// cmark-gfm keeps the extensions' trigger characters in one process-wide table that each
    /// parser used to add to and clear; parsing on several threads then lost strikethrough and
    /// autolinks in some pages (it did on the benchmark corpus). Many parallel parses must all agree.
    @Test func parsingOnManyThreadsKeepsEveryExtension() {
        let markdown = String(repeating: "Some words ~~struck~~ and www.example.org here, *emphasis* too.\n\n", count: 20)
        let expected = html(markdown)
        #expect(expected.contains("<del>struck</del>"))
        #expect(expected.contains("<a href=\"http://www.example.org\">"))
        let outputs = Array(0..<400).parallelMap { _ in html(markdown) }
        #expect(outputs.filter { $0 != expected }.count == 0)
    }

    /// On Linux the table is kept set (CCmarkThreads), so that the test above runs its parses'
    /// inline phases side by side rather than one after another.
    @Test func inlinesAreParsedOnSeveralThreadsAtOnce() {
        #if os(Linux)
        #expect(MarkdownRenderer.parsesInlinesInParallel)
        #endif
    }

    @Test func rawHTMLIsOmittedUnlessAllowed() {
        let unsafe = "<div onclick=\"x()\">hi</div>\n\n<script>alert(1)</script>\n\n[a](javascript:alert(1))"
        let safe = html(unsafe)
        #expect(!safe.contains("<div"))
        #expect(!safe.contains("<script"))
        #expect(safe.contains("<!-- raw HTML omitted -->"))
        #expect(!safe.contains("javascript:"))
        let allowed = html(unsafe, rawHTML: true)
        #expect(allowed.contains("<div onclick"))
        // tagfilter still applies when raw HTML is on.
        #expect(allowed.contains("&lt;script>"))
    }

    @Test func headingsGetIdsAndSelfLinks() {
        let rendered = MarkdownRenderer().render(MarkdownSource(text: "## 消除持久性有机污染物\n\n## Привет *мир*\n\n## Привет мир\n", file: "t.md")) { _ in
            .keep
        }.0
        #expect(rendered.headings.map(\.id) == ["消除持久性有机污染物", "привет-мир", "привет-мир-1"])
        #expect(
            rendered.html.contains(
                "<h2 id=\"привет-мир\">Привет <em>мир</em> <a class=\"heading-anchor\" href=\"#%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D1%80\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>"
            ))
    }

    @Test func softBreaksBetweenChineseCharactersVanish() {
        #expect(html("环境司协助\n企业提高\n**资源**\n生产力。\n") == "<p>环境司协助企业提高<strong>资源</strong>生产力。</p>\n")
        // Between Latin words the break stays a line break (a space when shown).
        #expect(html("POPs\nand ODS\n") == "<p>POPs\nand ODS</p>\n")
        // Mixed: Chinese then Latin keeps the break.
        #expect(html("淘汰\nODS\n") == "<p>淘汰\nODS</p>\n")
    }

    @Test func linksAreRewrittenAndBrokenOnesReportedWithTheirPlace() {
        let source = MarkdownSource(
            text: "Intro\n\nSee [POPs](../areas/pops.md) and\n[gone](missing.md).\n", file: "content/en/news/a.md", lineOffset: 4)
        let (rendered, problems) = MarkdownRenderer().render(source) { link in
            link.destination == "missing.md" ? .broken("link '\(link.destination)' is broken") : .replace("/en/areas/pops/")
        }
        #expect(rendered.html.contains("<a href=\"/en/areas/pops/\">POPs</a>"))
        #expect(problems.map(\.description) == ["content/en/news/a.md:8:1: error: link 'missing.md' is broken"])
    }

    @Test func titleHeadingCanBeDropped() {
        let source = MarkdownSource(text: "# Title\n\nBody\n", file: "t.md", dropsTitleHeading: true)
        #expect(MarkdownRenderer().render(source) { _ in .keep }.0.html == "<p>Body</p>\n")
    }
}
