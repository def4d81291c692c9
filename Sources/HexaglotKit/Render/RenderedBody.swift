/// What the Markdown stage produced for a page.
public struct RenderedBody: Sendable {
    /// UTF-8 bytes of the HTML (see `RenderedMarkdown.htmlBytes`).
    public var html: [UInt8]
    public var headings: [Heading]
    /// Plain-text summary: the front matter's, else the first paragraph shortened.
    public var summary: String
    public var readingMinutes: Int
    /// The page's image for sharing: front matter `image`, else the first image of the body.
    public var image: String?
    /// The body's links and images in document order, when the build was asked to keep them
    /// (`BuildOptions.recordsLinks`, for `check`).
    public var links: [Link]?
    /// The site's raster images the body shows, shares (og:image) or links to, in document order.
    var imageUses: [ImageUse] = []
    /// The photos of the front matter fields site.yaml lists (`images.fields`), by field.
    var photos: [String: PhotoData] = [:]
    /// Whether a fallback copy of the page in a language of the same direction renders the same
    /// body (`MarkdownStage.render`): no video card (its label is in the page's language), no
    /// linked photo and no front matter photo (published beside the copy), and no image reached
    /// through `..` or percent-encoding (which may resolve to another file from the copy's folder).
    var isSharedWithFallbackCopies = false
    /// Whether the body is the same HTML on a page of the other direction too (no left-to-right
    /// text to isolate on a right-to-left page, `RenderedMarkdown.isDirectionNeutral`).
    var isDirectionNeutral = false
    /// Set on a fallback copy's body that is its original's (`MarkdownStage.render`): its image
    /// uses are the original's, so the images stage and the originals left unpublished look at
    /// them once, not once per language.
    var repeatsOriginal = false

    /// A link or image of the Markdown: as the author wrote it (`../areas/ozone.md#goals`), as the
    /// build published it (`/en/areas/ozone/#goals`), and where.
    public struct Link: Sendable {
        public var written: String
        public var published: String
        public var location: SourceLocation

        init(_ link: MarkdownLink, _ rewrite: LinkRewrite) {
            written = link.destination
            location = link.location
            if case .replace(let url) = rewrite { published = url } else { published = link.destination }
        }
    }

    public static let empty = RenderedBody(html: [], headings: [], summary: "", readingMinutes: 0, image: nil, links: nil)
}
