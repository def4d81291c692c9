import Foundation

/// Everything one run of the build pipeline made, for the commands that need more than the
/// report: `check` reads the site and the links the Markdown stage recorded, `serve` keeps it for
/// in-place updates. Plain values: holding it keeps no cache or writer alive.
public struct BuildProducts: Sendable {
    public let config: SiteConfig
    public let templates: TemplateSet
    let localization: Localization
    /// Every file of every language folder, by language code.
    let sourceFiles: [String: [SourceFile]]
    /// The first date after the build's "now" of any page read, published or not: the output
    /// is up to date only until then.
    let comingDue: Date?
    /// The "now" the build published dated pages by.
    let now: Date
    public let site: Site
    /// The Markdown stage as it rendered this site (its link resolver and image sizes).
    let markdown: MarkdownStage
    /// The rendered bodies, one per page of `site`.
    public let bodies: [RenderedBody]
    /// The renderer with its template data, to render again the files a body edit touches.
    let renderer: SiteRenderer
    /// Every file of the built site as written (paths and origins; their bytes are in the output).
    public let outputs: [OutputFile]
    /// The old output's photo variants, published again as a folder instead of as `outputs`.
    let reusedVariants: ReusedVariantFolder?
    /// Image variants this build encoded (the others came from the variant cache).
    public let imagesEncoded: Int
    /// The search indexes (nil when the theme has no search page).
    let search: SearchIndexState?
    /// Warnings (a build with errors has no products).
    public let diagnostics: [Diagnostic]

    /// Page counts per language code, in site language order.
    public var pagesPerLanguage: [(code: String, count: Int)] {
        config.languages.map { (code: $0.code, count: site.pagesByLanguage[$0.code]?.count ?? 0) }
    }

    /// Each written file (path below the output) and the input it comes from.
    public var origins: [String: String] {
        Dictionary(outputs.map { ($0.path, $0.origin) }, uniquingKeysWith: { first, _ in first })
    }
}
