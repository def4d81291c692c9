import Foundation
import Testing

@testable import HexaglotKit

/// The export translated in a real CAT tool: OmegaT 3.6 (Debian's `omegat`), headless. OmegaT
/// lists the file's segments in its own tag shorthand (`console-createpseudotranslatetmx`), the
/// test translates every text run of that memory, OmegaT translates the file from it
/// (`console-translate`, matches from `tm/auto/`), and Hexaglot imports what OmegaT wrote.
@Suite(.serialized) struct OmegaTRoundTripTests {
    let cli = CommandLineTests()

    static func project(source: String, target: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <omegat>
          <project version="1.0">
            <source_dir>__DEFAULT__</source_dir>
            <target_dir>__DEFAULT__</target_dir>
            <tm_dir>__DEFAULT__</tm_dir>
            <glossary_dir>__DEFAULT__</glossary_dir>
            <glossary_file>__DEFAULT__</glossary_file>
            <dictionary_dir>__DEFAULT__</dictionary_dir>
            <source_lang>\(source)</source_lang>
            <target_lang>\(target)</target_lang>
            <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
            <target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>
            <sentence_seg>false</sentence_seg>
            <support_default_translations>true</support_default_translations>
            <remove_tags>false</remove_tags>
          </project>
        </omegat>

        """
    }

    /// An OmegaT project folder holding `xliff` as its one source file.
    static func makeProject(at folder: URL, xliff: URL, languages: (source: String, target: String) = ("en", "fr")) throws {
        for name in ["source", "target", "tm/auto", "glossary", "omegat", "dictionary"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try project(source: languages.source, target: languages.target).write(
            to: folder.appendingPathComponent("omegat.project"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: xliff, to: folder.appendingPathComponent("source/fr.xlf"))
    }

    static func omegat(_ arguments: [String], home: URL) throws -> ExternalTool.Run {
        // OmegaT keeps its settings in the home folder: a fresh one per run, so nothing leaks in.
        let run = try ExternalTool.run("omegat", arguments, environment: ["HOME": home.path, "JAVA_TOOL_OPTIONS": "-Djava.awt.headless=true"])
        #expect(run.status == 0, "omegat \(arguments.joined(separator: " ")): \(run.errors.suffix(2000))")
        return run
    }

    /// OmegaT lists the segments, every one is pseudo-translated in its memory, and OmegaT
    /// translates the file from it: the file OmegaT wrote, and the segments it listed.
    static func translateInOmegaT(_ xliff: URL, in folder: URL, languages: (source: String, target: String) = ("en", "fr")) throws -> (URL, String) {
        let project = folder.appendingPathComponent("omegat-project"), home = folder.appendingPathComponent("omegat-home")
        try makeProject(at: project, xliff: xliff, languages: languages)
        let listing = folder.appendingPathComponent("segments.tmx")
        _ = try omegat(
            [project.path, "--mode=console-createpseudotranslatetmx", "--pseudotranslatetmx=\(listing.path)", "--pseudotranslatetype=equal"],
            home: home)
        let segments = try String(contentsOf: listing, encoding: .utf8)
        try PseudoTranslation.tmx(segments, language: languages.target).write(
            to: project.appendingPathComponent("tm/auto/pseudo.tmx"), atomically: true, encoding: .utf8)
        _ = try omegat([project.path, "--mode=console-translate", "--tag-validation=abort"], home: home)
        return (project.appendingPathComponent("target/fr.xlf"), segments)
    }

    @Test func exportTranslatedInOmegaTImportsAsThePagesStructure() throws {
        let site = try TestSite(TranslationFixture.siteFiles)
        let xliff = site.root.appendingPathComponent("fr.xlf")
        let export = try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", xliff.path], in: site.root)
        try #require(export.status == 0, "\(export.errors)")
        let validation = try ExternalTool.validateXLIFF(xliff)
        #expect(validation.status == 0, "\(validation.errors)")

        let (translated, segments) = try Self.translateInOmegaT(xliff, in: site.root.appendingPathComponent("first"))
        #expect(segments.contains("&lt;g0&gt;"), "OmegaT shows Hexaglot's tags in its shorthand")
        let imported = try cli.run(["translation", "import", translated.path], in: site.root)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output == "wrote content/fr/about.md\nwrote content/fr/areas/ozone.md\nwrote translations/en-fr.json\n")
        let page = try String(contentsOf: site.root.appendingPathComponent("content/fr/areas/ozone.md"), encoding: .utf8)
        try TranslationCommandTests.expectSameStructure(source: TranslationFixture.richPage, translation: page)
        #expect(page.hasPrefix("---\ntitle: ع·Ozone layer\nsummary: ع·How the department"))
        #expect(page.contains("date: 2026-09-16\nslug: ozone\nweight: 3\ntags: [ozone]\n"))
        let (status, _) = try TranslationStatus.read(siteFolder: site.root)
        #expect(status.rows.map { $0.cells["fr"]?.state } == [.current, .current])
        let build = try cli.run(["build"], in: site.root)
        #expect(build.status == 0, "\(build.errors)")
    }

    /// After an edit to the source, the export holds only the edited units as work (the others
    /// marked done with their translation), OmegaT translates them, and the import changes
    /// exactly the edited blocks of the translated page.
    @Test func deltaExportAfterAnEditChangesOnlyTheEditedBlocks() throws {
        let site = try TestSite(TranslationFixture.siteFiles)
        let xliff = site.root.appendingPathComponent("fr.xlf")
        try #require(try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", xliff.path], in: site.root).status == 0)
        let (first, _) = try Self.translateInOmegaT(xliff, in: site.root.appendingPathComponent("first"))
        try #require(try cli.run(["translation", "import", first.path], in: site.root).status == 0)
        let before = try String(contentsOf: site.root.appendingPathComponent("content/fr/areas/ozone.md"), encoding: .utf8)

        let edited = TranslationFixture.richPage.replacingOccurrences(
            of: "> A quoted paragraph\n> over two lines.", with: "> A quoted paragraph,\n> edited."
        )
        .replacingOccurrences(of: "Setext heading\n--------------\n", with: "Setext heading\n--------------\n\nA new paragraph.\n")
        try site.write(edited, to: "content/en/areas/ozone.md")
        let delta = site.root.appendingPathComponent("delta.xlf")
        let export = try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", delta.path], in: site.root)
        #expect(export.errors == "wrote \(delta.path): 1 page, 2 units\n")
        let text = try String(contentsOf: delta, encoding: .utf8)
        #expect(!text.contains("content/en/about.md"), "a current page is not exported")
        let work = text.components(separatedBy: "<trans-unit ").dropFirst().filter { !$0.contains("translate=\"no\"") }
        #expect(
            work.map { $0.components(separatedBy: "<source>")[1].components(separatedBy: "</source>")[0] } == [
                "A new paragraph.", "A quoted paragraph, edited.",
            ])
        #expect(
            work.last?.contains("<alt-trans alttranstype=\"previous-version\"><target>ع·A quoted paragraph over two lines.</target></alt-trans>")
                == true)
        #expect(try ExternalTool.validateXLIFF(delta).status == 0)

        let (second, segments) = try Self.translateInOmegaT(delta, in: site.root.appendingPathComponent("second"))
        #expect(!segments.contains("Ozone layer"), "OmegaT was given an unchanged unit to translate")
        let imported = try cli.run(["translation", "import", second.path], in: site.root)
        #expect(imported.status == 0, "\(imported.errors)")
        let after = try String(contentsOf: site.root.appendingPathComponent("content/fr/areas/ozone.md"), encoding: .utf8)
        let (removed, added) = LineChanges.of(before, after)
        #expect(
            removed == [
                "translatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: CmarkStructure.body(of: TranslationFixture.richPage)))}",
                "> ع·A quoted paragraph over two lines.",
            ])
        #expect(
            added == [
                "translatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: CmarkStructure.body(of: edited)))}", "ع·A new paragraph.",
                "> ع·A quoted paragraph, edited.",
            ])
        try TranslationCommandTests.expectSameStructure(source: edited, translation: after)
        let (status, _) = try TranslationStatus.read(siteFolder: site.root)
        #expect(status.rows.map { $0.cells["fr"]?.state } == [.current, .current])
    }

    /// An outdated page translated by hand before the exchange existed: the delta export aligns
    /// it with the source version it was made from (in git), OmegaT is given only the edited and
    /// new blocks, and the import changes exactly those lines; the rest of the hand translation
    /// (its line wrapping, its `__` and `_`) stays byte for byte.
    @Test func deltaOfAHandMadeTranslationChangesOnlyTheEditedBlocks() throws {
        let site = try HandTranslationFixture.site(git: true)
        let delta = site.root.appendingPathComponent("delta.xlf")
        let export = try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", delta.path], in: site.root)
        #expect(export.status == 0 && export.errors.hasPrefix("wrote \(delta.path): 1 page, 2 units\n"), "\(export.errors)")
        let (translated, segments) = try Self.translateInOmegaT(delta, in: site.root.appendingPathComponent("omegat"))
        #expect(segments.contains("Train and certify technicians.") && segments.contains("A new paragraph."))
        #expect(!segments.contains("Ozone layer") && !segments.contains("Montreal Protocol"), "OmegaT was given an unchanged unit to translate")
        let imported = try cli.run(["translation", "import", translated.path], in: site.root)
        #expect(imported.status == 0, "\(imported.errors)")
        let after = try String(contentsOf: site.root.appendingPathComponent("content/fr/areas/ozone.md"), encoding: .utf8)
        let (removed, added) = LineChanges.of(HandTranslationFixture.translation, after)
        #expect(
            removed == [
                "translatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: CmarkStructure.body(of: HandTranslationFixture.source)))}",
                "- Former les techniciens.",
            ])
        #expect(
            added == [
                "translatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: CmarkStructure.body(of: HandTranslationFixture.edited)))}",
                "- ع·Train and certify technicians.", "ع·A new paragraph.",
            ])
        #expect(
            after.split(separator: "\n", omittingEmptySubsequences: false).count == HandTranslationFixture.translation.split(
                separator: "\n", omittingEmptySubsequences: false
            ).count + 2, "the new paragraph and its blank line")
        let (status, _) = try TranslationStatus.read(siteFolder: site.root)
        #expect(status.rows.map { $0.cells["fr"]?.state } == [.current])
        #expect(try cli.run(["build"], in: site.root).status == 0)
        // The kept lines are remembered: importing the same file again changes nothing.
        let again = try cli.run(["translation", "import", translated.path], in: site.root)
        #expect(again.output == "unchanged content/fr/areas/ozone.md\nunchanged translations/en-fr.json\n", "\(again.errors)")
    }

    /// Arabic from French (`--from fr`): OmegaT translates the French page, and the import
    /// records it as made from French, current while French is.
    @Test func exportFromAnotherTranslationThroughOmegaT() throws {
        let site = try TranslationFromLanguageTests.site()
        let xliff = site.root.appendingPathComponent("ar.xlf")
        let export = try cli.run(
            ["translation", "export", "--from", "fr", "--to", "ar", "--prefill-target", "--output", xliff.path], in: site.root)
        try #require(export.status == 0, "\(export.errors)")
        let (translated, segments) = try Self.translateInOmegaT(xliff, in: site.root.appendingPathComponent("omegat"), languages: ("fr", "ar"))
        #expect(segments.contains("Nous aidons l’&lt;g0&gt;industrie&lt;/g0&gt; à croître proprement."), "\(segments)")
        let imported = try cli.run(["translation", "import", translated.path], in: site.root)
        #expect(imported.status == 0 && imported.output == "wrote content/ar/about.md\nwrote translations/fr-ar.json\n", "\(imported.errors)")
        let page = try String(contentsOf: site.root.appendingPathComponent("content/ar/about.md"), encoding: .utf8)
        let frenchHash = TranslationRecord.hash(ofBody: TranslationFromLanguageTests.frenchBody)
        #expect(
            page
                == "---\ntitle: ع·À propos\ntranslatedFrom: {language: fr, hash: \(frenchHash)}\n---\nع·Nous aidons l’*ع·industrie*ع· à croître proprement.\n"
        )
        let (status, _) = try TranslationStatus.read(siteFolder: site.root)
        #expect(status.rows.map { $0.cells["ar"]?.state } == [.current, .missing])
        #expect(status.rows.first?.cells["ar"]?.note == "via fr")
    }

    /// `translation memory` gives OmegaT a 100% match for every unit of an already translated
    /// page: translated from that memory alone, OmegaT writes the published translation.
    @Test func memoryGivesOmegaTFullMatchesForATranslatedPage() throws {
        let site = try TestSite(TranslationFixture.siteFiles)
        let xliff = site.root.appendingPathComponent("fr.xlf")
        try #require(try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", xliff.path], in: site.root).status == 0)
        let translatedXLIFF = PseudoTranslation.xliff(try String(contentsOf: xliff, encoding: .utf8))
        try translatedXLIFF.write(to: xliff, atomically: true, encoding: .utf8)
        try #require(try cli.run(["translation", "import", xliff.path], in: site.root).status == 0)

        let tmx = site.root.appendingPathComponent("fr.tmx")
        let memory = try cli.run(["translation", "memory", "--to", "fr", "--output", tmx.path], in: site.root)
        #expect(memory.status == 0 && memory.errors == "wrote \(tmx.path): 21 segments\n", "\(memory.errors)")
        let again = site.root.appendingPathComponent("again.xlf")
        try #require(
            try cli.run(["translation", "export", "--to", "fr", "--only", "all", "--prefill-target", "--output", again.path], in: site.root).status
                == 0)

        let project = site.root.appendingPathComponent("omegat-project"), home = site.root.appendingPathComponent("omegat-home")
        try Self.makeProject(at: project, xliff: again)
        try FileManager.default.copyItem(at: tmx, to: project.appendingPathComponent("tm/auto/fr.tmx"))
        _ = try Self.omegat([project.path, "--mode=console-translate"], home: home)
        let written = try XLIFFReader.read(Data(contentsOf: project.appendingPathComponent("target/fr.xlf")), file: "fr.xlf")
        let expected = try XLIFFReader.read(Data(translatedXLIFF.utf8), file: "fr.xlf")
        let targets = { (pages: [XLIFFReadPage]) in pages.flatMap { $0.units.map { "\($0.id) \(String(describing: $0.target))" } } }
        #expect(targets(written).count == 21)
        #expect(targets(written) == targets(expected))
    }
}
