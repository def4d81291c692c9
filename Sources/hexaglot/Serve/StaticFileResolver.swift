import Foundation
import HexaglotKit

/// Maps request paths to files of the built site without ever leaving it: the path is
/// percent-decoded once, as UTF-8 (`URLPath.decodePath`, the reverse of how the build writes
/// URLs), then refused if it is not valid UTF-8 or holds `..`, `.`, backslashes or control
/// characters, and the final file (symbolic links resolved) must lie inside the root. A `%`
/// left after decoding is part of a name (`50%-more/`), never decoded again.
struct StaticFileResolver: Sendable {
    let root: URL
    private let rootPath: String

    init(root: URL) {
        self.root = root
        self.rootPath = ContainedFile.resolvedPath(root.path) ?? root.standardizedFileURL.path
    }

    enum Resolution: Equatable {
        case file(URL)
        /// A folder requested without its trailing slash: redirect so relative links work.
        case redirect(String)
        case notFound
    }

    func resolve(_ rawPath: String) -> Resolution {
        // The query and fragment are cut before decoding: `%3F` is a `?` of a name.
        let pathOnly = String(rawPath.prefix { $0 != "?" && $0 != "#" })
        guard let decoded = URLPath.decodePath(pathOnly), decoded.hasPrefix("/") else { return .notFound }
        // The build publishes no name with control characters; a backslash is Windows' separator.
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) { return .notFound }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .notFound }
        // Pages and their files are written under NFC names, as the build makes their URLs, so
        // a name sent in NFD (as macOS writes it) finds its page; files of content/static keep
        // the names they were given, so the name as sent is tried too.
        let nfc = segments.map(UnicodeForms.nfc)
        let first = resolve(nfc, wantsFolder: decoded.hasSuffix("/"), pathOnly: pathOnly)
        guard first == .notFound, nfc != segments else { return first }
        return resolve(segments, wantsFolder: decoded.hasSuffix("/"), pathOnly: pathOnly)
    }

    private func resolve(_ segments: [String], wantsFolder: Bool, pathOnly: String) -> Resolution {
        var candidate = root
        for segment in segments { candidate.appendPathComponent(segment) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard wantsFolder else { return .redirect(pathOnly + "/") }
            candidate.appendPathComponent("index.html")
        }
        guard let real = ContainedFile.resolvedPath(candidate.path), real.hasPrefix(rootPath + "/"),
            FileManager.default.isReadableFile(atPath: real)
        else { return .notFound }
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
