import Foundation

/// Encoded variants on disk, named by their key (source digest and every parameter), so a
/// variant is encoded once however often the site is built. Safe to delete at any time, and safe
/// when two builds share it: an entry appears complete or not at all (written aside, then renamed),
/// and two builds writing the same entry write the same bytes.
struct ImageVariantCache: Sendable {
    let folder: URL

    func url(of variant: PlannedVariant) -> URL {
        folder.appendingPathComponent(String(variant.key.prefix(2)), isDirectory: true)
            .appendingPathComponent(variant.key + "." + variant.settings.format.fileExtension)
    }

    func contains(_ variant: PlannedVariant) -> Bool {
        FileManager.default.fileExists(atPath: url(of: variant).path)
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
