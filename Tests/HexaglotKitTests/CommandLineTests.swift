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

    func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try #require(Self.executable, "hexaglot was not built")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self))
    }

    @Test func successfulBuildPrintsASummaryAndExitsZero() throws {
        let site = try TestSite(["content/en/index.md": "Hi\n", "content/fr/a.md": "# A\n", "content/ar/a.md": "# أ\n"])
        let result = try run(["build"], in: site.root)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("built 5 pages (en 1, fr 2, ar 2), "))
        #expect(site.exists("en/index.html"))
    }

    /// libvips is opened only to read or encode a photo not seen before (vips_shim.c): a rebuild
    /// whose photos are all known builds without it, byte for byte the same, and a new photo
    /// without it is an error at the image, saying why.
    @Test func libvipsIsOpenedOnlyForPhotosNotSeenBefore() throws {
        let site = try ImageTests.photoSite()
        #expect(try run(["build"], in: site.root).status == 0)
        let page = try #require(site.file("en/news/visit/index.html"))
        let missing = ["HEXAGLOT_LIBVIPS": "libvips-not-installed.so.0"]
        let warm = try run(["build", "--force"], in: site.root, environment: missing)
        #expect(warm.status == 0, "\(warm.errors)")
        #expect(site.file("en/news/visit/index.html") == page)

        try site.write(Data(contentsOf: ImageTests.images.appendingPathComponent("field-visit.jpg")), to: "content/en/news/visit/second.jpg")
        let markdown = site.root.appendingPathComponent("content/en/news/visit/index.md")
        let text = String(decoding: try Data(contentsOf: markdown), as: UTF8.self)
        try site.write(text + "![The second visit](second.jpg)\n", to: "content/en/news/visit/index.md")
        let new = try run(["build"], in: site.root, environment: missing)
        #expect(new.status == 1)
        #expect(
            new.errors.contains(
                "\ncontent/en/news/visit/index.md:9:1: error: image content/en/news/visit/second.jpg cannot be read: libvips could not be "
                    + "loaded (libvips-not-installed.so.0: cannot open shared object file: No such file or directory) "
                    + "(Debian: apt-get install libvips42)\n    ![The second visit](second.jpg)\n    ^\n1 error, 2 warnings; nothing was written\n"),
            "\(new.errors)")
        #expect(site.file("en/news/visit/index.html") == page, "nothing written")
    }

    @Test func contentErrorsArePrintedLikeACompilerAndExitOne() throws {
        let site = try TestSite([
            "content/en/a.md": "---\ntitle: A\ndraft: maybe\n---\n[x](nope.md)\n",
            "content/fr/b.md": "---\ndate: 2026-13-45\n---\nx\n",
            "content/ar/c.md": "# ج\n",
        ])
        let result = try run(["build", "--source", site.root.path], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 1)
        #expect(
            result.errors == """
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

    /// A long line is shown around the column only: a 200 KB line of YAML printed whole made
    /// one error half a megabyte.
    @Test func aLongSourceLineIsShownAroundTheColumn() throws {
        let line = "title: " + String(repeating: "a", count: 5_000) + " '\u{7}"
        let site = try TestSite(["content/en/a.md": "---\n\(line)\n---\nx\n"])
        let result = try run(["build", "--source", site.root.path], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 1)
        let lines = result.errors.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let error = try #require(lines.firstIndex { $0.hasPrefix("content/en/a.md:2:5010: error: ") }, "\(result.errors)")
        try #require(lines.count > error + 2)
        // "…" and the line's last 160 characters, the column among them; the caret under it.
        #expect(lines[error + 1] == "    …" + String(repeating: "a", count: 157) + " '\u{7}")
        #expect(lines[error + 2] == "    " + String(repeating: " ", count: 160) + "^")
        #expect(result.errors.utf8.count < 1_000)
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

    @Test func outputIsByteIdenticalWhateverTheTimeZoneAndLocale() throws {
        let site = try TestSite([
            "content/en/news/a.md": "---\ntitle: A\ndate: 2026-03-01T23:30:00-05:00\ntags: [b, a]\n---\nx\n",
            "content/en/news/b.md": "---\ntitle: B\ndate: 2026-03-01\n---\ny\n",
            "content/fr/news/a.md": "---\ntitle: A\ndate: 2026-03-01\n---\nz\n",
            "content/ar/news/a.md": "---\ntitle: أ\ndate: 2026-03-02\n---\nع\n",
        ])
        let first = site.root.appendingPathComponent("out-1"), second = site.root.appendingPathComponent("out-2")
        #expect(
            try run(
                ["build", "--output", first.path], in: site.root,
                environment: ["TZ": "Asia/Shanghai", "LANG": "ar_EG.UTF-8", "LC_ALL": "ar_EG.UTF-8"]
            ).status == 0)
        #expect(
            try run(
                ["build", "--output", second.path], in: site.root,
                environment: ["TZ": "America/Los_Angeles", "LANG": "C", "LC_ALL": "C"]
            ).status == 0)
        let files = TestSite.files(below: first)
        #expect(files == TestSite.files(below: second))
        #expect(files.count > 10)
        for path in files {
            #expect(
                FileManager.default.contents(atPath: first.appendingPathComponent(path).path)
                    == FileManager.default.contents(atPath: second.appendingPathComponent(path).path), "\(path)")
        }
    }

    @Test func diagnosticsAsJSONAndGitHubAnnotationsForCI() throws {
        let site = try TestSite(["content/en/a.md": "---\ndraft: maybe\n---\nx\n", "content/fr/a.md": "# A\n", "content/ar/a.md": "# A\n"])
        let json = try run(["build", "--format", "json"], in: site.root)
        #expect(json.status == 1)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 1)
        #expect(decoded?.first?["file"] as? String == "content/en/a.md")
        #expect(decoded?.first?["line"] as? Int == 2)
        #expect(decoded?.first?["column"] as? Int == 8)
        #expect(decoded?.first?["severity"] as? String == "error")
        let github = try run(["build", "--format", "github"], in: site.root)
        #expect(github.status == 1)
        #expect(github.output == "::error file=content/en/a.md,line=2,col=8::'draft' must be true or false, got 'maybe'\n")
    }

    @Test func aRebuildWithNothingChangedLeavesTheOutputAlone() throws {
        let site = try TestSite(["content/en/a.md": "# A\n", "content/fr/a.md": "# A\n", "content/ar/a.md": "# A\n"])
        #expect(try run(["build"], in: site.root).output.hasPrefix("built "))
        let second = try run(["build"], in: site.root)
        #expect(second.status == 0)
        #expect(second.output.hasPrefix("up to date: 6 pages (en 2, fr 2, ar 2), nothing changed"))
        // A changed input builds again.
        try site.write("# A changed\n", to: "content/en/a.md")
        #expect(try run(["build"], in: site.root).output.hasPrefix("built "))
        #expect(site.file("en/a/index.html")?.contains("A changed") == true)
        // So does a changed output file: the manifest vouches only for untouched output.
        try site.write("tampered", to: "public/en/a/index.html")
        #expect(try run(["build"], in: site.root).output.hasPrefix("built "))
        #expect(site.file("en/a/index.html")?.contains("A changed") == true)
        // Nothing changed since: up to date again.
        #expect(try run(["build"], in: site.root).output.hasPrefix("up to date"))
    }

    /// GHSA-29g3-96g3-jg6c: a reference definition with a multi-line title makes cmark-gfm's
    /// output grow with the square of the input until the library calls abort(). The build
    /// says which file, exits 1 and writes nothing.
    @Test func aMarkdownLibraryAbortNamesTheFile() throws {
        let bomb = "[f]:u\n\"\n" + String(repeating: "[f]\n", count: 19_000) + "[f]:u \"t\n"
        // The abort comes after ~8 s here; a generous time limit keeps a busy machine's watchdog out of it.
        let site = try TestSite([
            "content/en/bomb.md": bomb, "content/en/ok.md": "# OK\n",
            "content/site.yaml": TestSite.siteYAML + "markdownTimeLimit: 120\n",
        ])
        try site.writePreviousOutput(["en/index.html": "previous"])
        let result = try run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(result.errors.contains("content/en/bomb.md:1:1: error: cmark-gfm aborted while rendering this file's Markdown"))
        #expect(site.file("en/index.html") == "previous")
    }
}
