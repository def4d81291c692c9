import Foundation
import Testing

@testable import HexaglotKit

/// French pages get no-break spaces where French typography has them, so a phone never starts
/// a line with `:` or `?`; code, other languages and heading ids are left as they are.
@Suite struct FrenchSpacingTests {
    @Test func spacesBeforeHighPunctuationAndInsideGuillemetsDoNotBreak() {
        #expect(
            FrenchSpacing.apply("Note : voir « ceci » ; vraiment ? Oui !")
                == "Note\u{A0}: voir «\u{202F}ceci\u{202F}»\u{202F}; vraiment\u{202F}? Oui\u{202F}!")
        #expect(FrenchSpacing.apply("http://example.org?a=1:2") == "http://example.org?a=1:2")
        #expect(FrenchSpacing.apply("Sans ponctuation") == "Sans ponctuation")
        #expect(FrenchSpacing.applies(toLocale: "fr") && FrenchSpacing.applies(toLocale: "fr-CA") && !FrenchSpacing.applies(toLocale: "en"))
    }

    @Test func frenchPagesTitlesBodiesAndSummariesUseThem() async throws {
        let site = try TestSite([
            "content/site.yaml": TestSite.siteYAML,
            "content/fr/visite.md": "---\ntitle: \"Visite : un atelier\"\n---\n## Étape : une\n\nL'eau : en circuit fermé ? Oui, `a : b` reste.\n",
            "content/en/visit.md": "---\ntitle: \"Visit : a workshop\"\n---\nWater : closed loop ?\n",
        ])
        try await site.build()
        let french = try #require(site.file("fr/visite/index.html"))
        #expect(french.contains("<title>Visite\u{A0}: un atelier"))
        #expect(french.contains("<p>L'eau\u{A0}: en circuit fermé\u{202F}? Oui, <code>a : b</code> reste.</p>"))
        // The heading's id is the one its text gives with a plain space (links to it keep working).
        #expect(french.contains("<h2 id=\"étape--une\">Étape\u{A0}: une"))
        // English text keeps its spaces as written.
        #expect(site.file("en/visit/index.html")?.contains("Water : closed loop ?") == true)
    }
}
