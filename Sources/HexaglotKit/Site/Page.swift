/// One page of one language: a Markdown file, or a generated home or section list.
public struct Page: Sendable {
    public enum Kind: String, Sendable {
        case home, page, section
    }

    public var kind: Kind
    public var language: Language
    /// The Markdown file, relative to the site folder; nil for a generated home or section.
    public var sourcePath: String?
    /// The folder below the language folder that this page lists (sections, home: "") or sits in.
    public var folder: String
    /// Pages with the same key in other languages are its translations.
    public var translationKey: String
    public var frontMatter: FrontMatter
    public var title: String
    /// The title came from the first `# ` heading, which the layout shows instead of the body.
    public var titleFromHeading: Bool
    public var body: String
    public var bodyLineOffset: Int
    /// Output path below the site root, ending in `/`: `zh/areas/pops/`. Not percent-encoded.
    public var path: String
    public var date: PageDate?
    /// For a page published in a language that lacks it: the page (in another language) shown instead.
    public var fallbackOf: Int?

    public var weight: Int { frontMatter.weight }
    public var tags: [String] { frontMatter.tags }
}
