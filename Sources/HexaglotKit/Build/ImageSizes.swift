import Foundation

/// The sizes of the images pages show, read once per file and shared by all pages.
final class ImageSizes: @unchecked Sendable {
    private let files: [String: URL]
    private let lock = NSLock()
    private var sizes: [String: (width: Int, height: Int)?] = [:]

    /// `files`: every file published as it is, by output path.
    init(files: [String: URL]) {
        self.files = files
    }

    /// The size of the image at `url` as written in a page at output path `page` (`zh/news/x/`).
    func size(of url: String, onPage page: String, rootPath: String) -> (width: Int, height: Int)? {
        guard !url.isEmpty, !LinkResolver.hasScheme(url), !url.hasPrefix("//") else { return nil }
        let pathPart = String(url.prefix { $0 != "?" && $0 != "#" })
        let decoded = pathPart.removingPercentEncoding ?? pathPart
        var segments: [Substring] =
            decoded.hasPrefix("/")
            ? [] : page.split(separator: "/")
        let relative = decoded.hasPrefix(rootPath) ? String(decoded.dropFirst(rootPath.count)) : decoded
        for segment in relative.split(separator: "/") {
            if segment == ".." { if !segments.isEmpty { segments.removeLast() } } else if segment != "." { segments.append(segment) }
        }
        guard let file = files[segments.joined(separator: "/")] else { return nil }
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
