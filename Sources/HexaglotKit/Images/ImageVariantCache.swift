import Foundation

/// Encoded variants on disk, named by their key (source digest and every parameter), so a
/// variant is encoded once however often the site is built. Safe to delete at any time, and safe
/// when two builds share it: an entry appears complete or not at all (written aside, then renamed),
/// and two builds writing the same entry write the same bytes.
struct ImageVariantCache: Sendable {
    let folder: URL
    /// `folder.path`, worked out once: every variant of every photo is looked up on every build.
    private let folderPath: String

    init(folder: URL) {
        self.folder = folder
        folderPath = folder.path
    }

    /// Where a variant's entry is. Plain strings: building the two components with `URL` was most
    /// of the images stage of a warm rebuild (2,000 variants, 40 ms).
    func path(of variant: PlannedVariant) -> String {
        // In one string of the right size: appending the parts byte by byte cost more than the lookup.
        let fileExtension = variant.settings.format.fileExtension
        return UTF8Joining.build(capacity: folderPath.utf8.count + 2 * variant.key.utf8.count + fileExtension.utf8.count + 3) { path in
            path.put(folderPath)
            path.put(UInt8(ascii: "/"))
            path.put(variant.key, first: 2)
            path.put(UInt8(ascii: "/"))
            path.put(variant.key)
            path.put(UInt8(ascii: "."))
            path.put(fileExtension)
        }
    }

    func url(of variant: PlannedVariant) -> URL {
        URL(fileURLWithPath: path(of: variant), isDirectory: false)
    }

    func contains(_ variant: PlannedVariant) -> Bool {
        var status = stat()
        return stat(path(of: variant), &status) == 0
    }

    /// Which of the variants at `paths` (`path(of:)`) the cache holds: each looked up by the part
    /// after the folder from the folder opened once, so the kernel does not walk the folder's
    /// whole path (and any link on it) for each of them.
    func contains(paths: [String]) -> [Bool] {
        let folder = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return paths.map { _ in false } }
        defer { close(folder) }
        var status = stat()
        let skipped = folderPath.utf8.count + 1
        return paths.map { path in
            path.utf8.count > skipped && path.withCString { fstatat(folder, $0 + skipped, &status, 0) == 0 }
        }
    }

    func store(_ bytes: Data, for variant: PlannedVariant) throws {
        let target = url(of: variant)
        let shard = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true)
        let aside = shard.appendingPathComponent(".\(variant.key).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString)")
        try bytes.write(to: aside)
        guard rename(aside.path, target.path) == 0 else {
            let failure = errno
            try? FileManager.default.removeItem(at: aside)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path, "errno": failure])
        }
    }
}
