import Foundation
import Testing

@testable import HexaglotKit

/// Each broken site in Fixtures/invalid/ beside the exact diagnostics it must give
/// (`expected.txt`), as in Zola's test_sites_invalid. A failed build must leave the
/// previous output exactly as it was.
@Suite struct InvalidSiteTests {
    @Test(arguments: Fixtures.subfolders(of: "invalid"))
    func brokenSiteGivesItsDiagnostics(_ name: String) async throws {
        let fixture = Fixtures.folder.appendingPathComponent("invalid").appendingPathComponent(name)
        let site = try TestSite(copying: fixture)
        for (path, text) in TestSite.minimalTheme
        where !FileManager.default.fileExists(atPath: site.root.appendingPathComponent("templates/" + path).path) {
            try site.write(text, to: "templates/" + path)
        }
        try? FileManager.default.removeItem(at: site.root.appendingPathComponent("expected.txt"))
        try site.writePreviousOutput(["en/index.html": "previous build\n"])

        let diagnostics = await site.failures()
        let expectedFile = fixture.appendingPathComponent("expected.txt")
        if Fixtures.recording {
            try (diagnostics.joined(separator: "\n") + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(diagnostics == expected)
        #expect(site.outputFiles() == ["en/index.html"])
        #expect(site.file("en/index.html") == "previous build\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])
    }

    /// Pages are written to a staging folder while they render; a problem found when the build
    /// commits (two files on one path) removes it and leaves the output as it was.
    @Test func aFailedCommitDiscardsWhatWasStaged() throws {
        let site = try TestSite(["content/en/a.md": "# A\n"])
        try site.writePreviousOutput(["en/index.html": "previous build\n"])
        let staging = try OutputWriter(output: site.output).stage()
        let files = [
            OutputFile(path: "en/a/index.html", contents: .bytes(Data("a".utf8)), origin: "content/en/a.md"),
            OutputFile(path: "en/A/index.html", contents: .bytes(Data("b".utf8)), origin: "content/en/b.md"),
        ]
        let written = files.map(staging.write)
        #expect(throws: BuildFailure.self) { try staging.commit(written) }
        #expect(site.outputFiles() == ["en/index.html"])
        #expect(site.file("en/index.html") == "previous build\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])
    }
}
