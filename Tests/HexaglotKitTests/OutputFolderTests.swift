import Foundation
import Testing

@testable import HexaglotKit

/// The build deletes nothing it did not write: outputs that overlap the site's inputs are refused
/// before anything is touched, a linked output is written through its link, files no build wrote
/// survive, and a killed build's leftovers are tidied up by the next build.
@Suite struct OutputFolderTests {
    let commandLine = CommandLineTests()

    @Test(arguments: [
        (".", "output folder <site> is the site folder: a build would replace content/ and templates/; choose another --output, such as public/"),
        (
            "content/public",
            "output folder <site>/content/public is inside the site's input folder <site>/content: choose an --output outside content/ and templates/"
        ),
        (
            "templates",
            "output folder <site>/templates is the site's input folder <site>/templates: choose an --output outside content/ and templates/"
        ),
        ("notes.txt", "output <site>/notes.txt exists and is not a folder"),
    ])
    func outputsThatWouldOverwriteTheSiteAreRefused(_ output: String, _ message: String) throws {
        let site = try TestSite(["content/en/a.md": "# A\n", "notes.txt": "keep me\n"])
        let before = TestSite.contents(of: site.root)
        let result = try commandLine.run(["build", "--output", output], in: site.root)
        let root = try #require(OutputFolder.realPath(site.root.path))
        #expect(result.status == 2)
        #expect(result.errors == "error: \(message.replacingOccurrences(of: "<site>", with: root))\n1 error; nothing was written\n")
        #expect(TestSite.contents(of: site.root) == before)
    }

    @Test func aLinkedOutputIsWrittenIntoItsTargetAndStaysALink() async throws {
        let site = try TestSite(["content/en/a.md": "# A\n"])
        let target = site.root.appendingPathComponent("www/site")
        try site.write("ref\n", to: "www/site/.git/HEAD")
        try FileManager.default.createSymbolicLink(atPath: site.output.path, withDestinationPath: target.path)
        for _ in 0..<2 {
            try await site.build()
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.output.path) == target.path)
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("en/a/index.html").path))
            #expect(FileManager.default.contents(atPath: target.appendingPathComponent(".git/HEAD").path) == Data("ref\n".utf8))
        }
    }

    @Test func filesNoBuildWroteSurviveAndStalePagesGo() async throws {
        let site = try TestSite(["content/en/a.md": "# A\n", "content/en/b.md": "# B\n"])
        try await site.build()
        let foreign = ["CNAME": "example.org\n", ".git/HEAD": "ref\n", "en/server.conf": "deny all;\n", "downloads/report.pdf": "%PDF"]
        for (path, text) in foreign { try site.write(text, to: "public/" + path) }
        try site.remove("content/en/b.md")
        try await site.build()
        #expect(!site.exists("en/b/index.html"))
        #expect(site.exists("en/a/index.html"))
        for (path, text) in foreign { #expect(site.file(path) == text, "\(path)") }
    }

    @Test func aFolderOfOtherFilesIsRefusedUnlessTheBuildMayCleanIt() async throws {
        let site = try TestSite(["content/en/a.md": "# A\n"])
        try site.write("hugo's\n", to: "public/index.html")
        try site.write("ref\n", to: "public/.git/HEAD")
        let refused = try commandLine.run(["build"], in: site.root)
        #expect(refused.status == 2)
        #expect(refused.errors.contains("holds files that no Hexaglot build wrote (index.html): nothing was changed"))
        #expect(site.file("index.html") == "hugo's\n")
        #expect(try commandLine.run(["build", "--clean-destination"], in: site.root).status == 0)
        #expect(site.file(".git/HEAD") == "ref\n")
        #expect(site.exists("en/a/index.html"))
    }

    @Test func aFileTheBuildWouldWriteOverIsAnError() async throws {
        let site = try TestSite(["content/en/a.md": "# A\n"])
        try await site.build()
        try site.write("mine.example\n", to: "public/CNAME")
        try site.write("theirs.example\n", to: "content/static/CNAME")
        let errors = await site.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.contains("/CNAME was not written by a Hexaglot build, and this build writes content/static/CNAME there") == true)
        #expect(site.file("CNAME") == "mine.example\n")
    }

    private func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aKilledBuildsStagingIsRemovedAndWhatItCarriedPutBack() async throws {
        let site = try TestSite(["content/en/a.md": "# A\n"])
        try await site.build()
        let pid = try deadProcessID()
        let staging = ".public.new-\(pid)-7"
        try site.write("half", to: staging + "/en/a/index.html")
        try site.write("ref\n", to: staging + "/.git/HEAD")
        try site.write(".git", to: staging + ".carried")
        try await site.build()
        #expect(site.file(".git/HEAD") == "ref\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])
    }

    #if os(Linux)
    @Test func theSwapIsOneExchange() throws {
        #expect(FolderSwap.isAtomic)
        let site = try TestSite([:])
        try site.write("new", to: "new/index.html")
        try site.write("old", to: "old/index.html")
        let root = site.root.path
        try FolderSwap.exchange(root + "/new", with: root + "/old", retired: root + "/retired")
        #expect(FileManager.default.contents(atPath: root + "/old/index.html") == Data("new".utf8))
        #expect(FileManager.default.contents(atPath: root + "/new/index.html") == Data("old".utf8))
    }
    #endif
}
