import Foundation
import Testing

@testable import HexaglotKit

/// The delta export of an outdated page that was translated by hand (no units remembered by
/// import): its blocks are aligned by structure with the source version it was made from, found
/// in git by the hash its `translatedFrom` records. Through OmegaT: `OmegaTRoundTripTests`.
@Suite struct HandTranslationTests {
    let cli = CommandLineTests()

    func export(_ site: TestSite) throws -> (errors: String, xliff: String) {
        let result = try cli.run(["translation", "export", "--to", "fr", "--prefill-target", "--output", "fr.xlf"], in: site.root)
        #expect(result.status == 0, "\(result.errors)")
        return (result.errors, try String(contentsOf: site.root.appendingPathComponent("fr.xlf"), encoding: .utf8))
    }

    @Test func onlyTheBlocksChangedSinceTheVersionInGitAreWork() throws {
        let site = try HandTranslationFixture.site(git: true)
        let (errors, xliff) = try export(site)
        #expect(
            errors
                == "wrote fr.xlf: 1 page, 2 units\n"
                + "1 outdated page translated by hand, aligned by structure: 0 units could not be aligned with the source version translated\n")
        #expect(HandTranslationFixture.work(xliff) == ["Train and certify technicians.", "A new paragraph."])
        // The edited item carries the hand translation of the item it replaces; unchanged units
        // carry theirs as a target marked done.
        #expect(xliff.contains(#"<alt-trans alttranstype="previous-version"><target>Former les techniciens.</target></alt-trans>"#))
        #expect(xliff.contains("<source>Ozone layer</source>\n        <target>Couche d’ozone</target>"))
        #expect(
            xliff.contains(
                #"<source>The <g id="1" ctype="bold">Montreal Protocol</g> is the only treaty ratified by every member.</source>"# + "\n"
                    + #"        <target>Le <g id="1" ctype="bold">Protocole de Montréal</g> est le seul traité ratifié par tous les membres.</target>"#
            ))
        #expect(try ExternalTool.validateXLIFF(site.root.appendingPathComponent("fr.xlf")).status == 0)
    }

    /// Import finds the hand translation of the units marked done the way export did; if the
    /// history has gone meanwhile, it says so rather than take the file's word for it.
    @Test func importRefusesUnitsMarkedDoneWhoseTranslationCannotBeFound() throws {
        let site = try HandTranslationFixture.site(git: true)
        let (_, xliff) = try export(site)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".git"))
        try xliff.replacingOccurrences(of: "<target>A new paragraph.</target>", with: "<target>Un nouveau paragraphe.</target>")
            .replacingOccurrences(of: "<target>Train and certify technicians.</target>", with: "<target>Former et certifier.</target>")
            .write(to: site.root.appendingPathComponent("fr.xlf"), atomically: true, encoding: .utf8)
        let result = try cli.run(["translation", "import", "fr.xlf"], in: site.root)
        #expect(result.status == 1)
        let errors = result.errors.split(separator: "\n").filter { $0.contains(": error: ") }
        // 11 units marked done; 3 of them (CFC-11, 2010, Substance) read the same in both languages.
        #expect(errors.count == 8, "\(result.errors)")
        #expect(
            errors.first
                == "fr.xlf:31:9: error: unit t-d648a6e46f: is marked translate=\"no\", but the translation it was exported with cannot be found (import remembers none, and the source version it was aligned with is not in git); export the page again"
        )
    }

    /// Where the hand translation's blocks differ from its source's (two list items made one),
    /// nothing is guessed: the body's units are all work, and the export says how many of the
    /// source's units found no partner.
    @Test func blocksThatDoNotAlignAreWorkAndCounted() throws {
        let merged = HandTranslationFixture.translation.replacingOccurrences(
            of: "- Récupérer les _frigorigènes_ des vieux refroidisseurs.\n- Former les techniciens.\n",
            with: "- Récupérer les _frigorigènes_ des vieux refroidisseurs et former les techniciens.\n")
        let site = try HandTranslationFixture.site(git: true, translation: merged)
        let (errors, xliff) = try export(site)
        #expect(
            errors
                == "wrote fr.xlf: 1 page, 11 units\n"
                + "1 outdated page translated by hand, aligned by structure: 10 units could not be aligned with the source version translated\n")
        #expect(!HandTranslationFixture.work(xliff).contains("Ozone layer"), "the fields still align by name")
        #expect(HandTranslationFixture.work(xliff).count == 11)
    }

    /// Without the version it was made from (here: no git repository), which blocks changed
    /// cannot be told: every unit is work, and the export says why.
    @Test func withoutTheTranslatedVersionEveryUnitIsWork() throws {
        let site = try HandTranslationFixture.site(git: false)
        let (errors, xliff) = try export(site)
        let hash = TranslationRecord.hash(ofBody: CmarkStructure.body(of: HandTranslationFixture.source))
        #expect(
            errors
                == "warning: content/fr/areas/ozone.md was translated by hand and the version of content/en/areas/ozone.md it was made from"
                + " (hash \(hash.prefix(12))) is not in the site's git history: which blocks changed since cannot be told, so all 13 units are exported as work\n1 warning\n"
                + "wrote fr.xlf: 1 page, 13 units\n"
                + "1 outdated page translated by hand, aligned by structure: 13 units could not be aligned with the source version translated\n")
        #expect(HandTranslationFixture.work(xliff).count == 13)
        #expect(!xliff.contains("translate=\"no\""))
        // The fields still pair by name: the hand translation is offered, not taken as done.
        #expect(xliff.contains(#"<alt-trans alttranstype="previous-version"><target>Couche d’ozone</target></alt-trans>"#))
    }
}
