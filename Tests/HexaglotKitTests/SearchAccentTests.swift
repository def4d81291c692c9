import Foundation
import Testing

@testable import HexaglotKit

/// French and Spanish readers often type without accents. Snowball's suffixes have them
/// (-ación, -ée), so such a word stems otherwise than the page's: the index also holds each
/// accented word's term without its accents, and the query finds the page either way.
@Suite struct SearchAccentTests {
    static let pages: [String: String] = [
        "content/site.yaml": """
        title: {en: Test Site, es: Sitio de prueba, fr: Site de test}
        baseURL: https://example.org/
        defaultLanguage: en
        languages:
          - {code: en, name: English}
          - {code: es, name: Español}
          - {code: fr, name: Français}
        search: true

        """,
        "content/en/index.md": "---\ntitle: Home\n---\nHome.\n",
        "content/es/areas/aire.md": """
        ---
        title: Calidad del aire
        ---
        La contaminación del aire afecta a la salud; la capacitación de técnicos la reduce.

        """,
        "content/es/areas/agua.md": """
        ---
        title: Agua limpia
        ---
        Las contaminaciones del agua y su eliminación en la industria.

        """,
        "content/fr/areas/loi.md": """
        ---
        title: Une loi pour l’air
        ---
        La loi adoptée en 2026 protège les zones affectées par la pollution.

        """,
    ]

    @Test func wordsTypedWithoutAccentsFindTheirPages() async throws {
        let site = try TestSite(Self.pages, theme: SearchIndexTests.theme)
        try await site.build()
        // Without accents, as typed on a phone, and with them: the same page, the word marked.
        for query in ["contaminacion", "CONTAMINACION"] {
            let found = try SearchScriptRunner.search(query, language: "es", in: site)
            #expect(found.map(\.url) == ["/es/areas/aire/"], "\(query)")
            #expect(found.first?.excerpt.contains("[contaminación]") == true, "\(query): \(found.first?.excerpt ?? "")")
        }
        // With its accent, the word also finds its plural, whose stem is the same.
        let accented = try SearchScriptRunner.search("contaminación", language: "es", in: site)
        #expect(Set(accented.map(\.url)) == ["/es/areas/aire/", "/es/areas/agua/"])
        #expect(accented.first { $0.url == "/es/areas/aire/" }?.excerpt.contains("[contaminación]") == true)
        #expect(try SearchScriptRunner.search("capacitacion", language: "es", in: site).map(\.url) == ["/es/areas/aire/"])
        #expect(try SearchScriptRunner.search("eliminacion", language: "es", in: site).map(\.url) == ["/es/areas/agua/"])
        for query in ["adoptee", "adoptée", "affectees", "protege"] {
            let found = try SearchScriptRunner.search(query, language: "fr", in: site)
            #expect(found.map(\.url) == ["/fr/areas/loi/"], "\(query)")
        }
        #expect(try SearchScriptRunner.search("adoptee", language: "fr", in: site).first?.excerpt.contains("[adoptée]") == true)
    }

    /// The accent-free term is the word's second term at its place: the phrase typed without
    /// accents is found as a phrase, and the page's length counts the word once.
    @Test func theAccentFreeTermTakesTheWordsPlace() throws {
        let tokens = SearchAnalyzer(languageCode: "es").tokens("la contaminación del aire").tokens
        #expect(tokens.map { "\($0.term)@\($0.position)" } == ["la@0", "contamin@1", "contaminacion@1", "del@2", "air@3"])
        // A word without accents, or whose accents do not change its stem, has one term.
        #expect(SearchAnalyzer(languageCode: "es").tokens("contaminacion técnico").tokens.map(\.term) == ["contaminacion", "tecnic"])
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "es"))
        postings.add(
            SearchDocument(url: "/es/a/", title: "", section: "", excerptText: ""), fields: [.init(text: "la contaminación del aire", weight: 1)])
        postings.add(
            SearchDocument(url: "/es/b/", title: "", section: "", excerptText: ""), fields: [.init(text: "la contaminacion del aire", weight: 1)])
        #expect(postings.lengths == [4, 4])
    }
}
