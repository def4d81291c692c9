import Foundation

/// A file found below a language folder (or the static folder).
public struct SourceFile: Hashable, Sendable {
    /// Path below the language folder, with `/` separators: `news/2026-10-05-visit/index.md`.
    public var relativePath: String
    /// Path relative to the site folder, as diagnostics print it: `content/zh/news/…`.
    public var displayPath: String
    /// Where the file is, absolute. Kept as a path: `URL(fileURLWithPath:)` cost more than the
    /// rest of finding a file, and most readers want the path.
    public var path: String
    public var url: URL { URL(fileURLWithPath: path, isDirectory: false) }

    public init(relativePath: String, displayPath: String, path: String) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.path = path
    }

    public init(relativePath: String, displayPath: String, url: URL) {
        self.init(relativePath: relativePath, displayPath: displayPath, path: url.path)
    }

    public var isMarkdown: Bool { relativePath.lowercased().hasSuffix(".md") }
    /// The last non-empty component. Looked for from the end, in bytes when the path is ASCII
    /// (where a `/` byte is always a Character of its own): splitting by Characters took 2 µs.
    public var fileName: String {
        let utf8 = relativePath.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return String(relativePath.split(separator: "/").last ?? "") }
        let slash = UInt8(ascii: "/")
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == slash { end = utf8.index(before: end) }
        var start = end
        while start > utf8.startIndex, utf8[utf8.index(before: start)] != slash { start = utf8.index(before: start) }
        return String(relativePath[start..<end])
    }
    /// The folder below the language folder: `news/2026-10-05-visit` (empty at the top).
    public var folder: String {
        guard let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(relativePath[..<slash])
    }
}
