import Foundation
import Testing

@testable import HexaglotKit

/// Each language's postings kept between builds (`SearchPostingsArchive`): when a page of a
/// language changes, only the changed pages are read again, and the output is byte for byte
/// what a build without any cache writes. A damaged or foreign archive is not used.
@Suite struct SearchPostingsArchiveTests {
    /// The search tests' site, with an English page holding Chinese words (Han terms and runs
    /// go through the archive too: English text is archived, mostly-Han text is not).
    static var pages: [String: String] {
        var pages = SearchIndexTests.pages
        pages["content/en/areas/names.md"] = """
            ---
            title: Names in other scripts
            ---
            The Montreal Protocol is 蒙特利尔议定书 in Chinese; the ozone layer is 臭氧层.
            """
        return pages
    }

    static func archivePath(_ language: String, in site: TestSite) -> String {
        site.root.appendingPathComponent(SearchIndexCache.defaultFolder + "/" + language + ".postings").path
    }

    static func documentCount(_ language: String, in site: TestSite) throws -> Int {
        let page = try #require(site.file("\(language)/search/index.html"))
        let manifest = try #require(SearchScriptRunner.manifestJSON(in: page))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any])
        return try #require(object["documents"] as? Int)
    }

    @Test func onlyPagesThatChangedAreReadAgainAndTheIndexIsTheSame() async throws {
        let site = try TestSite(Self.pages, theme: SearchIndexTests.theme)
        let first = try await site.build()
        #expect(first.searchPagesRead > 0)
        #expect(FileManager.default.fileExists(atPath: Self.archivePath("en", in: site)))

        try site.write(
            "---\ntitle: Ozone layer\ntags: [montreal-protocol]\n---\nChillers are retrofitted under the Montreal Protocol.\n",
            to: "content/en/areas/ozone.md")
        #expect(try await site.build().searchPagesRead == 1, "the edited page alone")
        try await SearchIndexCacheTests.expectMatchesBuildWithoutCache(site, "after an English edit")
        #expect(try SearchScriptRunner.search("chillers", language: "en", in: site).map(\.url) == ["/en/areas/ozone/"])
        #expect(try SearchScriptRunner.search("议定书", language: "en", in: site).map(\.url) == ["/en/areas/names/"])

        // A page added before the others (every stored page moves to another number).
        try site.write("---\ntitle: Air quality\n---\nAbatement of fine particles.\n", to: "content/en/areas/air.md")
        #expect(try await site.build().searchPagesRead == 1, "the added page alone")
        try await SearchIndexCacheTests.expectMatchesBuildWithoutCache(site, "after a page was added")

        // A page removed: nothing to read, the index made from the stored postings.
        try site.remove("content/en/areas/pops.md")
        #expect(try await site.build().searchPagesRead == 0)
        try await SearchIndexCacheTests.expectMatchesBuildWithoutCache(site, "after a page was removed")
        #expect(try SearchScriptRunner.search("stockholm", language: "en", in: site).isEmpty)
        #expect(try SearchScriptRunner.search("臭氧层", language: "en", in: site).map(\.url) == ["/en/areas/names/"])
    }

    @Test func aDamagedOrShortArchiveIsNotUsed() async throws {
        let site = try TestSite(Self.pages, theme: SearchIndexTests.theme)
        try await site.build()
        let englishPages = try Self.documentCount("en", in: site)
        let path = Self.archivePath("en", in: site)
        var edits = 0
        func edit() throws {
            edits += 1
            try site.write("---\ntitle: Air quality\n---\nAbatement, take \(edits).\n", to: "content/en/areas/air.md")
        }

        // One byte of a stored excerpt changed: the fingerprint on the header line no longer holds.
        var bytes = try #require(FileManager.default.contents(atPath: path))
        let excerpt = try #require(bytes.firstRange(of: Data("Technicians".utf8)))
        bytes[excerpt.lowerBound] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: path))
        try edit()
        #expect(try await site.build().searchPagesRead == englishPages + 1, "every English page read")
        try await SearchIndexCacheTests.expectMatchesBuildWithoutCache(site, "after the archive was damaged")

        // Cut short (a build killed while writing it cannot leave this: it writes aside and renames).
        bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        try edit()
        #expect(try await site.build().searchPagesRead == englishPages + 1)
        try await SearchIndexCacheTests.expectMatchesBuildWithoutCache(site, "after the archive was cut short")

        // The archive written by the last build is whole again and used.
        try edit()
        #expect(try await site.build().searchPagesRead == 1)
    }

    @Test func anArchiveOfAnotherFormatOrAnalyserIsRefused() throws {
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "en"))
        let inputs = [
            SearchPageInput(url: "/a/", title: "Ozone", section: "", tags: "", summary: nil, html: Array("<p>臭氧层 layer</p>".utf8), boost: 1),
            SearchPageInput(
                url: "/b/", title: "Water", section: "", tags: "", summary: "Rivers", html: Array("<p>Clean rivers</p>".utf8), boost: 0.25),
        ]
        for input in inputs { input.add(to: &postings) }
        let archive = SearchPostingsArchive(postings, fingerprints: inputs.map(\.fingerprint))
        let header = SearchPostingsArchive.header("en", probe: "p1")
        let data = archive.data(header: header)
        let read = try #require(SearchPostingsArchive(data: data, header: header))
        #expect(read.data(header: header) == data, "read back as written")
        #expect(read.documentsByFingerprint == [inputs[0].fingerprint: 0, inputs[1].fingerprint: 1])
        #expect(SearchPostingsArchive(data: data, header: SearchPostingsArchive.header("en", probe: "p2")) == nil, "another analyser")
        #expect(SearchPostingsArchive(data: data, header: SearchPostingsArchive.header("fr", probe: "p1")) == nil, "another language")
        var older = data
        older.replaceSubrange(0..<header.utf8.count, with: Data(header.replacingOccurrences(of: "postings 2", with: "postings 1").utf8))
        #expect(SearchPostingsArchive(data: older, header: header) == nil, "an older format")
        #expect(SearchPostingsArchive(data: data.prefix(header.utf8.count + 10), header: header) == nil, "no payload")

        // Pages taken from the archive make the index a fresh reading makes, in any order.
        for order in [[0, 1], [1, 0]] {
            var fresh = SearchPostings(analyzer: SearchAnalyzer(languageCode: "en"))
            var copied = SearchPostings(analyzer: SearchAnalyzer(languageCode: "en"))
            var remap = [Int32](repeating: -1, count: read.kinds.count)
            for number in order {
                inputs[number].add(to: &fresh)
                copied.append(read, document: number, remap: &remap)
            }
            let (expected, actual) = (
                SearchIndexBuilder(languageCode: "en", rootPath: "/", postings: fresh).build(),
                SearchIndexBuilder(languageCode: "en", rootPath: "/", postings: copied).build()
            )
            #expect(actual.manifest == expected.manifest, "pages in the order \(order)")
            #expect(actual.files.map(\.path) == expected.files.map(\.path))
            for (left, right) in zip(actual.files, expected.files) {
                guard case .bytes(let actualBytes) = left.contents, case .bytes(let expectedBytes) = right.contents else {
                    Issue.record("\(left.path) is not in memory")
                    continue
                }
                #expect(actualBytes == expectedBytes, "\(left.path), pages in the order \(order)")
            }
        }
    }
}
