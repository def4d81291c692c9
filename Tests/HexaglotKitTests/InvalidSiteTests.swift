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
        try site.write("previous build\n", to: "public/en/index.html")

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
    }
}
