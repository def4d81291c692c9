import Foundation

/// A Markdown file read and split into typed front matter and body, before the site is assembled.
public struct PageSource: Sendable {
    public var file: SourceFile
    public var language: Language
    public var frontMatter: FrontMatter
    public var body: String
    public var bodyLineOffset: Int
    /// Title from the front matter, else from the first `# ` heading.
    public var title: String?
    public var titleFromHeading: Bool

    /// Reads one file; problems are returned, not thrown, so every file's are reported.
    public static func read(_ file: SourceFile, language: Language, maximumBytes: Int) -> (PageSource?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return (nil, [.error("cannot read file", at: SourceLocation(file: file.displayPath))])
        }
        return read(file, data: data, language: language, maximumBytes: maximumBytes)
    }

    /// Parses bytes already read (the build cache reads them to compare with the last build).
    public static func read(_ file: SourceFile, data: Data, language: Language, maximumBytes: Int) -> (PageSource?, [Diagnostic]) {
        let start = SourceLocation(file: file.displayPath)
        guard data.count <= maximumBytes else {
            return (
                nil,
                [.error("file is \(data.count) bytes, over the limit of \(maximumBytes) bytes for one page (maxPageBytes in site.yaml)", at: start)]
            )
        }
        do {
            let text = try SourceText.decode(data, file: file.displayPath).text
            let parts = try FrontMatterSplitter().split(text, file: file.displayPath)
            var root: YAMLNode?
            if let yaml = parts.yaml {
                root = try YAMLReader(file: file.displayPath, lineOffset: parts.yamlLineOffset).read(yaml)
            }
            let (frontMatter, problems) = FrontMatter.read(root, file: file.displayPath)
            var title = frontMatter.title
            var titleFromHeading = false
            if title == nil, let heading = firstHeading(in: parts.body) {
                title = heading
                titleFromHeading = true
            }
            return (
                PageSource(
                    file: file, language: language, frontMatter: frontMatter, body: parts.body,
                    bodyLineOffset: parts.bodyLineOffset, title: title, titleFromHeading: titleFromHeading),
                problems
            )
        } catch {
            return (nil, [error])
        }
    }

    /// The text of the first ATX `# ` heading outside fenced code, as the page title.
    static func firstHeading(in body: String) -> String? {
        var fence: Substring?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                continue
            }
            guard line.count - trimmed.count < 4, trimmed.hasPrefix("# ") || trimmed == "#" else { continue }
            var text = trimmed.dropFirst(1).trimmingCharacters(in: .whitespaces)
            // A closing sequence of #s is not part of the title.
            if let range = text.range(of: #"\s+#+$"#, options: .regularExpression) { text.removeSubrange(range) }
            if text.allSatisfy({ $0 == "#" }) { text = "" }
            return text.isEmpty ? nil : text
        }
        return nil
    }
}
