import Foundation

/// Writes a built site so that readers never see half of it, a failed build changes nothing, and
/// nothing the build did not write is lost.
///
/// Files go into a fresh staging folder beside the output (as they are rendered, see
/// `OutputStaging`); only when all are written and every path checked is it swapped in
/// (`FolderSwap`). Files whose bytes did not change keep their modification time, so deploy tools
/// copy only what changed. Entries of the old output that no build wrote (`.git` of a deploy
/// repository, `CNAME`) are moved into the new tree first (`OutputCarryOver`); the new tree's
/// `OutputRecord` says which files the next build may replace.
public struct OutputWriter: Sendable {
    public var output: URL
    /// What the output held before, as far as this build may change it.
    var previous: OutputRecord.Previous = .nothing

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// The writer of a checked output folder (see `OutputFolder`).
    init(folder: OutputFolder) {
        output = URL(fileURLWithPath: folder.path)
        previous = folder.previous
    }

    /// Replaces files of the output one by one, each atomically: for `serve`'s page updates,
    /// whose files all exist from the last full build.
    func replace(_ files: [OutputFile]) throws(BuildFailure) {
        let root = output.path
        do {
            for file in files {
                guard case .bytes(let data) = file.contents else { continue }
                try FileBytes.replace(root + "/" + file.path, with: data)
            }
        } catch {
            throw failure(error)
        }
    }

    /// Adds files an in-place update publishes for the first time (a new search index folder),
    /// recording them so the next build replaces them.
    func add(_ files: [OutputFile]) throws(BuildFailure) {
        guard !files.isEmpty else { return }
        let root = output.path
        do {
            for file in files {
                guard case .bytes(let data) = file.contents else { continue }
                let path = root + "/" + file.path
                if let slash = path.lastIndex(of: "/") { try FileBytes.makeFolder(String(path[..<slash])) }
                try FileBytes.replace(path, with: data)
            }
        } catch {
            throw failure(error)
        }
        try updateRecord { $0.formUnion(files.map(\.path)) }
    }

    /// Removes files an in-place update no longer publishes, and their folders once empty.
    func remove(_ paths: [String]) throws(BuildFailure) {
        guard !paths.isEmpty else { return }
        let root = output.path
        for path in paths {
            FileBytes.remove(root + "/" + path)
            if let slash = path.lastIndex(of: "/") { _ = rmdir(root + "/" + path[..<slash]) }
        }
        try updateRecord { $0.subtract(paths) }
    }

    private func updateRecord(_ change: (inout Set<String>) -> Void) throws(BuildFailure) {
        guard var record = OutputRecord.read(in: output.path)?.complete else { return }
        change(&record.paths)
        do {
            try FileBytes.replace(output.path + "/" + OutputRecord.fileName, with: record.bytes)
        } catch {
            throw failure(error)
        }
    }

    /// A fresh staging folder to write files into before `commit`, once the leftovers of killed
    /// builds of the same output are cleared up.
    public func stage() throws(BuildFailure) -> OutputStaging {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let token = StaleStaging.token()
        let folder = parent.appendingPathComponent(StaleStaging.newName(for: name, token: token))
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            StaleStaging.sweep(besides: output)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw failure(error)
        }
        return OutputStaging(
            writer: self, folder: folder,
            retired: parent.appendingPathComponent(StaleStaging.retiredName(for: name, token: token)))
    }

    /// Every path problem of the site's files: paths that would leave the output folder, and two
    /// files (in any letter case) on one path.
    func problems(in files: [OutputFile]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen: [String: String] = [:]
        seen.reserveCapacity(files.count)
        for file in files {
            if let problem = Self.problem(inPath: file.path) {
                problems.append(.error("output path '\(file.path)' \(problem)", at: SourceLocation(file: file.origin)))
            }
            // Lowercased once, and only when it changes something: most paths are lowercase ASCII
            // (every photo variant), and lowercasing each twice was most of this check.
            var path = file.path
            let folded = path.withUTF8 { $0.contains { $0 &- 0x41 < 26 || $0 >= 0x80 } } ? file.path.lowercased() : file.path
            if let other = seen.updateValue(file.origin, forKey: folded) {
                problems.append(.error("\(file.origin) and \(other) would both be written to \(file.path)", at: SourceLocation(file: file.origin)))
            }
        }
        return problems
    }

    /// Replaces the output with the staging folder, carrying over what no build wrote; the old
    /// tree is removed after. `files` are the site's files (their origins name conflicts);
    /// `reused`, files not written yet that the old output holds with the same bytes: each is
    /// moved from the old tree when it is there and the build's own, else handed to `write`;
    /// `variantFolder`, the old output's variant folder, moved whole (or, when it changed since
    /// the build started, its files made from the cache and handled as `reused`).
    func swapIn(
        _ staging: URL, retiring retired: URL, files: [OutputFile], reusing reused: [OutputFile] = [],
        variantFolder: ReusedVariantFolder? = nil, write: (OutputFile) throws -> Void = { _ in }
    ) throws {
        let stagingPath = staging.path, outputPath = output.path
        var reused = reused
        /// The variant folder's files, for when it cannot be moved whole after all.
        func variantFiles() throws -> [OutputFile] {
            guard let result = variantFolder?.files() else { return [] }
            if !result.problems.isEmpty { throw BuildFailure(diagnostics: result.problems) }
            return result.files
        }
        let summary = variantFolder?.summary ?? FolderSummary(paths: files.lazy.map(\.path), directlyIn: OutputRecord.summarizedFolder)
        var previousRecord: OutputRecord?
        if case .recorded(let record) = previous { previousRecord = record }
        try FileBytes.write(
            OutputRecord.bytes(of: files.lazy.map(\.path), summary: summary, previous: previousRecord),
            to: stagingPath + "/" + OutputRecord.fileName)
        var status = stat()
        guard lstat(outputPath, &status) == 0 else {
            try Self.writeAll(reused + variantFiles(), write)
            try FileManager.default.moveItem(at: staging, to: output)
            return
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw BuildFailure(diagnostics: [.error("output \(outputPath) exists and is not a folder", at: nil)], kind: .usage)
        }
        var carried = OutputCarryOver(output: outputPath, previous: previous)
        // Only a file an earlier build wrote is taken; one that is not there, or not the build's
        // (then the conflict below says so, as it always did), is written as any other file.
        var notMovable: Set<String>
        (carried, notMovable) = carried.reusing(reused.map(\.path), output: outputPath, staging: stagingPath, summary: summary)
        if variantFolder != nil, !carried.wholeFolders.contains(OutputRecord.summarizedFolder) {
            // The old folder changed since the build started: its files one by one, as without it.
            reused += try variantFiles()
            (carried, notMovable) = carried.reusing(reused.map(\.path), output: outputPath, staging: stagingPath, summary: summary)
        }
        try Self.writeAll(notMovable.isEmpty ? [] : reused.filter { notMovable.contains($0.path) }, write)
        let conflicts = carried.conflicts(in: stagingPath)
        guard conflicts.isEmpty else {
            let origins = Dictionary(files.map { ($0.path, $0.origin) }, uniquingKeysWith: { first, _ in first })
            throw BuildFailure(
                diagnostics: conflicts.map { entry in
                    let origin = origins[entry] ?? origins.first { entry.hasPrefix($0.key + "/") }?.value
                    return .error(
                        "\(outputPath)/\(entry) was not written by a Hexaglot build, and this build writes "
                            + "\(origin.map { "\($0) " } ?? "")there: move or delete it (nothing was changed)",
                        at: origin.map { SourceLocation(file: $0) })
                })
        }
        let journal = staging.deletingLastPathComponent().path + "/" + StaleStaging.journalName(forStaging: staging.lastPathComponent)
        var movedFolders: [String] = []
        do {
            let moved = try carried.move(from: outputPath, into: stagingPath, journal: journal)
            movedFolders = moved.movedFolders
            let missed = Set(moved.missed)
            try Self.writeAll(missed.isEmpty ? [] : reused.filter { missed.contains($0.path) }, write)
            if variantFolder != nil, carried.wholeFolders.contains(OutputRecord.summarizedFolder),
                !movedFolders.contains(OutputRecord.summarizedFolder)
            {
                try Self.writeAll(variantFiles(), write)
            }
            _ = chmod(stagingPath, status.st_mode & 0o7777)
            try FolderSwap.exchange(stagingPath, with: outputPath, retired: retired.path)
        } catch {
            // While the journal is there, the staging folder is not removed (`OutputStaging.discard`).
            if carried.moveBack(from: stagingPath, into: outputPath, movedFolders: movedFolders) { FileBytes.remove(journal) }
            throw error
        }
        FileBytes.remove(journal)
        // The staging path now holds the old tree.
        Self.removeTree(staging)
    }

    /// Writes `files` on every core (a search index restored from the cache into a fresh output
    /// is thousands of them), throwing the first failure.
    private static func writeAll(_ files: [OutputFile], _ write: (OutputFile) throws -> Void) throws {
        let failures = files.parallelMap { file -> Error? in
            do { try write(file) } catch { return error }
            return nil
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Removes a folder tree, its top-level entries (the languages' folders) on every core:
    /// unlinking the old site's ten thousand files was most of the write stage.
    static func removeTree(_ folder: URL) {
        let manager = FileManager.default
        let path = folder.path
        let names = (try? manager.contentsOfDirectory(atPath: path)) ?? []
        _ = names.parallelMap { try? manager.removeItem(atPath: path + "/" + $0) }
        try? manager.removeItem(at: folder)
    }

    func failure(_ error: Error) -> BuildFailure {
        if let failure = error as? BuildFailure { return failure }
        return BuildFailure(diagnostics: [.error("cannot write the site to \(output.path): \(error.localizedDescription)", at: nil)])
    }

    /// Why a relative output path could land outside the output folder, or nil.
    static func problem(inPath path: String) -> String? {
        // Bytes, not characters: "/" + a combining mark is still a separator on disk. One pass
        // without copies: every file of the site is checked, twice.
        var path = path
        return path.withUTF8 { bytes -> String? in
            if bytes.isEmpty || bytes[0] == UInt8(ascii: "/") { return "must be relative" }
            if bytes.contains(0) { return "contains a NUL character" }
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                let length = end - start
                if length == 0 || length <= 2 && bytes[start..<end].allSatisfy({ $0 == UInt8(ascii: ".") }) {
                    return "has an empty, '.' or '..' part"
                }
                start = end + 1
            }
            return nil
        }
    }
}
