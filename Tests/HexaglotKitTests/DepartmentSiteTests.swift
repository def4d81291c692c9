import Foundation
import Testing

@testable import HexaglotKit

/// The department's own site (content/ and templates/ of this repository), built and checked.
@Suite(.serialized) final class DepartmentSiteTests {
    static let languages = ["zh", "en", "ar", "fr", "ru", "es"]
    static let areas = ["resource-efficiency", "pops", "ozone", "future-regulations"]
    static let channels = [
        "https://www.facebook.com/EnvironmentDepartmentUNIDO/",
        "https://www.youtube.com/user/UNIDObeta",
        "https://www.unido.org",
    ]

    /// The folders this test built into, removed when it ends (each test has its own instance).
    private var outputs: [URL] = []

    deinit {
        for output in outputs { try? FileManager.default.removeItem(at: output) }
    }

    /// Builds once per test into a temporary folder (the repository's public/ is left alone).
    func build() async throws -> URL {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-department-\(UUID().uuidString)")
        outputs.append(output)
        var options = BuildOptions(source: Fixtures.repositoryRoot, output: output)
        options.now = ISO8601DateFormatter().date(from: "2026-11-29T12:00:00Z")!
        _ = try SiteBuilder(options: options).build()
        return output
    }

    func read(_ output: URL, _ path: String) -> String? {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func homeAndAreaPagesExistInAllSixLanguages() async throws {
        let output = try await build()
        for language in Self.languages {
            #expect(read(output, "\(language)/index.html") != nil, "\(language) home")
            #expect(read(output, "\(language)/about/index.html") != nil, "\(language) about")
            for area in Self.areas {
                #expect(read(output, "\(language)/areas/\(area)/index.html") != nil, "\(language)/areas/\(area)")
            }
        }
        let news = TestSite.files(below: output.appendingPathComponent("zh/news")).filter { $0.hasSuffix("/index.html") }
        #expect(news.count >= 6)
    }

    @Test func arabicPagesAreRightToLeftAndEveryPageCarriesTheChannels() async throws {
        let output = try await build()
        for path in TestSite.files(below: output) where path.hasSuffix(".html") {
            let html = try #require(read(output, path))
            if path.hasPrefix("ar/") {
                #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "\(path)")
            }
            for channel in Self.channels {
                #expect(html.contains("href=\"\(channel)\""), "\(path) lacks \(channel)")
            }
        }
    }

    /// Every root-relative link and resource in every page (the language switcher included) leads to a file.
    @Test func everyInternalLinkLeadsToAFile() async throws {
        let output = try await build()
        let pattern = try NSRegularExpression(pattern: ##"(?:href|src)="(/[^"#?]*)"##)
        var broken: [String] = []
        for path in TestSite.files(below: output) where path.hasSuffix(".html") {
            let html = try #require(read(output, path))
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let link = String(html[Range(match.range(at: 1), in: html)!])
                let decoded = link.removingPercentEncoding ?? link
                let target = decoded.hasSuffix("/") ? decoded + "index.html" : decoded
                if !FileManager.default.fileExists(atPath: output.appendingPathComponent(target).path) {
                    broken.append("\(path) → \(link)")
                }
            }
        }
        #expect(broken == [])
    }

    @Test func untranslatedNewsIsPublishedAsAMarkedFallback() async throws {
        let output = try await build()
        // The accounting guide exists only in Chinese and English; French readers get the
        // English text (site.yaml: fallback fr → en) with a notice, canonical and noindex.
        let english = try #require(read(output, "en/news/accounting-guide/index.html"))
        #expect(english.contains("<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://environment.example.org/zh/news/accounting-guide/\">"))
        #expect(!english.contains("hreflang=\"fr\" href=\"https://environment.example.org/fr/news/accounting-guide/\""))
        let french = try #require(read(output, "fr/news/accounting-guide/index.html"))
        #expect(french.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(french.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(french.contains("<link rel=\"canonical\" href=\"https://environment.example.org/en/news/accounting-guide/\">"))
        #expect(french.contains("Cette page n’est pas encore traduite en français."))
        #expect(french.contains("<div class=\"prose\" lang=\"en\" dir=\"ltr\">"))
        // Not listed in French lists, feeds or the sitemap.
        #expect(read(output, "fr/news/index.html")?.contains("accounting-guide") == false)
        #expect(read(output, "fr/atom.xml")?.contains("accounting-guide") == false)
        #expect(read(output, "sitemap.xml")?.contains("/fr/news/accounting-guide/") == false)
    }

    @Test func newsListsArePaginatedAndFeedsExistPerLanguage() async throws {
        let output = try await build()
        let first = try #require(read(output, "zh/news/index.html"))
        #expect(first.contains("<link rel=\"next\" href=\"/zh/news/page/2/\">"))
        let second = try #require(read(output, "zh/news/page/2/index.html"))
        #expect(second.contains("<link rel=\"prev\" href=\"/zh/news/\">"))
        // The switcher's own language on page 2 is page 2; the others lead to their first page.
        #expect(second.contains("<a href=\"/zh/news/page/2/\" lang=\"zh-Hans\" dir=\"ltr\" hreflang=\"zh-Hans\" aria-current=\"page\""))
        #expect(second.contains("<a href=\"/en/news/\" lang=\"en\""))
        for language in Self.languages {
            #expect(read(output, "\(language)/atom.xml")?.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"") == true)
            #expect(read(output, "\(language)/tags/index.html") != nil)
        }
        #expect(read(output, "robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://environment.example.org/sitemap.xml\n")
    }
}
