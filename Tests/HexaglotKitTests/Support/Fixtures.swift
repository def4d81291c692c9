import Foundation

/// The fixture folders beside the tests, found from this source file's path.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Set HEXAGLOT_RECORD=1 to rewrite expected outputs from the current build (then review the diff).
    static var recording: Bool { ProcessInfo.processInfo.environment["HEXAGLOT_RECORD"] == "1" }

    static func subfolders(of name: String) -> [String] {
        let url = folder.appendingPathComponent(name)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}
