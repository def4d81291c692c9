import Foundation

/// Earlier versions of a source page, from the site's git history. A translation made by hand
/// records only the hash of the source body it was made from (`translatedFrom`); Hexaglot keeps
/// no copy of that body, and git is the one place it may still be. Nil whenever it cannot be
/// had (git not installed, the site not in a repository, that version never committed): then
/// the caller must not guess which blocks changed.
enum SourceHistory {
    /// Commits searched, newest first: enough for any page's life, bounded for a huge history.
    static let commitLimit = 500

    /// The text of `file` (relative to `siteFolder`), byte order mark removed and line ends as
    /// LF, as it was in the newest commit whose body has the hash `bodyHash`.
    static func text(of file: String, bodyHash: String, siteFolder: URL) -> String? {
        guard
            let log = git(
                ["log", "--follow", "-n", String(commitLimit), "--format=%H", "--name-only", "--", file], in: siteFolder)
        else { return nil }
        // `--name-only` lists, after each commit id, the file's path at that commit from the
        // top of the repository (renames followed), which is what `<commit>:<path>` needs.
        var commit: String?
        for line in String(decoding: log, as: UTF8.self).split(separator: "\n").map(String.init) {
            // A commit id: 40 hexadecimal digits (SHA-1), or 64 in a SHA-256 repository.
            if line.count == 40 || line.count == 64, line.allSatisfy(\.isHexDigit) {
                commit = line
                continue
            }
            // `cat-file blob`, not `show`: plumbing that runs no textconv filter of the repository's.
            guard let commit, let data = git(["cat-file", "blob", "\(commit):\(line)"], in: siteFolder) else { continue }
            let text = TranslationExporter.normalizedSource(data)
            let body = (try? FrontMatterSplitter().split(text, file: file).body) ?? text
            if TranslationRecord.hash(ofBody: body) == bodyHash { return text }
        }
        return nil
    }

    /// Standard output of a git command run in `folder`, or nil when it fails or git is missing.
    private static func git(_ arguments: [String], in folder: URL) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Reading history runs no hook; no fsmonitor daemon either, whatever the repository's config says.
        process.arguments = ["git", "-C", folder.path, "-c", "core.fsmonitor=false"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
