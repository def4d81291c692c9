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

    public init(text: String, file: String, lineOffset: Int = 0, allowsRawHTML: Bool = false, dropsTitleHeading: Bool = false) {
        self.text = text
        self.file = file
        self.lineOffset = lineOffset
        self.allowsRawHTML = allowsRawHTML
        self.dropsTitleHeading = dropsTitleHeading
    }
}
