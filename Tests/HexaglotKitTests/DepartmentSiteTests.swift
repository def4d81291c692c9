import Foundation
import Testing
@testable import HexaglotKit

/// The department's own site (content/ and templates/ of this repository), built and checked.
@Suite(.serialized) struct DepartmentSiteTests {
    static let languages = ["zh", "en", "ar", "fr", "ru", "es"]
    static let areas = ["resource-efficiency", "pops", "ozone", "future-regulations"]
    static let channels = [
        "https://www.facebook.com/EnvironmentDepartmentUNIDO/",
        "https://www.youtube.com/user/UNIDObeta",
        "https://www.unido.org",
    ]

    /// Builds once per test into a temporary folder (the repository's public/ is left alone).
    func build() async throws -> URL {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-department-\(UUID().uuidString)")
        var options = BuildOptions(source: Fixtures.repositoryRoot, output: output)
        options.now = ISO8601DateFormatter().date(from: "2026-11-29T12:00:00Z")!
        try await SiteBuilder(options: options).build()
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

    @Test func untranslatedNewsIsMarkedInTheSwitcher() async throws {
        let output = try await build()
        // The accounting guide exists only in Chinese and English.
        #expect(read(output, "fr/news/accounting-guide/index.html") == nil)
        let page = try #require(read(output, "en/news/accounting-guide/index.html"))
        #expect(page.contains("href=\"/zh/news/accounting-guide/\""))
        #expect(page.contains("href=\"/en/news/accounting-guide/\""))
        #expect(!page.contains("href=\"/fr/news/accounting-guide/\""))
    }
}
