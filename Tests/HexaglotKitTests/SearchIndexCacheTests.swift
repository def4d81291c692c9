import Foundation
import Testing

@testable import HexaglotKit

/// The search index cache (`.hexaglot-cache/search/`): a language whose pages are unchanged
/// takes its index from there, and the output is always what a build without the cache writes.
@Suite struct SearchIndexCacheTests {
    static func entries(_ language: String, in site: TestSite) -> [String] {
        let folder = site.root.appendingPathComponent(SearchIndexCache.defaultFolder + "/" + language).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func entryFolder(_ language: String, in site: TestSite) throws -> String {
        let name = try #require(entries(language, in: site).first)
        return site.root.appendingPathComponent(SearchIndexCache.defaultFolder + "/" + language + "/" + name).path
    }

    /// The output of the same site built from a copy without the cache.
    static func expectMatchesBuildWithoutCache(_ site: TestSite, _ what: String) async throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["content", "templates"] {
            try FileManager.default.copyItem(at: site.root.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let fresh = try TestSite(copying: copy)
        try await fresh.build()
        let actual = TestSite.contents(of: site.output), expected = TestSite.contents(of: fresh.output)
        #expect(actual.keys.sorted() == expected.keys.sorted(), "\(what): file lists differ")
        for (path, bytes) in expected where actual[path] != bytes {
            Issue.record("\(what): \(path) differs from a build without the cache")
        }
    }

    @Test func aLanguageWhosePagesDidNotChangeTakesItsIndexFromTheCache() async throws {
        let site = try TestSite(SearchIndexTests.pages, theme: SearchIndexTests.theme)
        try await site.build()
        for language in ["en", "zh", "ar", "fr"] { #expect(Self.entries(language, in: site).count == 1, "\(language)") }
        let zhEntry = try Self.entryFolder("zh", in: site)

        // An English edit: English is indexed again, the others come from the cache, into a
        // fresh output folder (CI restores the cache on a new checkout).
        try site.write(
            "---\ntitle: Ozone layer\ntags: [montreal-protocol]\n---\nChillers are retrofitted under the Montreal Protocol.\n",
            to: "content/en/areas/ozone.md")
        try site.remove("public")
        try await site.build()
        #expect(Self.entries("en", in: site).count == 2)
        for language in ["zh", "ar", "fr"] { #expect(Self.entries(language, in: site).count == 1, "\(language)") }
        try await Self.expectMatchesBuildWithoutCache(site, "after an English edit, into a fresh output")
        #expect(try SearchScriptRunner.search("chillers", language: "en", in: site).map(\.url) == ["/en/areas/ozone/"])
        #expect(try SearchScriptRunner.search("臭氧", language: "zh", in: site).map(\.url) == ["/zh/areas/ozone/"])

        // Into the previous output (its index folders moved over whole): the same again.
        try await site.build()
        try await Self.expectMatchesBuildWithoutCache(site, "a forced rebuild into the previous output")

        // The entry really is what is published: bytes changed in it (a test's doing, never a
        // build's) reach the output, as a photo variant's would.
        let shard = zhEntry + "/t0.bin"
        var bytes = try #require(FileManager.default.contents(atPath: shard))
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: shard))
        try site.remove("public")
        try await site.build()
        let published = try #require(site.outputFiles().first { $0.hasPrefix("zh/search/") && $0.hasSuffix("/t0.bin") })
        #expect(FileManager.default.contents(atPath: site.output.appendingPathComponent(published).path) == bytes)
    }

    /// Beside photos (whose variant folder the record summarises and a rebuild moves whole), a
    /// language's index taken from the cache is moved into the new output whole too, not file by
    /// file: a Chinese index is ten thousand files.
    @Test func anIndexFromTheCacheIsMovedWholeBesidePhotos() async throws {
        var files = SearchIndexTests.pages
        files["content/en/news/visit/index.md"] = "---\ntitle: Field visit\n---\n![Workers at the dyeing line](field-visit.jpg)\n"
        let site = try TestSite(files, theme: SearchIndexTests.theme)
        try site.write(Data(contentsOf: ImageTests.images.appendingPathComponent("field-visit.jpg")), to: "content/en/news/visit/field-visit.jpg")
        try await site.build()
        let index = try #require(site.outputFiles().first { $0.hasPrefix("zh/search/") && $0.hasSuffix("/t0.bin") })
        let folder = String(index.dropLast("/t0.bin".count))
        let (variants, version) = (try ImageTests.inode(site, "img"), try ImageTests.inode(site, folder))
        try await site.build()
        #expect(try ImageTests.inode(site, "img") == variants, "the variants moved whole")
        #expect(try ImageTests.inode(site, folder) == version, "the cached index moved whole")
        try await Self.expectMatchesBuildWithoutCache(site, "a forced rebuild into the previous output")
    }

    @Test func anEntryMissingAFileIsNotUsedAndTheLanguageIsIndexedAgain() async throws {
        let site = try TestSite(SearchIndexTests.pages, theme: SearchIndexTests.theme)
        try await site.build()
        let zhEntry = try Self.entryFolder("zh", in: site)
        try FileManager.default.removeItem(atPath: zhEntry + "/t0.bin")
        try site.remove("public")
        try await site.build()
        try await Self.expectMatchesBuildWithoutCache(site, "after a file of the cache was deleted")
        #expect(try SearchScriptRunner.search("业发展组", language: "zh", in: site).map(\.url) == ["/zh/areas/ozone/"])
        // The damaged entry was not replaced (it has the same key): it stays unused, and the
        // next build indexes Chinese again rather than publish half an index.
        #expect(!FileManager.default.fileExists(atPath: zhEntry + "/t0.bin"))

        // The whole cache deleted: the build indexes every language again.
        try site.remove(".hexaglot-cache")
        try site.remove("public")
        try await site.build()
        try await Self.expectMatchesBuildWithoutCache(site, "after the cache was deleted")
    }

    @Test func entriesUnusedForTheirAgeAreRemovedTheNewestKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-search-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var cache = SearchIndexCache(folder: folder)
        cache.unusedAge = 60 * 60
        func index(_ text: String) -> SearchIndexFiles {
            var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "en"))
            SearchPageInput(url: "/", title: text, section: "", tags: "", summary: nil, html: [], boost: 1).add(to: &postings)
            return SearchIndexBuilder(languageCode: "en", rootPath: "/", postings: postings).build()
        }
        func age(_ name: String, hours: Double) {
            var times = [timeval(tv_sec: time(nil) - Int(hours * 3600), tv_usec: 0), timeval(tv_sec: time(nil) - Int(hours * 3600), tv_usec: 0)]
            _ = utimes(folder + "/en/" + name + (name.hasPrefix(".") ? "" : "/listing"), &times)
        }
        cache.store(index("first"), for: "en", key: "a")
        cache.store(index("second"), for: "en", key: "b")
        try FileManager.default.createDirectory(atPath: folder + "/en/.new-1-killed", withIntermediateDirectories: true)
        age("a", hours: 3)
        age("b", hours: 2)
        age(".new-1-killed", hours: 2)
        #expect(cache.files(for: "en", key: "a") != nil)  // used now: no longer old
        age("b", hours: 2)
        cache.store(index("third"), for: "en", key: "c")
        #expect(Self.names(folder + "/en") == ["a", "c"], "b unused for two hours; the leftover of a killed build gone")
        age("a", hours: 3)
        cache.store(index("fourth"), for: "en", key: "d")
        #expect(Self.names(folder + "/en") == ["c", "d"], "the newest other entry kept, however old")
        let restored = try #require(cache.files(for: "en", key: "d"))
        #expect(restored.manifest == index("fourth").manifest)
        #expect(restored.files.map(\.path) == index("fourth").files.map(\.path))
    }

    static func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func theKeyCoversEveryInputOfThePagesAndTheLanguage() {
        let page = SearchPageInput(
            url: "/en/a/", title: "Ozone", section: "Areas", tags: "montreal", summary: "Sum", html: Array("<p>Text</p>".utf8), boost: 1)
        let key = SearchIndexCache.key("en", rootPath: "/", probe: "p", pages: [page])
        #expect(key.count == 32)
        #expect(SearchIndexCache.key("en", rootPath: "/", probe: "p", pages: [page]) == key, "the same inputs, the same key")
        var variants: [SearchPageInput] = []
        for change in 0..<8 {
            var other = page
            switch change {
            case 0: other.url = "/en/b/"
            case 1: other.title = "Ozone layer"
            case 2: other.section = "News"
            case 3: other.tags = "kigali"
            case 4: other.summary = nil
            case 5: other.summary = ""
            case 6: other.html = Array("<p>Text.</p>".utf8)
            default: other.boost = 0.25
            }
            variants.append(other)
        }
        var keys = Set(variants.map { SearchIndexCache.key("en", rootPath: "/", probe: "p", pages: [$0]) })
        keys.insert(key)
        keys.insert(SearchIndexCache.key("fr", rootPath: "/", probe: "p", pages: [page]))
        keys.insert(SearchIndexCache.key("en", rootPath: "/sub/", probe: "p", pages: [page]))
        keys.insert(SearchIndexCache.key("en", rootPath: "/", probe: "p", pages: [page, page]))
        keys.insert(SearchIndexCache.key("en", rootPath: "/", probe: "p", pages: []))
        keys.insert(SearchIndexCache.key("en", rootPath: "/", probe: "q", pages: [page]))
        #expect(keys.count == 14, "every change gives its own key")
    }

    @Test func theAnalysersProbesDifferByLanguageAndAreRememberedForTheBinary() throws {
        let probes = ["en", "fr", "ru", "es", "ar", "zh"].map(SearchIndexCache.probe)
        #expect(Set(probes).count == 6, "each language's analyser reads the probe text its own way")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-search-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = SearchIndexCache(folder: folder)
        #expect(cache.probes(["en", "ar"]) == ["en": probes[0], "ar": probes[4]])
        // Read back from the file while the binary is the same: a value written there is used.
        let file = folder + "/probes"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: probes[0], with: "remembered").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(cache.probes(["en", "ar", "zh"]) == ["en": "remembered", "ar": probes[4], "zh": probes[5]])
        // Written by another binary (another stamp on the first line): worked out again.
        try ("other binary\nen remembered\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(cache.probes(["en"]) == ["en": probes[0]])
    }

    /// The cache trusts an entry whose key matches, and the key only follows the index's format
    /// through `SearchIndexCache.revision` and a small probe index: this pins the bytes of a
    /// whole index, so a change to them that forgets the revision fails here.
    @Test func aChangedIndexFormatBumpsTheCacheRevision() {
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "en"))
        for (number, text) in ["Ozone layer protection", "Persistent organic pollutants", "Ozone-depleting substances"].enumerated() {
            SearchPageInput(
                url: "/en/\(number)/", title: text, section: "Areas", tags: "montreal", summary: nil,
                html: Array("<p>\(text) under the Montreal Protocol, 2026.</p>".utf8), boost: 1
            ).add(to: &postings)
        }
        var fingerprint = ContentFingerprint()
        for file in SearchIndexBuilder(languageCode: "en", rootPath: "/", postings: postings).build().files {
            fingerprint.combine(file.path)
            if case .bytes(let data) = file.contents { fingerprint.combine([UInt8](data)) }
        }
        #expect(
            SearchIndexCache.revision == 2 && fingerprint.hex == "d9d2602d2b4d3ef585ebe8d0c73fb6bc",
            "index bytes changed (\(fingerprint.hex)): bump SearchIndexCache.revision and update both here")
    }

    /// A no-op rebuild does not stat the index's files one by one (a large site has thousands):
    /// each version folder is stamped by its own entry, which still changes when a file in it
    /// is removed, added or renamed.
    @Test func aNoOpRebuildStampsEachIndexFolderWhole() async throws {
        let site = try TestSite(SearchIndexTests.pages, theme: SearchIndexTests.theme)
        try await site.build { $0.skipsUnchangedBuilds = true }
        let manifest = try #require(BuildManifest.read(from: site.output))
        let folders = try #require(manifest.sealedFolders)
        #expect(folders.map { $0.prefix(10) } == ["ar/search/", "en/search/", "fr/search/", "zh/search/"])
        #expect(try await site.build { $0.skipsUnchangedBuilds = true }.isUpToDate)
        // Stamped whole: the same outputs with every folder walked file by file hash otherwise.
        #expect(manifest.outputs != BuildManifest.outputsHash(site.output))

        let zh = try #require(folders.last)
        let shard = try #require(
            try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent(zh).path).sorted().first)
        let removed = try #require(site.file(zh + "/" + shard))
        try site.remove("public/" + zh + "/" + shard)
        let rebuilt = try await site.build { $0.skipsUnchangedBuilds = true }
        #expect(!rebuilt.isUpToDate)
        #expect(site.file(zh + "/" + shard) == removed)
        #expect(try await site.build { $0.skipsUnchangedBuilds = true }.isUpToDate)
        // A file put into one is noticed too.
        try site.write("stray", to: "public/" + zh + "/stray.bin")
        #expect(try await !site.build { $0.skipsUnchangedBuilds = true }.isUpToDate)
    }
}
