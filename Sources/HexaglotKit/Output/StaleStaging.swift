import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Clears up after builds that were killed: their staging folders (`.public.new-<pid>-<n>`), a
/// retired old output (`.public.old-<pid>-<n>`, between the two renames of the fallback swap) and
/// the entries they were carrying over (`.public.new-<pid>-<n>.carried`, see `OutputCarryOver`).
/// Only leftovers of processes that no longer run are touched: a build running beside this one
/// keeps its own.
enum StaleStaging {
    static func newName(for output: String, token: String) -> String { ".\(output).new-\(token)" }
    static func retiredName(for output: String, token: String) -> String { ".\(output).old-\(token)" }
    static func journalName(forStaging staging: String) -> String { staging + ".carried" }

    /// A token naming this process: `<pid>-<random>`.
    static func token() -> String {
        "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Puts back what a killed build of `output` left half-done and removes its folders.
    static func sweep(besides output: URL) {
        let parent = output.deletingLastPathComponent().path
        let name = output.lastPathComponent
        // Only this output's leftovers are sorted: the folder holding it may hold thousands of other entries.
        let ours = ".\(name)."
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.hasPrefix(ours) }.sorted()
        let newPrefix = ".\(name).new-", oldPrefix = ".\(name).old-"
        let outputPath = output.path
        // A retired output with no output in its place: the build died between the two renames.
        if !FileManager.default.fileExists(atPath: outputPath),
            let retired = names.first(where: { $0.hasPrefix(oldPrefix) && isDead(token: $0.dropFirst(oldPrefix.count)) })
        {
            _ = rename(parent + "/" + retired, outputPath)
        }
        for entry in names
        where entry.hasPrefix(newPrefix) && !entry.hasSuffix(".carried")
            && isDead(token: entry.dropFirst(newPrefix.count))
        {
            let staging = parent + "/" + entry
            OutputCarryOver.putBack(from: staging, into: outputPath, journal: parent + "/" + journalName(forStaging: entry))
            OutputWriter.removeTree(URL(fileURLWithPath: staging))
        }
        for entry in names
        where (entry.hasPrefix(newPrefix) && entry.hasSuffix(".carried") || entry.hasPrefix(oldPrefix))
            && isDead(token: entry.dropFirst(entry.hasPrefix(oldPrefix) ? oldPrefix.count : newPrefix.count))
        {
            let path = parent + "/" + entry
            guard FileManager.default.fileExists(atPath: path) else { continue }
            OutputWriter.removeTree(URL(fileURLWithPath: path))
        }
    }

    /// Removes `<prefix><pid>…` entries of `folder` whose process is gone: the temporary outputs
    /// of a killed `serve` or `check`, and those outputs' own staging folders.
    static func sweep(temporaryOutputs prefix: String, in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() {
            let rest: Substring
            if name.hasPrefix(prefix) {
                rest = name.dropFirst(prefix.count)
            } else if name.hasPrefix("." + prefix) {
                rest = name.dropFirst(prefix.count + 1)
            } else {
                continue
            }
            guard isDead(token: rest) else { continue }
            OutputWriter.removeTree(folder.appendingPathComponent(name))
        }
    }

    /// The process named by the digits that start `token` has ended (or the token names none).
    private static func isDead(token: Substring) -> Bool {
        guard let pid = Int32(token.prefix(while: \.isNumber)), pid > 0 else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
