/// A heading of a rendered page, with the id its anchor got.
public struct Heading: Hashable, Sendable {
    public var level: Int
    public var text: String
    public var id: String
}

/// A link or image destination found in Markdown, and where it was written.
public struct MarkdownLink: Hashable, Sendable {
    public var destination: String
    public var isImage: Bool
    public var location: SourceLocation
}

/// What to do with a link destination.
public enum LinkRewrite: Sendable {
    case keep
    case replace(String)
    /// The link is broken: the message says why; the build fails.
    case broken(String)
}

/// What rendering a page's Markdown gives the rest of the build.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    /// The text without markup, for word counts and reading time.
    public var plainText: String
    /// The first paragraph's text, for automatic summaries.
    public var firstParagraph: String
    /// The first image's URL as written (after link rewriting), for sharing previews.
    public var firstImage: String?
}

/// How to render one page's Markdown.
public struct MarkdownSource: Sendable {
    public var text: String
    /// The file, relative to the site folder, for diagnostics.
    public var file: String
    /// Lines of the file before `text` begins (the front matter).
    public var lineOffset: Int
    public var allowsRawHTML: Bool
    /// Drop the first `# ` heading: the page took its title from it and the layout shows the title.
    public var dropsTitleHeading: Bool
    /// Wrap left-to-right runs (Latin names, code) in `<bdi>`, for right-to-left pages.
    public var isolatesLeftToRightRuns: Bool

    public init(text: String, file: String, lineOffset: Int = 0, allowsRawHTML: Bool = false,
                dropsTitleHeading: Bool = false, isolatesLeftToRightRuns: Bool = false) {
        self.text = text
        self.file = file
        self.lineOffset = lineOffset
        self.allowsRawHTML = allowsRawHTML
        self.dropsTitleHeading = dropsTitleHeading
        self.isolatesLeftToRightRuns = isolatesLeftToRightRuns
    }

    /// The summary marker: the text before a `<!--more-->` line is the page's summary.
    public static let summaryMarker = "<!--more-->"

    /// The text before a `<!--more-->` line, and the text with that line blanked (line numbers kept).
    public static func splitSummary(_ text: String) -> (summary: String, text: String)? {
        var offset = text.startIndex
        while let range = text.range(of: summaryMarker, range: offset..<text.endIndex) {
            let lineStart = text[..<range.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            let lineEnd = text[range.upperBound...].firstIndex(of: "\n") ?? text.endIndex
            if text[lineStart..<range.lowerBound].allSatisfy({ $0 == " " })
                && text[range.upperBound..<lineEnd].allSatisfy({ $0 == " " }) {
                return (String(text[..<lineStart]), String(text[..<lineStart]) + String(text[lineEnd...]))
            }
            offset = range.upperBound
        }
        return nil
    }
}
