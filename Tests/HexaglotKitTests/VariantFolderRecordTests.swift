import Foundation
import Testing

@testable import HexaglotKit

/// The output record summarises the photos' variant folder `img/` in one line (count and a digest
/// of the names), so a warm rebuild checks the old folder with one listing and moves it whole
/// (issue 15). Whatever the summary says, nothing the build did not write may be lost, and a
/// variant missing from the old output is published again.
@Suite struct VariantFolderRecordTests {
    @Test func theSummaryDependsOnTheNamesNotTheirOrder() {
        let names = ["a-480w-1.jpg", "a-960w-2.jpg", "b-480w-3.webp"]
        let forward = FolderSummary(paths: names.map { "img/" + $0 }, directlyIn: "img")
        let backward = FolderSummary(paths: names.reversed().map { "img/" + $0 }, directlyIn: "img")
        #expect(forward == backward && forward.count == 3)
        let other = FolderSummary(paths: ["img/a-480w-1.jpg", "img/a-960w-2.jpg", "img/b-480w-4.webp"], directlyIn: "img")
        #expect(other != forward && other.count == 3)
        #expect(FolderSummary(paths: ["img/a/b.jpg", "imgs/c.jpg", "img", "x/img/d.jpg"], directlyIn: "img").count == 0)
        let line = forward.line(for: "img")
        #expect(FolderSummary.parse(line: Substring(line), for: "img") == forward)
        #expect(FolderSummary.parse(line: Substring(line.dropLast()), for: "img") == nil)
        #expect(FolderSummary.lies("img/a.jpg", directlyIn: "img") && !FolderSummary.lies("img/a/b.jpg", directlyIn: "img"))
        #expect(!FolderSummary.lies("imgx/a.jpg", directlyIn: "img") && !FolderSummary.lies("img/", directlyIn: "img"))
    }

    /// A path that sorts first and starts with `#` is a path, not a summary; byte order throughout.
    @Test func aRecordReadsBackWhatItWrote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths: Set<String> = ["#notes.html", "a.html", "img/b-480w-1.jpg", "img/a-480w-2.jpg", "img/sub/c.txt", "Z.html"]
        let written = OutputRecord(paths: paths).bytes
        #expect(String(decoding: written, as: UTF8.self).split(separator: "\n").dropFirst(2).first == "#notes.html")
        try written.write(to: folder.appendingPathComponent(OutputRecord.fileName))
        let read = try #require(OutputRecord.read(in: folder.path))
        #expect(read.summary?.count == 2 && read.complete.paths == paths && read.bytes == written)
        #expect(read.paths == ["#notes.html", "a.html", "img/sub/c.txt", "Z.html"])
        let old = OutputRecord(paths: ["#notes.html", "a.html"]).bytes
        try old.write(to: folder.appendingPathComponent(OutputRecord.fileName))
        #expect(OutputRecord.read(in: folder.path)?.paths == ["#notes.html", "a.html"])
    }

    /// A record whose variant lines are taken from the previous one, as a warm rebuild does, is
    /// byte for byte the record written from scratch, whatever the other paths are; a previous
    /// record with its variant lines out of order (edited by hand) is not taken from.
    @Test func aRecordMergedWithThePreviousVariantLinesIsTheRecordFromScratch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let variants = ["img/b-480w-1.jpg", "img/a-480w-2.jpg", "img/a-960w-3.avif", "img/Z-1.webp"]
        let old = Set(variants + ["en/index.html", "img/sub/own.txt", "zh/x.html"])
        try OutputRecord(paths: old).bytes.write(to: folder.appendingPathComponent(OutputRecord.fileName))
        let previous = try #require(OutputRecord.read(in: folder.path))
        for others in [[], ["a.html", "img/sub/own.txt", "img.html", "imh/x", "img"], ["zz", "img/", "#x", "IMG/y.jpg"]] {
            let paths = variants + others
            let merged = OutputRecord.bytes(of: paths, previous: previous)
            #expect(merged == OutputRecord.bytes(of: paths), "\(others)")
            #expect(merged == OutputRecord(paths: Set(paths)).bytes)
        }
        // The same names out of order: sorted as any others.
        var lines = String(decoding: OutputRecord(paths: old).bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasPrefix("img/a-480w") })
        lines.swapAt(first, first + 1)
        try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent(OutputRecord.fileName))
        let edited = try #require(OutputRecord.read(in: folder.path))
        #expect(edited.summary == previous.summary)
        #expect(OutputRecord.bytes(of: variants + ["a.html"], previous: edited) == OutputRecord.bytes(of: variants + ["a.html"]))
    }

    /// The record's second line summarises `img/`; the variant lines are still listed (an older
    /// Hexaglot reads them as before), and a record whose summary disagrees with its lines is read
    /// whole, as one without a summary.
    @Test func theRecordSummarisesTheVariantFolderAndChecksItsOwnLines() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let text = try #require(site.file(OutputRecord.fileName))
        let lines = text.split(separator: "\n")
        let variants = site.outputFiles().filter { $0.hasPrefix("img/") }
        #expect(lines[1] == Substring(FolderSummary(paths: variants, directlyIn: "img").line(for: "img")), "\(lines[1])")
        #expect(variants.allSatisfy { lines.contains(Substring($0)) })
        let read = try #require(OutputRecord.read(in: site.output.path))
        #expect(read.summary?.count == variants.count && read.complete.paths == Set(site.outputFiles()))
        #expect(read.paths.isDisjoint(with: variants), "the variant lines are kept unparsed")
        #expect(read.bytes == Data(text.utf8), "written back whole")

        // One variant line removed by hand: the summary no longer counts the lines.
        let edited = text.replacingOccurrences(of: variants[0] + "\n", with: "")
        try site.write(edited, to: "public/" + OutputRecord.fileName)
        let whole = try #require(OutputRecord.read(in: site.output.path))
        #expect(whole.summary == nil && whole.paths == Set(site.outputFiles()).subtracting([variants[0]]))
    }

    /// An output written by the previous version (its record lists every variant, no summary)
    /// keeps the files no build wrote, in `img/` and elsewhere, and gets the new record.
    @Test func anOldFormatRecordStillProtectsTheUsersFiles() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let text = try #require(site.file(OutputRecord.fileName))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1].hasPrefix("# img/: "))
        lines.remove(at: 1)
        try site.write(lines.joined(separator: "\n"), to: "public/" + OutputRecord.fileName)
        try site.write("mine\n", to: "public/img/mine.txt")
        try site.write("also mine\n", to: "public/notes.txt")
        let before = TestSite.contents(of: site.output)
        #expect(try await site.build().imagesEncoded == 0)
        #expect(site.file("img/mine.txt") == "mine\n" && site.file("notes.txt") == "also mine\n")
        var after = TestSite.contents(of: site.output)
        #expect(after[OutputRecord.fileName] == Data(text.utf8), "the record written anew, with its summary")
        after[OutputRecord.fileName] = nil
        var expected = before
        expected[OutputRecord.fileName] = nil
        #expect(after == expected)
        // The next build (new record, `img/` no longer only the build's) keeps them too.
        try await site.build()
        #expect(site.file("img/mine.txt") == "mine\n" && site.file("notes.txt") == "also mine\n")
        #expect(site.file(OutputRecord.fileName)?.contains("mine.txt") == false)
    }

    /// A variant deleted from the old output (or replaced by a folder) is published again: from
    /// the cache, or encoded anew when the cache lacks it too.
    @Test func aTamperedVariantFolderIsRepaired() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let first = TestSite.contents(of: site.output)
        let variants = site.outputFiles().filter { $0.hasPrefix("img/") }.sorted()
        try site.remove("public/" + variants[0])
        #expect(try await site.build().imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first, "from the cache")

        try site.remove("public/" + variants[1])
        try site.remove(".hexaglot-cache")
        #expect(try await site.build().imagesEncoded >= 12)
        #expect(TestSite.contents(of: site.output) == first, "encoded again")

        // A folder where a variant was: not the build's, so the build stops and changes nothing.
        try site.remove("public/" + variants[2])
        try site.write("x\n", to: "public/" + variants[2] + "/x.txt")
        let tampered = TestSite.contents(of: site.output)
        #expect(await site.errors().contains { $0.contains("was not written by a Hexaglot build") })
        #expect(TestSite.contents(of: site.output) == tampered)
    }

    /// A renamed photo: the new variants are published, the old ones leave, and the record's
    /// summary follows; the build after moves the folder whole.
    @Test func aChangedPhotoSetIsPublishedAgain() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let before = Set(site.outputFiles().filter { $0.hasPrefix("img/") })
        let photo = try Data(contentsOf: ImageTests.images.appendingPathComponent("field-visit.jpg"))
        try site.write(photo, to: "content/en/news/visit/dyeing-line.jpg")
        try site.remove("content/en/news/visit/field-visit.jpg")
        try site.write(
            "---\ntitle: Field visit\n---\n![Workers at the dyeing line](dyeing-line.jpg)\n\n![A swatch](translucent.png)\n",
            to: "content/en/news/visit/index.md")
        try await site.build()
        let after = Set(site.outputFiles().filter { $0.hasPrefix("img/") })
        #expect(after.filter { $0.hasPrefix("img/dyeing-line-") }.count == before.filter { $0.hasPrefix("img/field-visit-") }.count)
        #expect(!after.contains { $0.hasPrefix("img/field-visit-") } && after.count == before.count)
        let summary = try #require(OutputRecord.read(in: site.output.path)?.summary)
        #expect(summary == FolderSummary(paths: after, directlyIn: "img"))
        try await site.expectOutputMatchesCleanBuild("after a renamed photo")
        let folder = try ImageTests.inode(site, "img")
        try await site.build()
        #expect(try ImageTests.inode(site, "img") == folder, "moved whole")
    }

    /// A rebuild whose pages need exactly the variants the old output's folder holds publishes
    /// that folder again as it is: no cache entry is looked at, so none is encoded even with the
    /// cache gone (only the linked original, published beside its page, is), and the folder is
    /// moved whole.
    @Test func theOldVariantFolderIsPublishedAgainWithoutTheCache() async throws {
        let site = try ImageTests.photoSite()
        let first = try await site.build()
        let files = TestSite.contents(of: site.output), folder = try ImageTests.inode(site, "img")
        try site.remove(".hexaglot-cache")
        let again = try await site.build()
        #expect(again.imagesEncoded == 1 && again.filesWritten == first.filesWritten)
        #expect(TestSite.contents(of: site.output) == files)
        #expect(try ImageTests.inode(site, "img") == folder, "moved whole")
    }

    /// The old variant folder changed while the build ran (a variant deleted, a file of someone
    /// else's added): it is not moved whole; the variants are published one by one from the
    /// cache, and the other file is kept and not claimed.
    @Test func aVariantFolderChangedDuringTheBuildIsPublishedFileByFile() async throws {
        let site = try ImageTests.photoSite()
        try await site.build()
        let first = TestSite.contents(of: site.output)
        let variants = site.outputFiles().filter { $0.hasPrefix("img/") }.sorted()
        let output = site.output.path
        let change = OneTimeChange {
            try? FileManager.default.removeItem(atPath: output + "/" + variants[0])
            FileManager.default.createFile(atPath: output + "/img/theirs.txt", contents: Data("theirs\n".utf8))
        }
        let report = try await site.build { options in
            // The pages are rendered after the images stage has decided to publish the folder again.
            options.progress = { line in if line.hasPrefix("pages") { change.run() } }
        }
        #expect(change.hasRun && report.imagesEncoded == 0)
        var expected = first
        expected["img/theirs.txt"] = Data("theirs\n".utf8)
        #expect(TestSite.contents(of: site.output) == expected)
        #expect(site.file(OutputRecord.fileName)?.contains("theirs.txt") == false)
        try await site.build()
        #expect(TestSite.contents(of: site.output) == expected)
    }
}

/// Runs its change the first time it is asked, from any thread.
private final class OneTimeChange: @unchecked Sendable {
    private let lock = NSLock()
    private let change: () -> Void
    private(set) var hasRun = false

    init(_ change: @escaping () -> Void) { self.change = change }

    func run() {
        lock.withLock {
            guard !hasRun else { return }
            hasRun = true
            change()
        }
    }
}
