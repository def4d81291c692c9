import Foundation

/// A build's output being written: files land in a staging folder as soon as they are rendered
/// (from any thread), so a build never holds the whole site in memory; `commit` checks every path
/// and swaps the folder in, `discard` removes it and leaves the previous output as it was.
public final class OutputStaging: @unchecked Sendable {
    private let writer: OutputWriter
    private let folder: URL
    private let retired: URL
    /// The folders' paths, worked out once (`URL.path` is not free, and every file needs them).
    private let folderPath: String, outputPath: String
    private let lock = NSLock()
    private var madeFolders: Set<Substring> = []
    private var firstFailure: String?

    init(writer: OutputWriter, folder: URL, retired: URL) {
        self.writer = writer
        self.folder = folder
        self.retired = retired
        folderPath = folder.path
        outputPath = writer.output.path
    }

    /// Writes `file` now and returns it without its bytes. A path that could leave the folder is
    /// not written; `commit` reports it.
    public func write(_ file: OutputFile) -> OutputFile {
        if case .written = file.contents { return file }
        guard OutputWriter.problem(inPath: file.path) == nil else { return file }
        do {
            try makeFolder(for: file.path)
            try Self.write(file, to: folderPath + "/" + file.path, previous: outputPath + "/" + file.path)
        } catch {
            lock.withLock { if firstFailure == nil { firstFailure = "\(error)" } }
        }
        var written = file
        written.contents = .written
        return written
    }

    /// Checks every path, writes what is not written yet, and replaces the output.
    /// `reusedVariants`: the old output's variant folder, published again whole (its files were
    /// checked by the build that wrote them, and are not among `files`).
    func commit(_ files: [OutputFile], reusingVariants reusedVariants: ReusedVariantFolder? = nil) throws(BuildFailure) {
        let problems = writer.problems(in: files)
        guard problems.isEmpty else {
            discard()
            throw BuildFailure(diagnostics: problems)
        }
        // A copied file the previous output holds with the same bytes (a photo variant) is moved
        // from the old tree at the swap rather than linked now and unlinked with the old tree.
        let reused = files.filter(Self.isReusable)
        files.parallelForEach { if !Self.isReusable($0) { _ = write($0) } }
        do {
            if let failure = firstFailure { throw WriteFailure(description: failure) }
            try writer.swapIn(folder, retiring: retired, files: files, reusing: reused, variantFolder: reusedVariants, write: writeNow)
        } catch {
            discard()
            throw writer.failure(error)
        }
    }

    /// Removes the staging folder, unless it still holds entries of the output carried over for
    /// a swap that failed (their journal is there): then it is left for `StaleStaging` to put back.
    public func discard() {
        let journal = folder.deletingLastPathComponent().path + "/" + StaleStaging.journalName(forStaging: folder.lastPathComponent)
        guard !FileManager.default.fileExists(atPath: journal) else { return }
        OutputWriter.removeTree(folder)
    }

    private static func isReusable(_ file: OutputFile) -> Bool {
        // Its path was checked by `commit` (`problems(in:)`), which writes nothing when one fails.
        file.isUnchanged && file.isCopied
    }

    /// Writes `file` into the staging folder, throwing when it cannot be.
    private func writeNow(_ file: OutputFile) throws {
        try makeFolder(for: file.path)
        try Self.write(file, to: folderPath + "/" + file.path, previous: outputPath + "/" + file.path)
    }

    private func makeFolder(for path: String) throws {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let parent = path[..<slash]
        guard lock.withLock({ !madeFolders.contains(parent) }) else { return }
        try FileBytes.makeFolder(folderPath + "/" + parent)
        lock.withLock { _ = madeFolders.insert(parent) }
    }

    private static func write(_ file: OutputFile, to target: String, previous: String) throws {
        // The same bytes as last time: link the previous file (keeps its time, costs no write).
        if file.isUnchanged, FileBytes.link(previous, to: target) { return }
        switch file.contents {
        case .bytes(let data):
            try FileBytes.write(data, to: target)
            FileBytes.keepModificationTime(of: previous, for: target, ifEqualTo: data)
        case .copy(let source):
            try copy(source.path, to: target, previous: previous)
        case .copyPath(let source):
            try copy(source, to: target, previous: previous)
        case .written:
            break
        }
    }

    private static func copy(_ source: String, to target: String, previous: String) throws {
        FileBytes.remove(target)  // a site's own robots.txt replaces the generated one
        // Read and written in one piece: `copyItem` cost tens of microseconds a file, and a
        // search index restored from its cache is seventeen thousand of them.
        guard let data = FileManager.default.contents(atPath: source) else {
            try FileManager.default.copyItem(atPath: source, toPath: target)
            return
        }
        try FileBytes.write(data, to: target)
        FileBytes.keepModificationTime(of: previous, for: target, ifEqualTo: data)
    }

    private struct WriteFailure: Error, CustomStringConvertible, LocalizedError {
        let description: String
        var errorDescription: String? { description }
    }
}
