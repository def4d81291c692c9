import Foundation

/// A file found below a language folder (or the static folder).
public struct SourceFile: Hashable, Sendable {
    /// Path below the language folder, with `/` separators: `news/2026-10-05-visit/index.md`.
    public var relativePath: String
    /// Path relative to the site folder, as diagnostics print it: `content/zh/news/…`.
    public var displayPath: String
    public var url: URL

    public var isMarkdown: Bool { relativePath.lowercased().hasSuffix(".md") }
    public var fileName: String { String(relativePath.split(separator: "/").last ?? "") }
    /// The folder below the language folder: `news/2026-10-05-visit` (empty at the top).
    public var folder: String {
        guard let slash = relativePath.lastIndex(of: "/") else { return "" }
        return String(relativePath[..<slash])
    }
}
