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
    /// Folders of the old output that hold exactly reused files and the new tree nothing else
    /// (`img/`, the photos' variants, when no photo changed): each moved with one rename, so a
    /// warm rebuild costs the same with two thousand variants as with none.
    private(set) var wholeFolders: [String] = []
    /// `entries`, to look paths up in.
    private let entrySet: Set<String>
    /// The summary of the old output's variant folder when it holds exactly the files the
    /// record lists there: then no entry lies in it.
    private var ownedWhole: FolderSummary?
    /// The paths given to `reusing`, for the files of a whole folder that could not be moved.
    private var reusedPaths: [String] = []

    /// The entries of `output` that `previous` does not claim; the record itself is the build's own.
    init(output: String, previous: OutputRecord.Previous) {
        var entries: [String] = []
        var owned: FolderSummary?
        switch previous {
        case .nothing:
            entries = Self.names(in: output).map { $0 }
        case .everythingVisible:
            entries = Self.names(in: output).filter { $0.hasPrefix(".") }
        case .recorded(var record):
            // The old variant folder holding exactly the files the record summarises is the
            // build's through and through: one listing instead of a lookup for each name.
            let summarized = OutputRecord.summarizedFolder
            if let summary = record.summary {
                if FolderSummary.ofRegularFiles(in: output + "/" + summarized) == summary {
                    owned = summary
                } else {
                    record = record.complete
                }
            }
            let folders = record.folders
            func walk(_ relative: String) {
                let folder = relative.isEmpty ? output : output + "/" + relative
                for (name, type) in Self.typedNames(in: folder) {
                    let path = relative.isEmpty ? name : relative + "/" + name
                    if owned != nil, path == summarized { continue }
                    if folders.contains(path) {
                        walk(path)
                    } else if !record.paths.contains(path) || Self.isFolder(type, folder + "/" + name) {
                        // A folder where the build wrote a file is someone else's: kept, and
                        // a conflict if the build writes there again.
                        entries.append(path)
                    }
                }
            }
            walk("")
        }
        self.entries = entries.filter { $0 != OutputRecord.fileName }.sorted()
        entrySet = Set(self.entries)
        ownedWhole = owned
    }

    /// The same entries, moving `paths` (files the old output holds with the same bytes) over
    /// too: whole folders where the old output's folder holds those files and nothing else and the
    /// new tree in `staging` has nothing there yet, one by one elsewhere. Only a file an earlier
    /// build wrote is taken; the paths of the others (not there, or not the build's) are returned
    /// for the caller to write.
    /// `summary`: that of every file the build publishes directly in the summarised folder. While
    /// the new tree has nothing there, each of those is one of `paths` (any other would have been
    /// written into it already), so it is theirs too.
    func reusing(_ paths: [String], output: String, staging: String, summary: FolderSummary) -> (OutputCarryOver, notMovable: Set<String>) {
        var copy = self
        copy.reusedPaths = paths
        var whole: Set<Substring> = []
        let summarized = OutputRecord.summarizedFolder
        var status = stat()
        // The same variants as last time, and the old folder holds just those: moved whole
        // without looking at each of them.
        let summarizedIsWhole =
            ownedWhole != nil && lstat(staging + "/" + summarized, &status) != 0 && errno == ENOENT && summary == ownedWhole
        if summarizedIsWhole { whole.insert(Substring(summarized)) }
        // Any other folder of reused files alone (a search index's version folder taken from its
        // cache: ten thousand files for Chinese, each renamed on its own before).
        var byFolder: [Substring: Set<Substring>] = [:]
        for path in paths where !summarizedIsWhole || !FolderSummary.lies(path, directlyIn: summarized) {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
            byFolder[path[..<slash], default: []].insert(path[path.utf8.index(after: slash)...])
        }
        for (folder, names) in byFolder where isOnlyReused(String(folder), names, output: output, staging: staging) {
            whole.insert(folder)
        }
        copy.wholeFolders = whole.map(String.init).sorted()
        var rest: [String] = []
        var notMovable: Set<String> = []
        let onlySummarized = whole == [Substring(summarized)]
        for path in paths {
            if onlySummarized {
                if FolderSummary.lies(path, directlyIn: summarized) { continue }
            } else if !whole.isEmpty, let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), whole.contains(path[..<slash]) {
                continue
            }
            var old = stat()
            if !holds(path), lstat(output + "/" + path, &old) == 0, old.st_mode & S_IFMT == S_IFREG {
                rest.append(path)
            } else {
                notMovable.insert(path)
            }
        }
        copy.reused = rest
        return (copy, notMovable)
    }

    /// Whether `folder` of the old output holds exactly `names`, all regular files the build wrote
    /// (no entry of the carry-over lies in it), and the new tree has nothing at that path.
    private func isOnlyReused(_ folder: String, _ names: Set<Substring>, output: String, staging: String) -> Bool {
        var status = stat()
        guard lstat(staging + "/" + folder, &status) != 0, errno == ENOENT else { return false }
        guard !holds(folder), !entries.contains(where: { $0.hasPrefix(folder + "/") }) else { return false }
        guard lstat(output + "/" + folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return false }
        var count = 0
        let listed = Self.forEachName(in: output + "/" + folder) { name, type in
            count += 1
            if type == UInt8(DT_REG) { return names.contains(Substring(name)) }
            guard type == UInt8(DT_UNKNOWN), names.contains(Substring(name)) else { return false }
            return lstat(output + "/" + folder + "/" + name, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        }
        return listed && count == names.count
    }

    /// Whether `path` is an entry or lies below one: the old output's file there is not the build's.
    func holds(_ path: String) -> Bool {
        guard !entrySet.isEmpty else { return false }
        var candidate = Substring(path)
        while true {
            if entrySet.contains(String(candidate)) { return true }
            guard let slash = candidate.utf8.lastIndex(of: UInt8(ascii: "/")) else { return false }
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

    /// Moves every entry, whole folder and reused file from `output` into `staging`, listing them
    /// in `journal` first. Returns the reused files that could not be moved (gone meanwhile, or
    /// in a folder that could not be): the caller writes them; and the folders moved whole.
    func move(from output: String, into staging: String, journal: String) throws(FileBytes.Failure) -> (
        missed: [String], movedFolders: [String]
    ) {
        guard !entries.isEmpty || !reused.isEmpty || !wholeFolders.isEmpty else { return ([], []) }
        try FileBytes.write(Data((entries + wholeFolders + reused).joined(separator: "\n").utf8), to: journal)
        for entry in entries {
            try Self.moveEntry(entry, from: output, to: staging)
        }
        var missed: [String] = []
        var movedFolders: [String] = []
        for folder in wholeFolders {
            if (try? Self.moveEntry(folder, from: output, to: staging)) != nil {
                movedFolders.append(folder)
            } else {
                missed += reusedPaths.filter { $0.hasPrefix(folder + "/") && !$0.dropFirst(folder.count + 1).contains("/") }
            }
        }
        // Each folder made once: ten variants of a photo share one, and an `mkdir` that finds the
        // folder there cost as much as the move.
        var madeFolders: Set<Substring> = []
        for path in reused {
            if let slash = path.lastIndex(of: "/"), madeFolders.insert(path[..<slash]).inserted {
                try? FileBytes.makeFolder(staging + "/" + path[..<slash])
            }
            if rename(output + "/" + path, staging + "/" + path) != 0 { missed.append(path) }
        }
        return (missed, movedFolders)
    }

    /// Moves the entries, the folders moved whole (`movedFolders`) and the reused files back,
    /// after a swap that did not happen; false if one could not be.
    func moveBack(from staging: String, into output: String, movedFolders: [String]) -> Bool {
        var status = stat()
        for entry in entries + movedFolders + reused where lstat(staging + "/" + entry, &status) == 0 {
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
        var names: [String] = []
        _ = forEachName(in: folder) { name, _ in
            names.append(name)
            return true
        }
        return names
    }

    /// The names in a folder with their `d_type`, as `names(in:)`.
    private static func typedNames(in folder: String) -> [(String, UInt8)] {
        var names: [(String, UInt8)] = []
        _ = forEachName(in: folder) { name, type in
            names.append((name, type))
            return true
        }
        return names
    }

    /// Whether an entry of type `type` (a `d_type`) at `path` is a folder.
    private static func isFolder(_ type: UInt8, _ path: String) -> Bool {
        if type == UInt8(DT_DIR) { return true }
        guard type == UInt8(DT_UNKNOWN) else { return false }
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// Calls `body` with each name in `folder` (not `.` and `..`) and its `d_type`, until it
    /// returns false; false then, or when the folder cannot be read.
    private static func forEachName(in folder: String, _ body: (String, UInt8) -> Bool) -> Bool {
        FileBytes.forEachName(in: folder, body)
    }
}
