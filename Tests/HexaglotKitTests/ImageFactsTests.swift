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
            Data(text.replacingOccurrences(of: "hexaglot image facts 3", with: "hexaglot image facts 2").utf8),
            // A key one digit short, and a stamp with a word in it.
            Data(text.replacingOccurrences(of: ",", with: "0,").utf8),
            Data(text.replacingOccurrences(of: "\t", with: "\tx ").utf8),
            // A plan snapshot whose srcsets name another folder: its check no longer holds.
            Data(text.replacingOccurrences(of: "/img/", with: "/imx/").utf8),
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

    /// An unchanged photo's plan comes from its snapshot, which holds what its markup depends on:
    /// after a change to `sizes` or to the site's root path, which change no variant, the rebuild
    /// encodes nothing and publishes what a build from an empty cache does.
    @Test func aSnapshotIsOnlyUsedWithTheSettingsItWasMadeWith() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        for yaml in [
            TestSite.siteYAML + "images: {sizes: \"(min-width: 60rem) 50rem, 90vw\"}\n",
            TestSite.siteYAML.replacingOccurrences(of: "https://example.org/", with: "https://example.org/env/"),
        ] {
            try site.write(yaml, to: "content/site.yaml")
            #expect(try await site.build().imagesEncoded == 0)
            let fresh = try ImageTests.photoSite(yaml)
            try await fresh.build()
            let expected = TestSite.contents(of: fresh.output)
            #expect(TestSite.contents(of: site.output) == expected, "\(yaml)")
        }
    }

    /// When the old output's `img/` is not what the pages need (a variant deleted from it), an
    /// unchanged photo's variants are made from its stored keys and published from the cache.
    @Test func anUnchangedPhotosVariantsAreMadeWhenTheOldFolderDoesNotMatch() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let first = TestSite.contents(of: site.output)
        let variant = try #require(first.keys.sorted().first { $0.hasPrefix("img/") && $0.hasSuffix(".avif") })
        try FileManager.default.removeItem(at: site.output.appendingPathComponent(variant))
        try site.write("---\ntitle: Home\n---\nNo images here, still.\n", to: "content/en/index.md")
        #expect(try await site.build().imagesEncoded == 0)
        let after = TestSite.contents(of: site.output)
        #expect(after[variant] == first[variant])
        #expect(after.keys.filter { $0.hasPrefix("img/") }.sorted() == first.keys.filter { $0.hasPrefix("img/") }.sorted())
        try await site.expectOutputMatchesCleanBuild("after a variant was deleted from the output")
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
