import Foundation

/// Maps request paths to files of the built site without ever leaving it: the path is
/// percent-decoded once, then refused if it holds `..`, `.`, backslashes, NUL or a second
/// layer of encoding, and the final file (symbolic links resolved) must lie inside the root.
struct StaticFileResolver: Sendable {
    let root: URL
    private let rootPath: String

    init(root: URL) {
        self.root = root
        self.rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
    }

    enum Resolution: Equatable {
        case file(URL)
        /// A folder requested without its trailing slash: redirect so relative links work.
        case redirect(String)
        case notFound
    }

    func resolve(_ rawPath: String) -> Resolution {
        let pathOnly = String(rawPath.prefix { $0 != "?" && $0 != "#" })
        guard let decoded = pathOnly.removingPercentEncoding, decoded.hasPrefix("/") else { return .notFound }
        if decoded.contains("\0") || decoded.contains("\\") || decoded.contains("%") { return .notFound }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .notFound }
        var candidate = root
        for segment in segments { candidate.appendPathComponent(String(segment)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard decoded.hasSuffix("/") else { return .redirect(pathOnly + "/") }
            candidate.appendPathComponent("index.html")
        }
        let real = candidate.resolvingSymlinksInPath().standardizedFileURL.path
        guard real.hasPrefix(rootPath + "/"), FileManager.default.isReadableFile(atPath: real) else { return .notFound }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isFolder), !isFolder.boolValue else { return .notFound }
        return .file(URL(fileURLWithPath: real))
    }

    /// The not-found page for a path: the language's own 404 when the path starts with a language folder.
    func notFoundPage(for rawPath: String, languages: [String]) -> URL? {
        let first = rawPath.split(separator: "/").first.map(String.init) ?? ""
        let candidates = (languages.contains(first) ? [first + "/404.html"] : []) + ["404.html"]
        return candidates.map { root.appendingPathComponent($0) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    static func contentType(for file: URL) -> String {
        switch file.pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return file.lastPathComponent == "atom.xml" ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "mp4": return "video/mp4"
        default: return "application/octet-stream"
        }
    }
}
