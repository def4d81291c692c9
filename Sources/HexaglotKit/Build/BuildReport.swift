import Foundation

/// What a successful build did.
public struct BuildReport: Sendable {
    /// Pages written per language code, in site language order.
    public var pagesPerLanguage: [(code: String, count: Int)]
    public var filesWritten: Int
    public var warnings: [Diagnostic]
    public var seconds: Double

    /// `zh 14, en 14, ar 11 · 120 files in 0.21 s`
    public var summary: String {
        let pages = pagesPerLanguage.map { "\($0.code) \($0.count)" }.joined(separator: ", ")
        return "built \(pagesPerLanguage.map(\.count).reduce(0, +)) pages (\(pages)), \(filesWritten) files in \(String(format: "%.2f", seconds)) s"
    }
}
