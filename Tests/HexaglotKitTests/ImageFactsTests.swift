import Foundation
import Testing

@testable import HexaglotKit

/// The file that keeps each photo's facts and variant keys between builds (`ImageSourceIndex`):
/// it only saves time, so whatever it holds, a build publishes what a clean build would.
@Suite struct ImageFactsTests {
    /// The site's one facts file, after a first build.
    private static func index(of site: TestSite) throws -> URL {
        let sources = site.root.appendingPathComponent(".hexaglot-cache/images/sources")
        let entries = TestSite.files(below: sources)
        #expect(entries.count == 1, "\(entries)")
        return sources.appendingPathComponent(try #require(entries.first))
    }

    /// A file cut short, garbled or of another format is ignored: the photos are read again, the
    /// output is what it was, and the file is written again as the first build wrote it.
    @Test func aDamagedFactsFileIsIgnoredAndWrittenAgain() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let index = try Self.index(of: site)
        let stored = try Data(contentsOf: index)
        let first = TestSite.contents(of: site.output)
        let text = String(decoding: stored, as: UTF8.self)
        let damaged = [
            Data("not a facts file\n".utf8),
            stored.prefix(stored.count / 2),
            Data(text.replacingOccurrences(of: "hexaglot image facts 2", with: "hexaglot image facts 1").utf8),
            // A key one digit short, and a stamp with a word in it.
            Data(text.replacingOccurrences(of: ",", with: "0,").utf8),
            Data(text.replacingOccurrences(of: "\t", with: "\tx ").utf8),
        ]
        for bytes in damaged {
            try bytes.write(to: index)
            #expect(try await site.build().imagesEncoded == 0)
            #expect(TestSite.contents(of: site.output) == first)
            #expect(try Data(contentsOf: index) == stored)
        }
    }

    /// The stored keys are those of the settings they were made with: after a change to the
    /// site's `images:` settings, the rebuild publishes what a build from an empty cache does.
    @Test func aChangedSettingGivesWhatABuildFromNothingGives() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let yaml = TestSite.siteYAML + "images: {quality: {jpeg: 70, avif: 40}}\n"
        try site.write(yaml, to: "content/site.yaml")
        #expect(try await site.build().imagesEncoded > 0)
        let fresh = try ImageTests.photoSite(yaml)
        try await fresh.build()
        let expected = TestSite.contents(of: fresh.output)
        let actual = TestSite.contents(of: site.output)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        #expect(actual == expected)
    }

    /// A photo removed from the site leaves the file with the next build; one put back is read again.
    @Test func theFileHoldsThePhotosOfTheLastBuild() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let index = try Self.index(of: site)
        #expect(try String(contentsOf: index, encoding: .utf8).contains("translucent.png\t"))
        try site.write("---\ntitle: Field visit\n---\n![Workers at the dyeing line](field-visit.jpg)\n", to: "content/en/news/visit/index.md")
        try site.remove("content/en/news/visit/translucent.png")
        try await site.build()
        let after = try String(contentsOf: index, encoding: .utf8)
        #expect(!after.contains("translucent.png") && after.contains("field-visit.jpg\t"), "\(after)")
        try await site.expectOutputMatchesCleanBuild("after a removed photo")
    }
}
