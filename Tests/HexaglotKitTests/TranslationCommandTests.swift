import Foundation
import Testing

@testable import HexaglotKit

/// `hexaglot translation export` and `import` run as a translation coordinator would.
@Suite struct TranslationCommandTests {
    let cli = CommandLineTests()

    func exported(_ site: TestSite, _ arguments: [String] = []) throws -> (url: URL, text: String) {
        let url = site.root.appendingPathComponent("fr.xlf")
        let result = try cli.run(["translation", "export", "--to", "fr", "--output", url.path] + arguments, in: site.root)
        #expect(result.status == 0, "\(result.errors)")
        return (url, try String(contentsOf: url, encoding: .utf8))
    }

    /// `pages` exported to fr.xlf with targets copying the source.
    func exportPrefilled(_ site: TestSite, pages: [String]) throws -> URL {
        let url = site.root.appendingPathComponent("fr.xlf")
        let result = try cli.run(
            ["translation", "export", "--to", "fr", "--prefill-target", "--output", url.path] + pages.flatMap { ["--page", $0] }, in: site.root)
        try #require(result.status == 0, "\(result.errors)")
        return url
    }

    @Test func exportValidatesAgainstTheStrictSchemaOffline() throws {
        let site = try TestSite(TranslationFixture.siteFiles)
        let (url, text) = try exported(site, ["--prefill-target"])
        #expect(text.components(separatedBy: "<file ").count == 3, "one <file> per page")
        #expect(text.contains(#"original="content/en/areas/ozone.md" source-language="en" target-language="fr""#))
        let validation = try ExternalTool.validateXLIFF(url)
        #expect(validation.status == 0 && validation.errors.contains("validates"), "\(validation.errors)")
        // The validator is strict: an attribute no schema declares fails it.
        let broken = site.root.appendingPathComponent("broken.xlf")
        try text.replacingOccurrences(of: "hx:source-hash=", with: "hx:other=\"1\" hx:source-hash=").write(
            to: broken, atomically: true, encoding: .utf8)
        let rejected = try ExternalTool.validateXLIFF(broken)
        #expect(rejected.status != 0 && rejected.errors.contains("other"), "\(rejected.errors)")
    }

    @Test func targetsArePrefilledOnlyWhenAsked() throws {
        let site = try TestSite(TranslationFixture.siteFiles)
        #expect(!(try exported(site).text.contains("<target>")))
        let prefilled = try exported(site, ["--prefill-target"]).text
        let sources = prefilled.components(separatedBy: "<source>").count, targets = prefilled.components(separatedBy: "<target>").count
        #expect(sources == targets && sources > 20)
        #expect(prefilled.contains("<target>Ozone layer</target>"))
    }

    @Test func onlyMissingAndOutdatedPagesAreExportedUnlessAsked() throws {
        var files = TranslationFixture.siteFiles
        let aboutHash = TranslationRecord.hash(ofBody: "We help *industry* grow cleanly.\n")
        files["content/fr/about.md"] = "---\ntitle: À propos\ntranslatedFrom: {language: en, hash: \(aboutHash)}\n---\nNous aidons.\n"
        let site = try TestSite(files)
        #expect(!(try exported(site).text.contains("content/en/about.md")))
        #expect(try exported(site, ["--only", "all"]).text.contains("content/en/about.md"))
        #expect(!(try exported(site, ["--page", "about.md"]).text.contains("content/en/areas/ozone.md")))
        let unknown = try cli.run(["translation", "export", "--to", "de", "--output", "x.xlf"], in: site.root)
        #expect(unknown.status == 2 && unknown.errors.contains("'de' is not a language of the site (en, fr, ar)"))
    }

    /// Export, translate every text run, import: the page parses (by cmark-gfm's own command
    /// line) to the source's structure, code unchanged, every text translated; status current.
    @Test func pseudoTranslationRoundTrip() throws {
        let site = try TestSite(TranslationFixture.siteFiles)
        let (url, text) = try exported(site, ["--prefill-target"])
        try PseudoTranslation.xliff(text).write(to: url, atomically: true, encoding: .utf8)
        let imported = try cli.run(["translation", "import", url.path], in: site.root)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output == "wrote content/fr/about.md\nwrote content/fr/areas/ozone.md\nwrote translations/en-fr.json\n")
        let page = try String(contentsOf: site.root.appendingPathComponent("content/fr/areas/ozone.md"), encoding: .utf8)
        try Self.expectSameStructure(source: TranslationFixture.richPage, translation: page)
        #expect(page.hasPrefix("---\ntitle: ع·Ozone layer\nsummary: ع·How the department"))
        for kept in ["date: 2026-09-16\n", "slug: ozone\n", "weight: 3\n", "tags: [ozone]\n", "```swift\nlet code = \"never translated\"\n```\n"] {
            #expect(page.contains(kept))
        }
        let hash = TranslationRecord.hash(ofBody: CmarkStructure.body(of: TranslationFixture.richPage))
        #expect(page.contains("translatedFrom: {language: en, hash: \(hash)}\n"))
        #expect(page.contains(#"![ع·A chiller in a factory](<https://example.org/chiller.svg> "ع·Replaced chiller")"#))
        let (status, _) = try TranslationStatus.read(siteFolder: site.root)
        #expect(status.rows.map { $0.cells["fr"]?.state } == [.current, .current])
        try #require(try cli.run(["build"], in: site.root).status == 0)
        let again = try cli.run(["translation", "import", url.path], in: site.root)
        #expect(again.output == "unchanged content/fr/about.md\nunchanged content/fr/areas/ozone.md\nunchanged translations/en-fr.json\n")
    }

    static func expectSameStructure(source: String, translation: String) throws {
        let before = try CmarkStructure(markdown: CmarkStructure.body(of: source))
        let after = try CmarkStructure(markdown: CmarkStructure.body(of: translation))
        #expect(after.nodes == before.nodes)
        #expect(after.code == before.code)
        let untranslated = after.texts.filter { text in
            // An autolink's text is its address: nothing to translate.
            text.unicodeScalars.contains { $0.properties.isAlphabetic } && !text.contains(PseudoTranslation.marker) && !text.hasPrefix("https://")
        }
        #expect(untranslated.isEmpty, "text runs left untranslated: \(untranslated)")
    }

    /// In `**注意：**参见` the closing `**` follows punctuation and precedes a letter: CommonMark
    /// does not close it. The writer must still produce strong emphasis.
    @Test func emphasisNextToCJKPunctuationStillParses() throws {
        let site = try TestSite([
            "content/site.yaml": """
            title: {en: Test Site, zh: 测试}
            baseURL: https://example.org/
            defaultLanguage: en
            languages: [{code: en, name: English}, {code: zh, name: 中文, locale: zh-Hans}]

            """,
            "content/en/note.md": "---\ntitle: Note\n---\n**Note:** see below, *really*.\n",
        ])
        let url = site.root.appendingPathComponent("zh.xlf")
        let export = try cli.run(["translation", "export", "--to", "zh", "--prefill-target", "--output", url.path], in: site.root)
        #expect(export.status == 0, "\(export.errors)")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(
            of: #"<target><g id="1" ctype="bold">Note:</g> see below, <g id="2" ctype="italic">really</g>.</target>"#,
            with: #"<target><g id="1" ctype="bold">注意：</g>参见下文，<g id="2" ctype="italic">「确实」</g>如此。</target>"#)
        text = text.replacingOccurrences(of: "<target>Note</target>", with: "<target>注意</target>")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let imported = try cli.run(["translation", "import", url.path], in: site.root)
        #expect(imported.status == 0, "\(imported.errors)")
        let page = try String(contentsOf: site.root.appendingPathComponent("content/zh/note.md"), encoding: .utf8)
        let html = try ExternalTool.run("cmark-gfm", [], input: CmarkStructure.body(of: page)).output
        #expect(html == "<p><strong>注意：</strong>参见下文，<em>「确实」</em>如此。</p>\n", "written as \(page)")
    }

    /// A link to another page leads to that page in the target language where it exists or the
    /// same import writes it, else to the source language's page: the translation builds.
    @Test func linksLeadToTheTargetLanguagesPageWhereItExists() throws {
        let bHash = TranslationRecord.hash(ofBody: "B.\n")
        let site = try TestSite([
            "content/en/news/a.md": "See [b](../b.md#top), [c](../c.md) and [d](d.md).\n",
            "content/en/news/d.md": "D.\n",
            "content/en/b.md": "B.\n",
            "content/en/c.md": "C.\n",
            "content/fr/b.md": "---\ntranslatedFrom: {language: en, hash: \(bHash)}\n---\nB.\n",
        ])
        let url = try exportPrefilled(site, pages: ["news/a.md", "news/d.md"])
        let imported = try cli.run(["translation", "import", url.path], in: site.root)
        #expect(imported.status == 0, "\(imported.errors)")
        let page = try String(contentsOf: site.root.appendingPathComponent("content/fr/news/a.md"), encoding: .utf8)
        #expect(CmarkStructure.body(of: page) == "See [b](<../b.md#top>), [c](<../../en/c.md>) and [d](<d.md>).\n")
        let build = try cli.run(["build"], in: site.root)
        #expect(build.status == 0, "\(build.errors)")
    }

    /// A link to a heading leads to the same heading of the translation: matched by its place
    /// among the headings where both pages have the same ones (b.md), by the same id where not
    /// (none in c.md: its top), and for pages this import writes (d.md, and the page itself) by
    /// their translated headings. `hexaglot check` then finds every anchor.
    @Test func linksToHeadingsLeadToTheTranslationsHeading() throws {
        let record = { (body: String) in "translatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: body))}" }
        let bBody = "## Background\n\nText.\n\n## Measures\n\nMore.\n", cBody = "## Costs\n\nC.\n"
        let site = try TestSite([
            "content/en/news/a.md":
                "---\ntitle: A\n---\n## Aims\n\nSee [measures](../b.md#measures), [the aims](#aims), [c](../c.md#costs) and [d](d.md#steps).\n",
            "content/en/news/d.md": "---\ntitle: D\n---\n## Steps\n\nD.\n",
            "content/en/b.md": "---\ntitle: B\n---\n" + bBody,
            "content/en/c.md": "---\ntitle: C\n---\n" + cBody,
            "content/fr/b.md": "---\ntitle: B\n\(record(bBody))\n---\n## Contexte\n\nTexte.\n\n## Mesures\n\nPlus.\n",
            "content/fr/c.md": "---\ntitle: C\n\(record(cBody))\n---\n## Coûts\n\nC.\n\n## Autre\n\nD.\n",
        ])
        let url = try exportPrefilled(site, pages: ["news/a.md", "news/d.md"])
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "<target>Aims</target>", with: "<target>Objectifs</target>")
            .replacingOccurrences(of: "<target>Steps</target>", with: "<target>Étapes</target>").write(to: url, atomically: true, encoding: .utf8)
        let imported = try cli.run(["translation", "import", url.path], in: site.root)
        #expect(imported.status == 0, "\(imported.errors)")
        let page = try String(contentsOf: site.root.appendingPathComponent("content/fr/news/a.md"), encoding: .utf8)
        #expect(
            CmarkStructure.body(of: page)
                == "## Objectifs\n\nSee [measures](<../b.md#mesures>), [the aims](<#objectifs>), [c](<../c.md>) and [d](<d.md#étapes>).\n")
        let check = try cli.run(["check"], in: site.root)
        #expect(check.status == 0, "\(check.output)\(check.errors)")
    }

    /// A page bundle's image is published beside the page: the translated bundle gets a copy
    /// where it has none, and the translation's own image is never replaced.
    @Test func aPageBundlesFilesAreCopiedWhereTheTranslationHasNone() throws {
        let site = try TestSite([
            "content/en/news/visit/index.md": "---\ntitle: Visit\n---\n![A factory](photo.svg)\n",
            "content/en/news/visit/photo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
            "content/en/news/visit/plan.pdf": "%PDF-1.4 plan",
            "content/fr/news/visit/plan.pdf": "%PDF-1.4 plan, en français",
        ])
        let url = site.root.appendingPathComponent("fr.xlf")
        try #require(try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", url.path], in: site.root).status == 0)
        let imported = try cli.run(["translation", "import", url.path], in: site.root)
        #expect(imported.output == "wrote content/fr/news/visit/index.md\nwrote content/fr/news/visit/photo.svg\nwrote translations/en-fr.json\n")
        #expect(
            try String(contentsOf: site.root.appendingPathComponent("content/fr/news/visit/plan.pdf"), encoding: .utf8)
                == "%PDF-1.4 plan, en français")
        #expect(FileManager.default.contents(atPath: site.root.appendingPathComponent("content/fr/news/visit/photo.svg").path) != nil)
        #expect(try cli.run(["build"], in: site.root).status == 0)
    }

    /// The department's translations were written by hand: `translation memory` aligns them with
    /// their sources by structure, and says how many units it could not align.
    @Test func memoryAlignsTheDepartmentsHandMadeTranslations() throws {
        let site = try TestSite([:])
        for folder in ["content", "templates"] {
            try FileManager.default.removeItem(at: site.root.appendingPathComponent(folder))
            try FileManager.default.copyItem(
                at: Fixtures.repositoryRoot.appendingPathComponent(folder), to: site.root.appendingPathComponent(folder))
        }
        let result = try cli.run(["translation", "memory", "--to", "en", "--output", "en.tmx"], in: site.root)
        #expect(result.status == 0, "\(result.errors)")
        let segments = try #require(result.errors.split(separator: " ").dropFirst(2).first.flatMap { Int($0) })
        #expect(segments > 100, "\(result.errors)")
        #expect(result.errors.hasSuffix("15 translations made outside import aligned by structure; 0 units could not be aligned\n"))
        let tmx = try String(contentsOf: site.root.appendingPathComponent("en.tmx"), encoding: .utf8)
        #expect(tmx.contains("<seg>关于环境司</seg></tuv>\n      <tuv xml:lang=\"en\"><seg>About the department</seg>"))

        // A translation whose blocks differ from its source's (still current: its record holds
        // the source's hash) is not guessed at: its 10 paragraphs and headings are unaligned.
        let about = try String(contentsOf: site.root.appendingPathComponent("content/en/about.md"), encoding: .utf8)
        try site.write(about + "\nOne more paragraph than the source has.\n", to: "content/en/about.md")
        let again = try cli.run(["translation", "memory", "--to", "en", "--output", "en.tmx"], in: site.root)
        #expect(
            again.errors.hasSuffix("15 translations made outside import aligned by structure; 10 units could not be aligned\n"), "\(again.errors)")
    }
}
