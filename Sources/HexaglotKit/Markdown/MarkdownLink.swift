/// A link or image destination found in Markdown, and where it was written.
public struct MarkdownLink: Hashable, Sendable {
    public var destination: String
    public var isImage: Bool
    public var location: SourceLocation
}
