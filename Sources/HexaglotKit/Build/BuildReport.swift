import Foundation

/// What a successful build did.
public struct BuildReport: Sendable {
    /// Pages written per language code, in site language order.
    public var pagesPerLanguage: [(code: String, count: Int)]
    public var filesWritten: Int
    public var warnings: [Diagnostic]
    public var seconds: Double
    /// Time per stage, in order, for `--verbose`.
    public var stages: [BuildStage] = []
    /// Nothing had changed since the last build: the output was left as it was.
    public var isUpToDate = false
    /// Pages whose bodies alone changed, updated in place (`serve`); nil for a full build.
    public var pagesUpdated: Int?
    /// Image variants encoded by this build; 0 when every one came from the variant cache.
    public var imagesEncoded = 0
    /// Pages whose text the search stage read; 0 when every language's index or postings came
    /// from the search cache.
    public var searchPagesRead = 0

    /// `zh 14, en 14, ar 11 · 120 files in 0.21 s`
    /// One line per stage, with its share of the build and the cores it kept busy:
    /// `  markdown      0.123 s  45%  1.9 cores`.
    /// Time outside every named stage (between them, and building the report) is one last
    /// `other` line, so the lines add up to the whole build.
    public var stageTable: String {
        func line(_ name: String, _ stageSeconds: Double, cores: Double?) -> String {
            let share = seconds > 0 ? Int((stageSeconds / seconds * 100).rounded()) : 0
            let coreText = cores.map { String(format: "  %.1f cores", $0) } ?? ""
            return "  " + name.padding(toLength: 18, withPad: " ", startingAt: 0) + String(format: "%8.3f s  %3d%%", stageSeconds, share) + coreText
        }
        var lines = stages.map { line($0.name, $0.seconds, cores: $0.seconds > 0.001 ? $0.cpuSeconds / $0.seconds : nil) }
        let other = seconds - stages.map(\.seconds).reduce(0, +)
        if other >= 0.001 { lines.append(line("other", other, cores: nil)) }
        return lines.joined(separator: "\n")
    }

    public var summary: String {
        let pages = pagesPerLanguage.map { "\($0.code) \($0.count)" }.joined(separator: ", ")
        if isUpToDate {
            return
                "up to date: \(pagesPerLanguage.map(\.count).reduce(0, +)) pages (\(pages)), nothing changed (\(String(format: "%.2f", seconds)) s)"
        }
        if let pagesUpdated {
            return
                "updated \(pagesUpdated) page\(pagesUpdated == 1 ? "" : "s") in place, \(filesWritten) files in \(String(format: "%.3f", seconds)) s"
        }
        return "built \(pagesPerLanguage.map(\.count).reduce(0, +)) pages (\(pages)), \(filesWritten) files in \(String(format: "%.2f", seconds)) s"
    }
}
