import Foundation

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemLink = Glibc.link
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemLink = Darwin.link
#endif

/// Plain POSIX file operations for the writer's hot loop: one `open`/`write`/`close` per file on
/// paths, without Foundation's URL and attribute dictionaries (which cost more than the write).
enum FileBytes {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "\(path): \(String(cString: strerror(code)))" }
    }

    static func write(_ data: Data, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(descriptor) }
        let code: Int32 = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
        if code != 0 { throw Failure(path: path, code: code) }
    }

    /// Gives `target` the modification time of `previous` when both hold `data`: deploy tools
    /// that compare times then copy only what changed.
    static func keepModificationTime(of previous: String, for target: String, ifEqualTo data: Data) {
        var status = stat()
        guard stat(previous, &status) == 0, Int(status.st_size) == data.count,
            let old = FileManager.default.contents(atPath: previous), old == data
        else { return }
        var times = [status.accessTime, status.modificationTime]
        _ = utimensat(AT_FDCWD, target, &times, 0)
    }

    /// Writes beside `path` and renames over it: a reader sees the old file or the new one.
    static func replace(_ path: String, with data: Data) throws(Failure) {
        let temporary = path + ".hexaglot-new"
        try write(data, to: temporary)
        guard rename(temporary, path) == 0 else {
            let code = errno
            remove(temporary)
            throw Failure(path: path, code: code)
        }
    }

    /// Makes a folder and any missing parents: one `mkdir` when the parent exists (Foundation's
    /// createDirectory looks at every component first).
    static func makeFolder(_ path: String) throws(Failure) {
        if mkdir(path, 0o777) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            throw Failure(path: path, code: errno)
        }
        try makeFolder(String(path[..<slash]))
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw Failure(path: path, code: errno) }
    }

    /// Removes a file if there is one.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// A hard link to the previous build's file; false when it cannot be made (then write).
    static func link(_ previous: String, to target: String) -> Bool {
        systemLink(previous, target) == 0
    }

    /// Calls `body` with each name in `folder` (not `.` and `..`) and its `d_type`, until it
    /// returns false; false then, or when the folder cannot be read. `readdir` itself: Foundation's
    /// listing costs several microseconds a name.
    static func forEachName(in folder: String, _ body: (String, UInt8) -> Bool) -> Bool {
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != "..", !body(name, entry.pointee.d_type) { return false }
        }
        return true
    }
}
