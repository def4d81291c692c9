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
    /// `folder.path`, worked out once: each photo of the site is looked up on every build, and
    /// building the entry's path with `URL` was most of the lookup.
    private let folderPath: String

    init(folder: URL) {
        self.folder = folder
        folderPath = folder.path
    }

    /// The stored facts of `file`, if its `stat` is what it was when they were stored.
    func facts(of file: URL) -> ImageSourceFacts? {
        guard let entry = entryPath(for: file) else { return nil }
        // An entry is about 120 bytes: one `read`, without Foundation's file reading around it.
        let descriptor = open(entry.path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0, count < buffer.count else { return nil }
        return ImageSourceFacts(serialized: String(decoding: buffer[..<count], as: UTF8.self))
    }

    func store(_ facts: ImageSourceFacts, of file: URL) {
        guard let entry = entryPath(for: file) else { return }
        let aside = entry.shard + "/.\(entry.name).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: entry.shard, withIntermediateDirectories: true)
            try Data(facts.serialized.utf8).write(to: URL(fileURLWithPath: aside))
            if rename(aside, entry.path) != 0 { try? FileManager.default.removeItem(atPath: aside) }
        } catch {
            // The index only saves time: without an entry the next build reads the image again.
            try? FileManager.default.removeItem(atPath: aside)
        }
    }

    private static func hasSlashDot(_ path: String) -> Bool {
        var previous: UInt8 = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") { return true }
            previous = byte
        }
        return false
    }

    /// Named by a digest of the path and the file's stat: any change to either is another entry.
    private func entryPath(for file: URL) -> (shard: String, name: String, path: String)? {
        // The standardized path (no `.` or `..` segments), which only a path with "/." can lack.
        var path = file.path
        if Self.hasSlashDot(path) { path = file.standardizedFileURL.path }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let stamp = [
            path, String(info.st_dev), String(info.st_ino), String(info.st_size),
            String(info.modificationTime.tv_sec), String(info.modificationTime.tv_nsec),
            String(info.changeTime.tv_sec), String(info.changeTime.tv_nsec),
        ].joined(separator: "\u{0}")
        let key = ImageCodec.digest(stamp)
        let shard = folderPath + "/" + key.prefix(2)
        return (shard, key + ".txt", shard + "/" + key + ".txt")
    }
}
