import Foundation

/// The images pages show, found by the URL a page writes, with their sizes read once per file
/// and shared by all pages.
final class ImageSizes: @unchecked Sendable {
    /// A file published as it is: where it comes from.
    struct File: Sendable {
        /// Where the file is, absolute.
        var path: String
        var url: URL { URL(fileURLWithPath: path, isDirectory: false) }
        var displayPath: String
        /// The output path of its first copy: a fallback copy of a bundle republishes the same
        /// file under other languages' paths, and a photo is planned and encoded once, there.
        var canonicalPath: String
    }

    private let files: [String: File]
    private let lock = NSLock()
    private var sizes: [String: (width: Int, height: Int)?] = [:]

    /// `files`: every file published as it is, by output path.
    init(files: [String: File]) {
        self.files = files
    }

    /// The published file an image URL written in a page at output path `page` (`zh/news/x/`)
    /// names, with its output path.
    func resolve(_ url: String, onPage page: String, rootPath: String) -> (path: String, file: File)? {
        guard !url.isEmpty, !LinkResolver.hasScheme(url), !url.hasPrefix("//") else { return nil }
        // The usual case, a bare file name beside the page (`photo.jpg`): no segments to walk.
        if let name = Self.bareName(url) {
            let path = page.isEmpty || page == "/" ? name : page.utf8.last == UInt8(ascii: "/") ? page + name : page + "/" + name
            if !path.hasPrefix("/"), let file = files[path] { return (path, file) }
        }
        let pathPart = String(url[..<URLPath.endOfPath(in: url)])
        let decoded = URLPath.percentDecoded(pathPart) ?? pathPart
        var segments: [Substring] =
            decoded.hasPrefix("/")
            ? [] : page.split(separator: "/")
        let relative = decoded.hasPrefix(rootPath) ? String(decoded.dropFirst(rootPath.count)) : decoded
        for segment in relative.split(separator: "/") {
            if segment == ".." { if !segments.isEmpty { segments.removeLast() } } else if segment != "." { segments.append(segment) }
        }
        let path = segments.joined(separator: "/")
        guard let file = files[path] else { return nil }
        return (path, file)
    }

    /// `url` when it is one plain segment (no `/`, `%`, `?`, `#`, not `.` or `..`), else nil.
    private static func bareName(_ url: String) -> String? {
        var url = url
        let plain = url.withUTF8 { bytes in
            !bytes.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
                && !(bytes.count <= 2 && bytes.allSatisfy { $0 == UInt8(ascii: ".") })
        }
        return plain ? url : nil
    }

    /// Every output path of a file published as it is.
    var paths: Dictionary<String, File>.Keys { files.keys }

    /// The published file at an output path.
    func file(atPath path: String) -> File? { files[path] }

    /// The size of the image at `url` as written in a page at output path `page` (`zh/news/x/`).
    func size(of url: String, onPage page: String, rootPath: String) -> (width: Int, height: Int)? {
        guard let file = resolve(url, onPage: page, rootPath: rootPath)?.file else { return nil }
        lock.lock()
        if let known = sizes[file.path] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let size = FileManager.default.contents(atPath: file.path).flatMap(ImageSize.of)
        lock.lock()
        sizes[file.path] = size
        lock.unlock()
        return size
    }
}
