import Foundation

/// The list of files a build wrote, kept in the output folder (`.hexaglot-written`) so that it
/// travels with the folder (a `gh-pages` worktree, a deploy copy): the next build replaces or
/// removes exactly those files and leaves everything else in the folder as it found it.
///
/// One path a line, `/`-separated and sorted, after a comment line: the same site gives the same
/// bytes, so the file does not break a byte-for-byte comparison of two builds.
struct OutputRecord: Equatable, Sendable {
    static let fileName = ".hexaglot-written"
    private static let header = "# Files written by hexaglot build; the next build replaces or removes only these. Keep this file with the site."

    /// What the folder held before this build, as far as the build may change it.
    enum Previous: Equatable, Sendable {
        /// A folder that does not exist or is empty.
        case nothing
        /// The files an earlier build recorded.
        case recorded(OutputRecord)
        /// Everything but the hidden entries at the top (`.git`, `.nojekyll`): a folder written by
        /// a Hexaglot build from before the record, or one the user lets the build clean.
        case everythingVisible
    }

    var paths: Set<String>

    /// The folders the recorded files lie in (`zh`, `zh/news`), to walk only through those.
    var folders: Set<String> {
        var folders: Set<String> = []
        for path in paths {
            // By bytes: `lastIndex(of:)` on characters was most of the walk of the old output.
            var rest = Substring(path)
            while let slash = rest.utf8.lastIndex(of: UInt8(ascii: "/")) {
                rest = rest[..<slash]
                guard folders.insert(String(rest)).inserted else { break }
            }
        }
        return folders
    }

    static func read(in folder: String) -> OutputRecord? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName),
            let text = String(data: data, encoding: .utf8), text.hasPrefix("# ")
        else { return nil }
        // Lines split on bytes: on characters, reading the record of a site with 2,000 photo
        // variants cost more than the walk it guides.
        let paths = text.utf8.split(separator: UInt8(ascii: "\n")).dropFirst().map { String(decoding: $0, as: UTF8.self) }
            .filter { !$0.isEmpty && OutputWriter.problem(inPath: $0) == nil }
        return OutputRecord(paths: Set(paths))
    }

    var bytes: Data {
        Data(([Self.header] + paths.sorted()).joined(separator: "\n").utf8 + [UInt8(ascii: "\n")])
    }
}
