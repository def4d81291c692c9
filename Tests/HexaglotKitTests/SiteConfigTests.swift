import Foundation
import Testing

@testable import HexaglotKit

/// site.yaml read on its own, without building a site.
@Suite struct SiteConfigTests {
    static func errors(_ yaml: String, baseURLOverride: String? = nil) throws -> [String] {
        let root = try #require(try YAMLReader(file: "content/site.yaml").read(yaml))
        let (_, problems) = SiteConfigLoader().read(root, file: "content/site.yaml", baseURLOverride: baseURLOverride)
        return problems.filter { $0.severity == .error }.map(\.description)
    }

    static let missing = "content/site.yaml:1:1: error: 'baseURL' is missing: the site's address, such as https://example.org/"

    /// Whether baseURL is missing depends on whether it was given, not on what other messages
    /// say: a misplaced `baseURL` key inside a language is reported and does not hide it.
    @Test func missingBaseURLIsReportedWhateverElseMentionsIt() throws {
        let errors = try Self.errors("title: T\nlanguages:\n  - {code: en, name: English, baseURL: https://example.org/}\n")
        #expect(errors.contains(Self.missing))
        #expect(errors.contains { $0.contains("unknown language setting 'baseURL'") })
    }

    @Test func unusableBaseURLIsReportedOnceNotAlsoAsMissing() throws {
        let errors = try Self.errors("title: T\nbaseURL: example.org\nlanguages:\n  - {code: en, name: English}\n")
        #expect(
            errors == ["content/site.yaml:2:10: error: 'baseURL' must be an absolute http(s) URL such as https://example.org/, got 'example.org'"])
        let overridden = try Self.errors("title: T\nlanguages:\n  - {code: en, name: English}\n", baseURLOverride: "nowhere")
        #expect(overridden == ["error: --base-url: 'baseURL' must be an absolute http(s) URL such as https://example.org/, got 'nowhere'"])
        #expect(try Self.errors("title: T\nlanguages:\n  - {code: en, name: English}\n", baseURLOverride: "https://preview.example/").isEmpty)
    }
}
