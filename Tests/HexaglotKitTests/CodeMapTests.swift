import Foundation
import Testing

/// The README's "Layout of the code" stays a map of the folders that exist.
@Suite struct CodeMapTests {
    @Test func readmeNamesEveryFolderOfSources() throws {
        let root = Fixtures.repositoryRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n## Layout of the code\n"))
        let rest = readme[start.upperBound...]
        let map = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
        let sources = root.appendingPathComponent("Sources")
        var unnamed: [String] = []
        for target in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() {
            let targetURL = sources.appendingPathComponent(target)
            if !map.contains("`Sources/\(target)`") { unnamed.append("Sources/" + target) }
            for folder in try FileManager.default.contentsOfDirectory(atPath: targetURL.path).sorted() {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: targetURL.appendingPathComponent(folder).path, isDirectory: &isFolder),
                    isFolder.boolValue
                else { continue }
                if !map.contains("`\(folder)`") && !map.contains("`\(folder)/") { unnamed.append("Sources/\(target)/\(folder)") }
            }
        }
        #expect(unnamed.isEmpty, "README, \"Layout of the code\", does not name: \(unnamed.joined(separator: ", "))")
    }
}
