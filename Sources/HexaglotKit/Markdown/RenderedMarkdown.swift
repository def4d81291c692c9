/// What rendering a page's Markdown gives the rest of the build.
public struct RenderedMarkdown: Sendable {
    /// The HTML as UTF-8 bytes, as cmark-gfm wrote it: templates insert it without making a
    /// String of it (validating every body again was ~2.5% of a build).
    public var htmlBytes: [UInt8]
    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
    public var headings: [Heading]
    /// The text without markup, for word counts and reading time, as UTF-8 (cmark-gfm's
    /// literals): counting words needs no String, and validating every body's text to make one
    /// was ~1.5% of a build.
    public var plainTextBytes: [UInt8]
    public var plainText: String { String(decoding: plainTextBytes, as: UTF8.self) }
    /// The first paragraph's text, for automatic summaries.
    public var firstParagraph: String
    /// The first image's URL as written (after link rewriting), for sharing previews.
    public var firstImage: String?
    /// Whether a video link became a card, whose "Watch on …" is in the page's language.
    public var hasVideoCards = false
    /// Whether the body has no left-to-right text for a right-to-left page to isolate (a photo
    /// alone): it is then the same HTML in either direction.
    public var isDirectionNeutral = false
}
