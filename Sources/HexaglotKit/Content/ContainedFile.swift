import Foundation

/// Reads a file to show or search it only when that can neither leak nor hang: a regular file
/// whose fully resolved path lies inside the given folder (the site), so a link leading out of
/// the site (to `/proc/self/environ`, say) is never read, and never a FIFO, socket or device
/// (opening a FIFO waits forever for a writer).
public enum ContainedFile {
    /// The bytes of `path` (relative to `root`, or absolute), or nil when it is not such a file.
    public static func contents(of path: String, inside root: URL, maximumBytes: Int = 16 << 20) -> Data? {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        guard let resolved = resolvedPath(url.path), let resolvedRoot = resolvedPath(root.path),
            resolved.hasPrefix(resolvedRoot == "/" ? "/" : resolvedRoot + "/")
        else { return nil }
        var info = stat()
        guard lstat(resolved, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= maximumBytes else { return nil }
        // Non-blocking, and checked again once open: the path may have been replaced since the lstat.
        let descriptor = open(resolved, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return try? handle.read(upToCount: maximumBytes) ?? Data()
    }

    /// The path with every symbolic link and `..` resolved, or nil when it does not exist.
    public static func resolvedPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
