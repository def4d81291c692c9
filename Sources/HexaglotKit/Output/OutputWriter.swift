import Foundation

/// Writes a built site so that readers never see half of it and a failed build changes nothing.
///
/// Files go into a fresh staging folder beside the output (as they are rendered, see
/// `OutputStaging`); only when all are written and every path checked is it swapped in with two
/// renames. Files whose bytes did not change keep their modification time, so deploy tools copy
/// only what changed. Hidden entries at the top of the old output (`.git` of a deploy
/// repository, `.gitkeep`) are carried over.
public struct OutputWriter: Sendable {
    public var output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// Writes `files` in one go: stage, then commit.
    public func write(_ files: [OutputFile]) throws(BuildFailure) {
        try stage().commit(files)
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

    /// A fresh staging folder to write files into before `commit`.
    public func stage() throws(BuildFailure) -> OutputStaging {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let folder = parent.appendingPathComponent(".\(name).new-\(token)")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw failure(error)
        }
        return OutputStaging(writer: self, folder: folder, retired: parent.appendingPathComponent(".\(name).old-\(token)"))
    }

    /// Every path problem of the site's files: paths that would leave the output folder, and two
    /// files (in any letter case) on one path.
    func problems(in files: [OutputFile]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen: [String: String] = [:]
        for file in files {
            if let problem = Self.problem(inPath: file.path) {
                problems.append(.error("output path '\(file.path)' \(problem)", at: SourceLocation(file: file.origin)))
            }
            if let other = seen[file.path.lowercased()] {
                problems.append(.error("\(file.origin) and \(other) would both be written to \(file.path)", at: SourceLocation(file: file.origin)))
            }
            seen[file.path.lowercased()] = file.origin
        }
        return problems
    }

    /// Replaces the output with the staging folder: two renames, the old tree removed after.
    func swapIn(_ staging: URL, retiring retired: URL) throws {
        let manager = FileManager.default
        try carryOverHiddenEntries(into: staging)
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw BuildFailure(diagnostics: [.error("output \(output.path) exists and is not a folder", at: nil)])
            }
            try manager.moveItem(at: output, to: retired)
            do {
                try manager.moveItem(at: staging, to: output)
            } catch {
                try? manager.moveItem(at: retired, to: output)
                throw error
            }
            Self.removeTree(retired)
        } else {
            try manager.moveItem(at: staging, to: output)
        }
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

    private func carryOverHiddenEntries(into staging: URL) throws {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: output.path) else { return }
        for name in names.sorted() where name.hasPrefix(".") {
            let destination = staging.appendingPathComponent(name)
            guard !manager.fileExists(atPath: destination.path) else { continue }
            try manager.copyItem(at: output.appendingPathComponent(name), to: destination)
        }
    }

    /// Why a relative output path could land outside the output folder, or nil.
    static func problem(inPath path: String) -> String? {
        // Bytes, not characters: "/" + a combining mark is still a separator on disk.
        let bytes = Array(path.utf8)
        if bytes.isEmpty || bytes.first == UInt8(ascii: "/") { return "must be relative" }
        if bytes.contains(0) { return "contains a NUL character" }
        for segment in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if segment.isEmpty || segment.elementsEqual([UInt8(ascii: ".")]) || segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                return "has an empty, '.' or '..' part"
            }
        }
        return nil
    }
}
