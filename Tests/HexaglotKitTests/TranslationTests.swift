import Foundation
import Testing

@testable import HexaglotKit

/// `hexaglot translation export` and `import` (XLIFF 1.2): `swift test --filter TranslationTests`.
@Suite struct TranslationTests {
    static func units(_ page: String) -> [TranslationUnit] {
        let parts = try! FrontMatterSplitter().split(page, file: "page.md")
        return PageUnits(fields: TranslationImporter.fields(of: parts, file: "page.md", listed: []), body: parts.body).units
    }

    static func sources(_ page: String) -> [String] {
        units(page).map { "\($0.resname): " + XLIFFWriter.segment($0.source, tags: $0.tags) }
    }

    @Test func everyTranslatableBlockIsAUnitAndMarkupIsTags() {
        #expect(
            Self.sources(TranslationFixture.richPage) == [
                "title: Ozone layer",
                "summary: How the department helps phase out ozone-depleting substances.",
                #"heading: Protecting the <g id="1" ctype="italic">ozone</g> layer"#,
                #"paragraph: The <g id="1" ctype="bold">Montreal Protocol</g> is the <g id="2" ctype="x-strikethrough">only</g> treaty ratified by all members<x id="3" ctype="x-footnote-ref" equiv-text="[^1]"/>. Read the <g id="4" ctype="link">guide</g> or see <x id="5" ctype="x-code" equiv-text="HCFC-22"/>.<x id="6" ctype="lb"/>A second line after a hard break, with <x id="7" ctype="x-html" equiv-text="&lt;abbr&gt;"/>ODS<x id="8" ctype="x-html" equiv-text="&lt;/abbr&gt;"/> and <x id="9" ctype="x-autolink" equiv-text="https://www.unido.org"/>."#,
                "link-title: Official guide",
                "heading: Setext heading",
                #"paragraph: First item with <g id="1" ctype="bold">bold</g>"#,
                "paragraph: A task",
                #"paragraph: Nested <g id="1" ctype="italic">ordered</g> item"#,
                "paragraph: A quoted paragraph over two lines.",
                "table-cell: Substance",
                "table-cell: Phase-out",
                "table-cell: CFC-11 | CFC-12",
                "table-cell: 2010",
                "table-cell: 2030",
                "alt: A chiller in a factory",
                "link-title: Replaced chiller",
                #"paragraph: <g id="1" ctype="bold">Note:</g> see below."#,
                "paragraph: The Vienna Convention came first.",
            ])
    }

    @Test func codeHTMLBlocksAndOtherFieldsAreNotExported() {
        let all = Self.sources(TranslationFixture.richPage).joined(separator: "\n")
        for absent in ["never translated", "raw block", "2026-09-16", "ozone]", "weight", "slug"] {
            #expect(!all.contains(absent), "\(absent) reached the translator")
        }
        // A cell holding only code has no unit: nothing to translate.
        #expect(!all.contains("table-cell: <x"))
    }

    @Test func notesGiveTheContext() {
        let notes = Self.units(TranslationFixture.richPage).map(\.note)
        #expect(notes[0] == "front matter field 'title'")
        #expect(notes[6] == "paragraph in a list item, under the heading 'Setext heading'")
        #expect(notes[10] == "table header cell 1, under the heading 'Setext heading'")
        #expect(notes[12] == "table row 1, cell 1, under the heading 'Setext heading'")
    }

    @Test func unitIDsStayWhenOtherBlocksChange() {
        let before = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
        let after = "# Title\n\nA new paragraph.\n\nFirst paragraph.\n\nThird paragraph, edited.\n"
        let old = Dictionary(uniqueKeysWithValues: Self.units(before).map { (XLIFFWriter.segment($0.source, tags: $0.tags), $0.id) })
        let new = Dictionary(uniqueKeysWithValues: Self.units(after).map { (XLIFFWriter.segment($0.source, tags: $0.tags), $0.id) })
        #expect(old["Title"] == new["Title"])
        #expect(old["First paragraph."] == new["First paragraph."])
        #expect(new["Third paragraph, edited."] != old["Third paragraph."])
        #expect(Set(new.values).count == 4 && Set(old.values).count == 4)
    }

    @Test func repeatedTextGetsDistinctIDs() {
        let ids = Self.units("| a | b |\n|---|---|\n| Yes | Yes |\n").map(\.id)
        #expect(ids.count == 4 && Set(ids).count == 4)
    }

    @Test func fieldsListedInSiteYAMLAreTranslatedToo() async throws {
        let site = try TestSite([
            "content/site.yaml": TestSite.siteYAML + "translation: {fields: [caption, credit]}\n",
            "content/en/a.md": "---\ntitle: A\ncaption: A chiller being replaced\ncredit: 2026\nhero: x.jpg\n---\nBody.\n",
        ])
        let (loaded, _) = try SiteBuilder(options: site.options).loadSite()
        #expect(loaded.config.translatableFields == ["caption", "credit"])
        let page = try #require(loaded.pages.first { $0.sourcePath == "content/en/a.md" })
        let fields = PageUnits.translatableFields(of: page.frontMatter, listed: loaded.config.translatableFields)
        #expect(fields.map { "\($0.key)=\($0.value)" } == ["title=A", "caption=A chiller being replaced", "credit=2026"])
        let wrong = try TestSite(["content/site.yaml": TestSite.siteYAML + "translation: {fields: [slug], other: 1}\n", "content/en/a.md": "A\n"])
        let errors = await wrong.errors()
        #expect(
            errors == [
                "content/site.yaml:10:24: error: 'slug' cannot be translated: it is not text a reader sees",
                "content/site.yaml:10:31: error: unknown translation setting 'other' (known: fields)",
            ])
    }

    /// Translated text that looks like Markdown stays text: the written line parses back to
    /// exactly that text, by Hexaglot's parser and by cmark-gfm's command line.
    @Test(arguments: [
        "# not a heading", "1. not a list", "2) nor this", "- nor this", "+ nor this", "> nor a quote", "= nor an underline",
        "a * b _ c [d](e) <f> `g` ~h~ &amp; \\ ! [^1] | i", "*", "**", "<!-- x -->", "line\nbreak",
    ])
    func textThatLooksLikeMarkupStaysText(_ text: String) throws {
        var writer = InlineMarkdownWriter(tags: [:])
        let markdown = writer.write([.text(text)])
        let expected = text.replacingOccurrences(of: "\n", with: " ")
        #expect(MarkdownRenderer.parse(markdown).blocks.map(\.kind) == [.paragraph], "\(markdown)")
        #expect(MarkdownInline.plainText(MarkdownRenderer.parse(markdown).blocks.first?.inlines ?? []) == expected, "\(markdown)")
        let cmark = try CmarkStructure(markdown: markdown + "\n")
        #expect(cmark.nodes == ["0 document", "1 paragraph"] && cmark.texts.joined() == expected, "\(markdown)")
    }

    /// Heading ids as the build gives them: repeats numbered, a title heading left out; a
    /// fragment is matched by place only when both pages have the same headings.
    @Test func headingAnchorsFollowTheBuildsIDs() {
        let source = HeadingAnchors(
            texts: [(1, "Ozone"), (2, "Measures"), (2, "Measures"), (3, "Use `HCFC`")], dropsTitleHeading: true)
        #expect(source.headings.map(\.id) == ["measures", "measures-1", "use-hcfc"])
        let translation = HeadingAnchors(texts: [(2, "Mesures"), (2, "Mesures"), (3, "Emploi")], dropsTitleHeading: false)
        #expect(source.fragment("measures-1", in: translation) == "mesures-1")
        #expect(source.fragment("use-hcfc", in: translation) == "emploi")
        let reordered = HeadingAnchors(texts: [(2, "Mesures"), (3, "Emploi"), (2, "measures")], dropsTitleHeading: false)
        #expect(source.fragment("measures-1", in: reordered) == nil, "levels differ: no guess by place")
        #expect(source.fragment("measures", in: reordered) == "measures", "the same id is still a match")
    }
}
