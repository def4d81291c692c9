import ArgumentParser
import Foundation

/// `--source DIR`, the site folder, as every command takes it.
struct SiteFolderOption: ParsableArguments {
    @Option(name: .long, help: "The site folder (holding content/ and templates/).")
    var source: String = "."

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--source '\(source)' is not a folder")
        }
    }

    /// The folder, absolute.
    var folder: URL {
        URL(fileURLWithPath: source, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}
