import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entries of the old output that no earlier build wrote (`.git`, `CNAME`, a web server's
/// own files, at any depth): moved into the new tree just before the swap, so they survive the
/// build exactly as they were (a rename keeps every byte, link and time).
///
/// The moves are listed first in a journal beside the staging folder: a build killed between
/// the moves and the swap leaves them in its staging folder, and `StaleStaging` puts them back.
struct OutputCarryOver {
    /// Paths relative to the output, sorted; a folder stands for everything below it.
    let entries: [String]

    /// The entries of `output` that `previous` does not claim; the record itself is the build's own.
    init(output: String, previous: OutputRecord.Previous) {
        var entries: [String] = []
        switch previous {
        case .nothing:
            entries = Self.names(in: output).map { $0 }
        case .everythingVisible:
            entries = Self.names(in: output).filter { $0.hasPrefix(".") }
        case .recorded(let record):
            let folders = record.folders
            func walk(_ relative: String) {
                for name in Self.names(in: relative.isEmpty ? output : output + "/" + relative) {
                    let path = relative.isEmpty ? name : relative + "/" + name
                    if folders.contains(path) {
                        walk(path)
                    } else if !record.paths.contains(path) {
                        entries.append(path)
                    }
                }
            }
            walk("")
        }
        self.entries = entries.filter { $0 != OutputRecord.fileName }.sorted()
    }

    /// Entries that the new build writes too (or writes a file above): keeping one would mean
    /// losing the other, so the build stops and says which.
    func conflicts(in staging: String) -> [String] {
        entries.filter { entry in
            var status = stat()
            if lstat(staging + "/" + entry, &status) == 0 { return true }
            var parent = Substring(entry)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                if lstat(staging + "/" + parent, &status) == 0 { return status.st_mode & S_IFMT != S_IFDIR }
            }
            return false
        }
    }

    /// Moves every entry from `output` into `staging`, listing them in `journal` first.
    func move(from output: String, into staging: String, journal: String) throws(FileBytes.Failure) {
        guard !entries.isEmpty else { return }
        try FileBytes.write(Data(entries.joined(separator: "\n").utf8), to: journal)
        for entry in entries {
            try Self.moveEntry(entry, from: output, to: staging)
        }
    }

    /// Moves the entries back, after a swap that did not happen; false if one could not be.
    func moveBack(from staging: String, into output: String) -> Bool {
        var status = stat()
        for entry in entries where lstat(staging + "/" + entry, &status) == 0 {
            guard (try? Self.moveEntry(entry, from: staging, to: output)) != nil else { return false }
        }
        return true
    }

    /// After a killed build: every journalled entry still in `staging` and missing from `output`
    /// goes back to `output`.
    static func putBack(from staging: String, into output: String, journal: String) {
        guard let data = FileManager.default.contents(atPath: journal) else { return }
        for entry in String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        where OutputWriter.problem(inPath: entry) == nil {
            var status = stat()
            guard lstat(staging + "/" + entry, &status) == 0, lstat(output + "/" + entry, &status) != 0 else { continue }
            try? moveEntry(entry, from: staging, to: output)
        }
        FileBytes.remove(journal)
    }

    private static func moveEntry(_ entry: String, from source: String, to target: String) throws(FileBytes.Failure) {
        if let slash = entry.lastIndex(of: "/") { try FileBytes.makeFolder(target + "/" + entry[..<slash]) }
        guard rename(source + "/" + entry, target + "/" + entry) == 0 else {
            throw FileBytes.Failure(path: source + "/" + entry, code: errno)
        }
    }

    /// The names in a folder (not `.` and `..`), or none when it cannot be read.
    private static func names(in folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }
}
