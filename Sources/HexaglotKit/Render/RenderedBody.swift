/// What the Markdown stage produced for a page.
public struct RenderedBody: Sendable {
    public var html: String
    public var headings: [Heading]
    /// Plain-text summary: the front matter's, else the first paragraph shortened.
    public var summary: String
    public var readingMinutes: Int
    /// The page's image for sharing: front matter `image`, else the first image of the body.
    public var image: String?

    public static let empty = RenderedBody(html: "", headings: [], summary: "", readingMinutes: 0, image: nil)
}
