import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a build writes to, resolved and checked before the build touches anything.
///
/// The build deletes nothing it did not write: an output that is, holds or lies inside the site's
/// inputs is refused; a symbolic link is followed, so its target is written and the link stays;
/// a folder holding files without a record of an earlier build is refused unless the user lets
/// the build clean it (`--clean-destination`).
struct OutputFolder: Sendable {
    /// The real path written to: symbolic links resolved.
    let path: String
    let previous: OutputRecord.Previous
    /// The summary of the old output's photo variant folder, when the record has one and the
    /// folder holds exactly the files it summarises (one listing): the images stage then needs
    /// no look at each variant that is published again (`ReusedVariantFolder`).
    let reusableVariants: FolderSummary?

    init(path: String, previous: OutputRecord.Previous) {
        self.path = path
        self.previous = previous
        var reusable: FolderSummary?
        if case .recorded(let record) = previous, let summary = record.summary,
            FolderSummary.ofRegularFiles(in: path + "/" + OutputRecord.summarizedFolder) == summary
        {
            reusable = summary
        }
        reusableVariants = reusable
    }

    static func prepare(_ options: BuildOptions) throws(OutputFolderError) -> OutputFolder {
        let given = options.output.path
        guard let path = realPath(given) else {
            throw OutputFolderError(reason: .notAFolder, output: given, resolved: given)
        }
        func refuse(_ reason: OutputFolderError.Reason) -> OutputFolderError {
            OutputFolderError(reason: reason, output: given, resolved: path)
        }
        let site = realPath(options.source.path) ?? options.source.path
        if Self.path(site, isInside: path) { throw refuse(.holdsTheSite(site: site)) }
        for input in [options.source.appendingPathComponent("content"), options.templates] {
            let input = realPath(input.path) ?? input.path
            if Self.path(path, isInside: input) { throw refuse(.insideAnInput(input: input)) }
            if Self.path(input, isInside: path) { throw refuse(.holdsAnInput(input: input)) }
        }

        var status = stat()
        guard lstat(path, &status) == 0 else { return OutputFolder(path: path, previous: .nothing) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw refuse(.notAFolder) }
        if options.cleansDestination { return OutputFolder(path: path, previous: .everythingVisible) }
        if let record = OutputRecord.read(in: path) { return OutputFolder(path: path, previous: .recorded(record)) }
        let visible = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        if visible.isEmpty { return OutputFolder(path: path, previous: .nothing) }
        // Written by a Hexaglot build from before the record: the no-op manifest still vouches for it.
        if let manifest = BuildManifest.read(from: options.output), manifest.matchesOutput(options.output) {
            return OutputFolder(path: path, previous: .everythingVisible)
        }
        throw refuse(.holdsOtherFiles(examples: visible.prefix(3) + (visible.count > 3 ? ["…"] : [])))
    }

    /// `inner` is `outer` or lies below it (both real paths).
    private static func path(_ inner: String, isInside outer: String) -> Bool {
        inner == outer || outer == "/" || inner.hasPrefix(outer + "/")
    }

    /// The path with every symbolic link resolved; for a path that does not exist yet, its nearest
    /// existing parent resolved and the rest appended. Nil for a link that leads nowhere.
    static func realPath(_ path: String) -> String? {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var status = stat()
        guard errno == ENOENT, lstat(path, &status) != 0 else { return nil }
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        guard parent != path, let resolvedParent = realPath(parent) else { return nil }
        return (resolvedParent == "/" ? "" : resolvedParent) + "/" + url.lastPathComponent
    }
}
