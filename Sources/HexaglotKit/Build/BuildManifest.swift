import Foundation

/// Lets a build that would change nothing finish at once (the no-op rebuild): a small manifest,
/// kept in the user's cache folder (not in the output, which stays byte-for-byte deterministic),
/// records what produced the output folder: the sizes and times of every input file, the
/// build options, the hexaglot binary, and the sizes and times of every output file. When all
/// of those are as they were, and no page dated in the future has come due, the output is what
/// a full build would write, so it is left untouched.
struct BuildManifest: Codable, Equatable {
    /// `~/.cache/hexaglot/<hash of the output path>.json` (or the system's caches folder).
    static func location(for output: URL) -> URL {
        let caches =
            FileManager.default.urls(for: .cachesDirectory, in: .userDomainMask).first
            ?? FileManager.default.temporaryDirectory
        var hasher = StableHasher()
        hasher.combine(output.standardizedFileURL.path)
        return caches.appendingPathComponent("hexaglot").appendingPathComponent(String(hasher.value, radix: 16) + ".json")
    }

    var inputs: UInt64
    var outputs: UInt64
    /// The earliest date of a page left out for being in the future: the output is stale from then.
    var validUntil: Date?
    var pagesPerLanguage: [String]
    var pageCounts: [Int]
    /// The warnings of the build that wrote the output: a no-op rebuild prints them again, as
    /// a full build would (nil in manifests written before they were kept: those never match).
    var warnings: [StoredDiagnostic]?
    /// Output folders the build writes whole and names by a hash of what they hold (search
    /// indexes' version folders), relative to the output: `outputs` stamps each by the folder's
    /// own entry (its inode and time, which change when a file is added, removed or renamed in
    /// it), not file by file. A large site's index is thousands of files: stat-ing each was a
    /// third of the no-op rebuild. A file rewritten in place inside one is not noticed (`--force`).
    var sealedFolders: [String]?

    /// Whether the output folder is as this build left it.
    func matchesOutput(_ output: URL) -> Bool {
        outputs == Self.outputsHash(output, sealed: sealedFolders ?? [])
    }

    /// A warning as the manifest keeps it.
    struct StoredDiagnostic: Codable, Equatable {
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var isWholeFile: Bool?

        init(_ diagnostic: Diagnostic) {
            message = diagnostic.message
            file = diagnostic.location?.file
            line = diagnostic.location?.line
            column = diagnostic.location?.column
            isWholeFile = diagnostic.location?.isWholeFile
        }

        var diagnostic: Diagnostic {
            let location = file.map { file in
                isWholeFile == true ? SourceLocation(file: file) : SourceLocation(file: file, line: line ?? 1, column: column ?? 1)
            }
            return .warning(message, at: location)
        }
    }

    static func read(from output: URL) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: location(for: output).path) else { return nil }
        return try? JSONDecoder().decode(BuildManifest.self, from: data)
    }

    func write(to output: URL) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let file = Self.location(for: output)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? encoder.encode(self).write(to: file, options: .atomic)
    }

    /// A hash of the options and of every input file's path, size and modification time.
    static func inputsHash(_ options: BuildOptions) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(options.baseURL ?? "")
        hasher.combine((options.includeDrafts ? 1 : 0) + (options.includeFuture ? 2 : 0))
        hasher.combine(options.maximumPageBytes)
        hasher.combine(String(options.markdownTimeLimit))
        hasher.combine(options.output.path)
        if let binary = Bundle.main.executableURL { stamp(binary.path, into: &hasher) }
        for folder in [options.source.appendingPathComponent("content"), options.templates] {
            stampTree(folder, sealed: [], into: &hasher)
        }
        return hasher.value
    }

    /// A hash of every output file's path, size and modification time (hidden entries aside),
    /// the `sealed` folders (relative paths) by their own entry.
    static func outputsHash(_ output: URL, sealed: [String] = []) -> UInt64 {
        var hasher = StableHasher()
        let root = output.path
        stampTree(output, sealed: Set(sealed.map { root + "/" + $0 }), into: &hasher)
        return hasher.value
    }

    /// Walks the tree with readdir and stat: Foundation's resource values cost ~100 µs a file,
    /// which would make the no-op check as slow as a small build.
    private static func stampTree(_ folder: URL, sealed: Set<String>, into hasher: inout StableHasher) {
        var entries: [(String, Int, Int)] = []
        var visited: Set<FolderID> = []
        var listed: [(path: String, id: FolderID)]? = []
        collect(folder.path, into: &entries, visited: &visited, sealed: sealed, depth: 0, folders: &listed)
        let folders = listed ?? [], seen = visited
        // The top folder's folders (a site's languages) are walked side by side: one after
        // another, stat-ing every file of the output was a serial tenth of a second at the end of
        // each build. Each walk has its own loop check, so the result does not depend on timing.
        entries += folders.parallelMap { folder in
            var entries: [(String, Int, Int)] = []
            var visited = seen
            var deeper: [(path: String, id: FolderID)]? = nil
            collect(folder.path, into: &entries, visited: &visited, sealed: sealed, depth: 1, folders: &deeper)
            return entries
        }.joined()
        // Directory order is the file system's: sort so the hash is not.
        for (path, size, time) in entries.sorted(by: { $0.0 < $1.0 }) {
            hasher.combine(path)
            hasher.combine(size)
            hasher.combine(time)
        }
    }

    /// Every entry counts, not only regular files: a FIFO, socket, device or broken link is an
    /// error or warning of the full build, so adding one must make the next build a real one.
    /// Each folder is walked once (by device and inode), so a link loop cannot make this endless.
    /// With `folders`, the folders found are listed there instead of walked.
    private static func collect(
        _ path: String, into entries: inout [(String, Int, Int)], visited: inout Set<FolderID>, sealed: Set<String>, depth: Int,
        folders: inout [(path: String, id: FolderID)]?
    ) {
        guard depth < 64, let directory = opendir(path) else { return }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(directory)
        // Sorted, so which path reaches a folder first (its own or a link) does not depend on
        // the file system's order.
        for name in names.sorted() {
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                // Where it leads counts too: pointing a link elsewhere changes what is published.
                entries.append((child + " -> " + (ContainedFile.resolvedPath(child) ?? ""), -2, 0))
                guard stat(child, &info) == 0 else { continue }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard visited.insert(FolderID(info)).inserted else { break }
                if sealed.contains(child) {
                    entries.append((child + "/", Int(info.st_ino), Self.nanoseconds(info.modificationTime)))
                } else if folders != nil {
                    folders?.append((child, FolderID(info)))
                } else {
                    collect(child, into: &entries, visited: &visited, sealed: sealed, depth: depth + 1, folders: &folders)
                }
            case S_IFREG:
                entries.append((child, Int(info.st_size), Self.nanoseconds(info.modificationTime)))
            default:
                entries.append((child, -1, Int(info.st_mode & S_IFMT)))
            }
        }
    }

    private static func nanoseconds(_ time: timespec) -> Int { Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec) }

    private static func stamp(_ path: String, into hasher: inout StableHasher) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        hasher.combine(path)
        hasher.combine((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        hasher.combine(String((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0))
    }
}
