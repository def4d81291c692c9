import Foundation

/// The facts of each source image (`ImageSourceFacts`) by where the file is and what `stat` says
/// of it (device, inode, size, modification and change times in nanoseconds), so that a rebuild
/// reads and hashes only the photos that changed: hashing every photo on every build made a warm
/// rebuild of a site with 8 photos 1.37 times the build without them.
///
/// A file rewritten in place with the same size within the same nanosecond would keep its old
/// facts; the encoder checks the digest of the bytes it encodes, so such a file can never be
/// encoded under another file's name. Safe to delete, and safe when two builds share it, as the
/// variant cache is: entries are written aside and renamed.
struct ImageSourceIndex: Sendable {
    let folder: URL

    /// The stored facts of `file`, if its `stat` is what it was when they were stored.
    func facts(of file: URL) -> ImageSourceFacts? {
        guard let entry = entryURL(for: file), let data = FileManager.default.contents(atPath: entry.path) else { return nil }
        return ImageSourceFacts(serialized: String(decoding: data, as: UTF8.self))
    }

    func store(_ facts: ImageSourceFacts, of file: URL) {
        guard let entry = entryURL(for: file) else { return }
        let shard = entry.deletingLastPathComponent()
        let aside = shard.appendingPathComponent(".\(entry.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true)
            try Data(facts.serialized.utf8).write(to: aside)
            if rename(aside.path, entry.path) != 0 { try? FileManager.default.removeItem(at: aside) }
        } catch {
            // The index only saves time: without an entry the next build reads the image again.
            try? FileManager.default.removeItem(at: aside)
        }
    }

    /// Named by a digest of the path and the file's stat: any change to either is another entry.
    private func entryURL(for file: URL) -> URL? {
        var info = stat()
        guard stat(file.path, &info) == 0 else { return nil }
        let stamp = [
            file.standardizedFileURL.path, String(info.st_dev), String(info.st_ino), String(info.st_size),
            String(info.modificationTime.tv_sec), String(info.modificationTime.tv_nsec),
            String(info.changeTime.tv_sec), String(info.changeTime.tv_nsec),
        ].joined(separator: "\u{0}")
        let key = ImageCodec.digest(Data(stamp.utf8))
        return folder.appendingPathComponent(String(key.prefix(2)), isDirectory: true).appendingPathComponent(key + ".txt")
    }
}
