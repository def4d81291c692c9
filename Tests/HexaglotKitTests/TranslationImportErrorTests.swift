import Foundation
import Testing

@testable import HexaglotKit

/// A bad import changes nothing: each problem is listed as `FILE.xlf:line:col: error: unit ID: …`,
/// the exit status is 1 and no page is written.
@Suite struct TranslationImportErrorTests {
    let cli = CommandLineTests()
    static let page = "---\ntitle: A page\n---\nSome *emphasis* and `code` here.\n\nA second paragraph.\n"
    static let target = #"<target>Some <g id="1" ctype="italic">emphasis</g> and <x id="2" ctype="x-code" equiv-text="code"/> here.</target>"#

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var edit: @Sendable (String) -> String
        var prepare: @Sendable (TestSite) throws -> Void = { _ in }
        var expected: [String]
        var testDescription: String { name }
    }

    static func replacing(_ old: String, _ new: String) -> @Sendable (String) -> String {
        { text in
            precondition(text.contains(old), "the export has no \(old)")
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    static let cases: [Case] = [
        Case(
            name: "missing tag", edit: replacing(target, "<target>Some <g id=\"1\">emphasis</g> and here.</target>"),
            expected: [#"fr.xlf:21:9: error: unit p-79598b0784: tag <x id="2"/> (x-code) is missing"#]),
        Case(
            name: "duplicated tag", edit: replacing(target, #"<target>Some <g id="1">emphasis</g> <x id="2"/> and <x id="2"/>.</target>"#),
            expected: [#"fr.xlf:21:9: error: unit p-79598b0784: tag <x id="2"/> (x-code) appears more than once"#]),
        Case(
            name: "unknown tag", edit: replacing(target, #"<target>Some <g id="1">emphasis</g> <x id="2"/> and <x id="7"/>.</target>"#),
            expected: [#"fr.xlf:21:9: error: unit p-79598b0784: tag <x id="7"/> is not in the source"#]),
        Case(
            name: "unknown inline element",
            edit: replacing(target, #"<target>Some <g id="1">emphasis</g> <x id="2"/> <ph id="3">&lt;b&gt;</ph>.</target>"#),
            expected: [#"fr.xlf:21:9: error: unit p-79598b0784: unknown inline tag <ph> (Hexaglot writes only <g> and <x/>)"#]),
        Case(
            name: "paired tag as a placeholder", edit: replacing(target, #"<target>Some <x id="1"/> <x id="2"/>.</target>"#),
            expected: [#"fr.xlf:21:9: error: unit p-79598b0784: tag 1 must be <g id="1">…</g>"#]),
        Case(
            name: "changed unit marked not to translate",
            edit: {
                replacing(#"<trans-unit id="p-c7129407ae""#, #"<trans-unit id="p-c7129407ae" translate="no""#)(
                    replacing("<target>A second paragraph.</target>", "<target>Un second paragraphe.</target>")($0))
            },
            expected: [#"fr.xlf:26:9: error: unit p-c7129407ae: is marked translate="no" but its target was changed"#]),
        Case(
            name: "unknown unit", edit: replacing("id=\"p-c7129407ae\"", "id=\"p-nonesuch\""),
            expected: [
                "fr.xlf:3:3: error: unit p-c7129407ae: is missing from the file (paragraph)",
                "fr.xlf:26:9: error: unit p-nonesuch: no such unit in content/en/a.md as exported",
            ]),
        Case(
            name: "wrong target language", edit: replacing(#"target-language="fr""#, #"target-language="de""#),
            expected: ["fr.xlf:3:57: error: file content/en/a.md: target-language 'de' is not a language of the site (en, fr, ar)"]),
        Case(
            name: "page no longer exists", edit: { $0 }, prepare: { try $0.remove("content/en/a.md") },
            expected: ["fr.xlf:3:9: error: file content/en/a.md: the site has no such page any more (moved or deleted since the export)"]),
        Case(
            name: "exported copy of the page changed",
            edit: replacing("A second paragraph.\n</internal-file>", "A second paragraph, edited.\n</internal-file>"),
            expected: [
                "fr.xlf:5:7: error: file content/en/a.md: the exported copy of the page (<skl>) or its hash is missing or was changed; export the page again"
            ]),
        Case(
            name: "target language is the page's own", edit: replacing(#"target-language="fr""#, #"target-language="en""#),
            expected: ["fr.xlf:3:57: error: file content/en/a.md: target-language 'en' is the page's own language"]),
        // Not well-formed: Foundation's parser on Linux recovers from these, so each is checked.
        Case(
            name: "cut off after a page", edit: { String($0[..<$0.range(of: "</file>")!.upperBound]) },
            expected: ["fr.xlf:30:10: error: not an XLIFF file: the file ends inside <xliff> (opened at line 2): it was cut off"]),
        Case(
            name: "more after the root element", edit: { $0 + "<xliff/>\n" },
            expected: ["fr.xlf:32:1: error: not an XLIFF file: there is more after the end of <xliff>: a file holds one root element"]),
        Case(
            name: "an HTML entity", edit: replacing("<target>A second paragraph.</target>", "<target>Un&nbsp;second paragraphe.</target>"),
            expected: [
                "fr.xlf:26:19: error: not an XLIFF file: &nbsp; is not an XML entity (XML has &amp; &lt; &gt; &quot; &apos; and numbered ones such as &#160;)"
            ]),
        Case(
            name: "a misspelt end tag", edit: replacing("<target>A second paragraph.</target>", "<target>Un second paragraphe.</targte>"),
            expected: ["fr.xlf:26:47: error: not an XLIFF file: an end tag does not match the element it closes"]),
        Case(
            name: "a NUL character", edit: replacing("<target>A second paragraph.</target>", "<target>Un second&#0; paragraphe.</target>"),
            expected: [
                "fr.xlf:26:26: error: not an XLIFF file: a character XML does not allow (a control character, &#0; or bytes that are not UTF-8)"
            ]),
        Case(
            name: "translation written by hand since the export", edit: { $0 },
            prepare: { try $0.write("---\ntitle: Une page\n---\nÉcrit à la main.\n", to: "content/fr/a.md") },
            expected: [
                "fr.xlf:3:3: error: file content/en/a.md: content/fr/a.md was written since this file was exported (there was no translation then); import with --force to replace it"
            ]),
    ]

    @Test(arguments: cases)
    func badImportIsListedAndWritesNothing(_ example: Case) throws {
        let site = try TestSite(["content/en/a.md": Self.page, "content/en/b.md": "# B\n\nOther.\n"])
        let url = site.root.appendingPathComponent("fr.xlf")
        let export = try cli.run(["translation", "export", "--to", "fr", "--page", "a.md", "--prefill-target", "--output", "fr.xlf"], in: site.root)
        try #require(export.status == 0, "\(export.errors)")
        let exported = try String(contentsOf: url, encoding: .utf8)
        try example.edit(exported).write(to: url, atomically: true, encoding: .utf8)
        try example.prepare(site)
        let before = TestSite.contents(of: site.root.appendingPathComponent("content"))
        let result = try cli.run(["translation", "import", "fr.xlf"], in: site.root)
        #expect(result.status == 1)
        #expect(result.errors.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init) == example.expected)
        #expect(result.output.isEmpty)
        #expect(TestSite.contents(of: site.root.appendingPathComponent("content")) == before, "a bad import wrote a page")
    }

    @Test func forceReplacesAHandEditedTranslation() throws {
        let site = try TestSite(["content/en/a.md": Self.page])
        let export = try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", "fr.xlf"], in: site.root)
        try #require(export.status == 0)
        try site.write("---\ntitle: Une page\n---\nÉcrit à la main.\n", to: "content/fr/a.md")
        let forced = try cli.run(["translation", "import", "--force", "fr.xlf"], in: site.root)
        #expect(forced.status == 0 && forced.output == "wrote content/fr/a.md\nwrote translations/en-fr.json\n", "\(forced.errors)")
    }

    @Test func dryRunListsThePagesAndWritesNothing() throws {
        let site = try TestSite(["content/en/a.md": Self.page])
        try #require(try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", "fr.xlf"], in: site.root).status == 0)
        let before = TestSite.contents(of: site.root.appendingPathComponent("content"))
        let result = try cli.run(["translation", "import", "--dry-run", "fr.xlf"], in: site.root)
        #expect(result.status == 0 && result.output == "would write content/fr/a.md\nwould write translations/en-fr.json\n", "\(result.errors)")
        #expect(TestSite.contents(of: site.root.appendingPathComponent("content")) == before)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("translations").path))
    }

    /// Entity declarations are how a small XML file grows into gigabytes; XLIFF needs none. A file
    /// with no page in it is a mistake too, not a successful import of nothing.
    @Test func doctypesAndEmptyFilesAreRefused() throws {
        let site = try TestSite(["content/en/a.md": Self.page])
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaaaa\">]>\n<xliff version=\"1.2\">&a;</xliff>\n"
        try site.write(bomb, to: "fr.xlf")
        let result = try cli.run(["translation", "import", "fr.xlf"], in: site.root)
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("fr.xlf:2:1: error: not an XLIFF file: a document type declaration (<!DOCTYPE>) is not allowed\n"))
        try site.write("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"/>\n", to: "empty.xlf")
        let empty = try cli.run(["translation", "import", "empty.xlf"], in: site.root)
        #expect(
            empty.status == 1 && empty.errors.hasPrefix("empty.xlf:2:1: error: the XLIFF file has no <file>: nothing to import\n"), "\(empty.errors)")
    }

    /// A corrected file from the same export replaces import's own page without --force; a hand
    /// edit made after that import still needs it.
    @Test func aCorrectedFileReplacesImportsOwnPageButNotAHandEdit() throws {
        let site = try TestSite(["content/en/a.md": Self.page])
        try #require(try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", "fr.xlf"], in: site.root).status == 0)
        let exported = try String(contentsOf: site.root.appendingPathComponent("fr.xlf"), encoding: .utf8)
        try exported.replacingOccurrences(of: "<target>A page</target>", with: "<target>Une page</target>").write(
            to: site.root.appendingPathComponent("fr.xlf"), atomically: true, encoding: .utf8)
        try #require(try cli.run(["translation", "import", "fr.xlf"], in: site.root).status == 0)
        try exported.replacingOccurrences(of: "<target>A page</target>", with: "<target>Une page corrigée</target>").write(
            to: site.root.appendingPathComponent("fr.xlf"), atomically: true, encoding: .utf8)
        let corrected = try cli.run(["translation", "import", "fr.xlf"], in: site.root)
        #expect(corrected.status == 0 && corrected.output == "wrote content/fr/a.md\nwrote translations/en-fr.json\n", "\(corrected.errors)")
        let page = try String(contentsOf: site.root.appendingPathComponent("content/fr/a.md"), encoding: .utf8)
        #expect(page.hasPrefix("---\ntitle: Une page corrigée\n"))
        try site.write(page.replacingOccurrences(of: "A second paragraph.", with: "Retouché à la main."), to: "content/fr/a.md")
        let afterHandEdit = try cli.run(["translation", "import", "fr.xlf"], in: site.root)
        #expect(afterHandEdit.status == 1)
        // The unit whose text changed is named, at its place in the XLIFF file.
        #expect(
            afterHandEdit.errors.split(separator: "\n").filter { $0.contains(": error: ") } == [
                "fr.xlf:26:9: error: unit p-c7129407ae: its translation in content/fr/a.md was edited by hand since this file was exported (it now reads 'Retouché à la main.'); import with --force to replace it"
            ], "\(afterHandEdit.errors)")
    }
}
