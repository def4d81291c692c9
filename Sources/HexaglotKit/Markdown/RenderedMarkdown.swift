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
