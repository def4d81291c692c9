import Foundation
import Testing

@testable import HexaglotKit

/// A small three-language fixture site (Fixtures/golden/site) built and compared byte for
/// byte with its expected output (Fixtures/golden/expected). After an intended change, run
/// `HEXAGLOT_RECORD=1 swift test --filter GoldenSiteTests` and review the diff.
@Suite struct GoldenSiteTests {
    @Test func fixtureSiteMatchesItsGoldenOutput() async throws {
        let golden = Fixtures.folder.appendingPathComponent("golden")
        let site = try TestSite(copying: golden.appendingPathComponent("site"))
        try await site.build()
        let expectedFolder = golden.appendingPathComponent("expected")
        if Fixtures.recording {
            try? FileManager.default.removeItem(at: expectedFolder)
            try FileManager.default.copyItem(at: site.output, to: expectedFolder)
        }
        let expected = TestSite.files(below: expectedFolder)
        #expect(TestSite.files(below: site.output) == expected)
        for path in expected {
            let actual = FileManager.default.contents(atPath: site.output.appendingPathComponent(path).path)
            let wanted = FileManager.default.contents(atPath: expectedFolder.appendingPathComponent(path).path)
            #expect(actual == wanted, "\(path) differs from the golden output")
        }
    }
}

extension TestSite {
    static func files(below folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files.append(path) }
        }
        return files.sorted()
    }
}
