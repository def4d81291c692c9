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
    /// Files of the old output that this build publishes with the same bytes under the same path
    /// (photo variants, whose names carry their key): moved into the new tree with the entries
    /// and journalled with them, instead of linked while staging and unlinked with the old tree,
    /// so a warm rebuild does no per-file work twice for them.
    private(set) var reused: [String] = []
    /// `entries`, to look paths up in.
    private let entrySet: Set<String>

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
        entrySet = Set(self.entries)
    }

    /// The same entries, moving `paths` (files of the old output) over too.
    func reusing(_ paths: [String]) -> OutputCarryOver {
        var copy = self
        copy.reused = paths
        return copy
    }

    /// Whether `path` is an entry or lies below one: the old output's file there is not the build's.
    func holds(_ path: String) -> Bool {
        var candidate = Substring(path)
        while true {
            if entrySet.contains(String(candidate)) { return true }
            guard let slash = candidate.lastIndex(of: "/") else { return false }
            candidate = candidate[..<slash]
        }
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

    /// Moves every entry and reused file from `output` into `staging`, listing them in `journal`
    /// first. Returns the reused files that could not be moved (gone meanwhile): the caller writes them.
    func move(from output: String, into staging: String, journal: String) throws(FileBytes.Failure) -> [String] {
        guard !entries.isEmpty || !reused.isEmpty else { return [] }
        try FileBytes.write(Data((entries + reused).joined(separator: "\n").utf8), to: journal)
        for entry in entries {
            try Self.moveEntry(entry, from: output, to: staging)
        }
        // Each folder made once: ten variants of a photo share one, and an `mkdir` that finds the
        // folder there cost as much as the move.
        var madeFolders: Set<Substring> = []
        var missed: [String] = []
        for path in reused {
            if let slash = path.lastIndex(of: "/"), madeFolders.insert(path[..<slash]).inserted {
                try? FileBytes.makeFolder(staging + "/" + path[..<slash])
            }
            if rename(output + "/" + path, staging + "/" + path) != 0 { missed.append(path) }
        }
        return missed
    }

    /// Moves the entries and reused files back, after a swap that did not happen; false if one could not be.
    func moveBack(from staging: String, into output: String) -> Bool {
        var status = stat()
        for entry in entries + reused where lstat(staging + "/" + entry, &status) == 0 {
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

    /// The names in a folder (not `.` and `..`), or none when it cannot be read. `readdir` itself:
    /// the walk lists every folder of the old output, and Foundation's listing cost 20 ms for the
    /// 3,400 files of a site with 200 photos.
    private static func names(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
