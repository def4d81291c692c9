import Foundation
import Testing

/// The `hexaglot` executable run as a user would: exit statuses, printed diagnostics, summary.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Fixtures.repositoryRoot.appendingPathComponent(".build/debug"),
        ]
        return candidates.map { $0.appendingPathComponent("hexaglot") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = try #require(Self.executable, "hexaglot was not built")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   errors: String(decoding: errors, as: UTF8.self))
    }

    @Test func successfulBuildPrintsASummaryAndExitsZero() throws {
        let site = try TestSite(["content/en/index.md": "Hi\n", "content/fr/a.md": "# A\n", "content/ar/a.md": "# أ\n"])
        let result = try run(["build"], in: site.root)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("built 5 pages (en 1, fr 2, ar 2), "))
        #expect(site.exists("en/index.html"))
    }

    @Test func contentErrorsArePrintedLikeACompilerAndExitOne() throws {
        let site = try TestSite([
            "content/en/a.md": "---\ntitle: A\ndraft: maybe\n---\n[x](nope.md)\n",
            "content/fr/b.md": "---\ndate: 2026-13-45\n---\nx\n",
            "content/ar/c.md": "# ج\n",
        ])
        let result = try run(["build", "--source", site.root.path], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 1)
        #expect(result.errors == """
        content/en/a.md:3:8: error: 'draft' must be true or false, got 'maybe'
            draft: maybe
                   ^
        content/en/a.md:5:1: error: link 'nope.md' leads to content/en/nope.md, which does not exist
            [x](nope.md)
            ^
        content/fr/b.md:2:7: error: 'date' is not a date: 2026-13-45 (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM)
            date: 2026-13-45
                  ^
        3 errors; nothing was written

        """)
        #expect(!site.exists("en/a/index.html"))
    }

    @Test func usageErrorsExitTwo() throws {
        let folder = FileManager.default.temporaryDirectory
        #expect(try run(["build", "--no-such-option"], in: folder).status == 2)
        #expect(try run(["build", "--source", "/nonexistent/site"], in: folder).status == 2)
        #expect(try run(["frobnicate"], in: folder).status == 2)
    }

    @Test func baseURLCanBeOverriddenForPreviews() throws {
        let site = try TestSite(["content/en/a.md": "# A\n"])
        let result = try run(["build", "--base-url", "https://preview.example.net/pr-7/"], in: site.root)
        #expect(result.status == 0)
        #expect(site.file("en/a/index.html")?.contains("href=\"/pr-7/en/a/\"") == true)
    }
}
