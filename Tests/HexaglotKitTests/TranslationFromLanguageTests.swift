import Foundation
import Testing

@testable import HexaglotKit

/// `translation export --from LANG`: translating from another translation (Arabic from French).
/// The page exported is that language's page of each row; the import records it, so status
/// says the Arabic page is current only while the French page is current and unchanged.
@Suite struct TranslationFromLanguageTests {
    let cli = CommandLineTests()
    static let englishBody = "We help *industry* grow cleanly.\n"
    static let frenchBody = "Nous aidons l’*industrie* à croître proprement.\n"

    static func site() throws -> TestSite {
        try TestSite([
            "content/en/about.md": "---\ntitle: About\n---\n" + englishBody,
            "content/fr/about.md":
                "---\ntitle: À propos\ntranslatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: englishBody))}\n---\n" + frenchBody,
            "content/en/only.md": "Only in English.\n",
        ])
    }

    func export(_ site: TestSite, _ arguments: [String] = []) throws -> (errors: String, xliff: String) {
        let result = try cli.run(
            ["translation", "export", "--from", "fr", "--to", "ar", "--prefill-target", "--output", "ar.xlf"] + arguments, in: site.root)
        #expect(result.status == 0, "\(result.errors)")
        return (result.errors, (try? String(contentsOf: site.root.appendingPathComponent("ar.xlf"), encoding: .utf8)) ?? "")
    }

    func arabicStates(_ site: TestSite) throws -> [TranslationState?] {
        try TranslationStatus.read(siteFolder: site.root).0.rows.map { $0.cells["ar"]?.state }
    }

    @Test func exportFromATranslationIsRecordedAsMadeFromIt() throws {
        let site = try Self.site()
        let (errors, xliff) = try export(site)
        #expect(errors == "warning: only.md: fr has no such page to translate from; left out\n1 warning\nwrote ar.xlf: 1 page, 2 units\n")
        let frenchHash = TranslationRecord.hash(ofBody: Self.frenchBody)
        #expect(
            xliff.contains(
                #"<file original="content/fr/about.md" source-language="fr" target-language="ar" datatype="x-hexaglot-markdown" hx:source-hash=""#
                    + frenchHash + "\">"))
        #expect(xliff.contains(#"<source>Nous aidons l’<g id="1" ctype="italic">industrie</g> à croître proprement.</source>"#))
        #expect(try ExternalTool.validateXLIFF(site.root.appendingPathComponent("ar.xlf")).status == 0)

        try PseudoTranslation.xliff(xliff).write(to: site.root.appendingPathComponent("ar.xlf"), atomically: true, encoding: .utf8)
        let imported = try cli.run(["translation", "import", "ar.xlf"], in: site.root)
        #expect(imported.status == 0 && imported.output == "wrote content/ar/about.md\nwrote translations/fr-ar.json\n", "\(imported.errors)")
        let page = try String(contentsOf: site.root.appendingPathComponent("content/ar/about.md"), encoding: .utf8)
        #expect(
            page
                == "---\ntitle: ع·À propos\ntranslatedFrom: {language: fr, hash: \(frenchHash)}\n---\nع·Nous aidons l’*ع·industrie*ع· à croître proprement.\n"
        )
        #expect(try arabicStates(site) == [.current, .missing])
        #expect(try cli.run(["build"], in: site.root).status == 0)
        let memory = try cli.run(["translation", "memory", "--from", "fr", "--to", "ar", "--output", "ar.tmx"], in: site.root)
        #expect(memory.status == 0 && memory.errors == "wrote ar.tmx: 2 segments\n", "\(memory.errors)")
        let tmx = try String(contentsOf: site.root.appendingPathComponent("ar.tmx"), encoding: .utf8)
        #expect(tmx.contains("<tuv xml:lang=\"fr\"><seg>À propos</seg></tuv>\n      <tuv xml:lang=\"ar\"><seg>ع·À propos</seg></tuv>"), "\(tmx)")

        // The French page edited: Arabic is outdated, and only its changed unit is work.
        try site.write(
            "---\ntitle: À propos\ntranslatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: Self.englishBody))}\n---\nNous aidons.\n",
            to: "content/fr/about.md")
        #expect(try arabicStates(site) == [.outdated, .missing])
        let delta = try export(site)
        #expect(delta.errors.hasSuffix("\nwrote ar.xlf: 1 page, 1 unit\n"))
        #expect(HandTranslationFixture.work(delta.xliff) == ["Nous aidons."])

        // The English source edited: French is outdated, so an Arabic page made from it would be too.
        try site.write("---\ntitle: About\n---\nWe help.\n", to: "content/en/about.md")
        #expect(
            try export(site).errors.hasPrefix(
                "warning: content/fr/about.md is outdated itself: a translation made from it is only as current as it is\n"))
    }

    @Test func aPageTheSourceLanguageLacksIsAUsageError() throws {
        let site = try Self.site()
        let missing = try cli.run(["translation", "export", "--from", "fr", "--to", "ar", "--page", "only.md", "--output", "ar.xlf"], in: site.root)
        #expect(missing.status == 2)
        #expect(missing.errors.contains("--page only.md: fr has no such page"), "\(missing.errors)")
        let unknown = try cli.run(["translation", "export", "--from", "de", "--to", "ar", "--output", "ar.xlf"], in: site.root)
        #expect(unknown.status == 2 && unknown.errors.contains("'de' is not a language of the site (en, fr, ar)"), "\(unknown.errors)")
    }
}
