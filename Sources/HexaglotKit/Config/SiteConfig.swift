import Foundation

/// Site-wide settings from `content/site.yaml`.
public struct SiteConfig: Sendable {
    /// The site title per language code.
    public var titles: [String: String]
    /// Absolute base URL, always ending in `/`.
    public var baseURL: String {
        didSet { (rootPath, origin) = Self.parts(of: baseURL) }
    }
    /// The path part of the base URL (`/` or `/sub/`): every link in the site starts with it.
    /// (Worked out once: every URL of every page asks for it.)
    public private(set) var rootPath: String
    /// `https://example.org` (no trailing slash): prefix for making root-relative links absolute.
    public private(set) var origin: String
    public var defaultLanguage: Language
    /// In switcher order.
    public var languages: [Language]
    public var channels: [Channel]
    /// Path of the logo below the output root (`images/logo.svg`), if any.
    public var logo: String?
    /// Where site.yaml gives it, for the error when no file of the site is there.
    public var logoLocation: SourceLocation?
    /// Raw HTML in Markdown is passed through only when the site asks for it.
    public var allowsRawHTML: Bool
    /// Parameters for templates (`site.params.<key>`).
    public var params: [YAMLNode.Entry]
    /// Items per list page; a section's `_index.md` may set its own `paginate`.
    public var paginate = 10
    /// Where to look, per language code, when a page has no translation (before the default language).
    public var fallbackOrder: [String: [String]] = [:]
    /// Publish untranslated pages under the missing language's URL too (with a notice, canonical and noindex).
    public var publishesFallbackPages = false
    /// `search: true`: a search index per language, the search page and the header's search form
    /// (when the theme has a `search` layout). Off by default, as Zola's `build_search_index`:
    /// indexing costs a large site several times its build (README, "Search").
    public var buildsSearchIndex = false
    /// Pages larger than this are refused before Markdown sees them (`maxPageBytes`).
    public var maximumPageBytes: Int?
    /// Markdown rendering of one file taking longer than this stops the build (`markdownTimeLimit`, seconds).
    public var markdownTimeLimit: Double?
    /// Front matter fields exported for translation besides `title` and `summary` (`translation.fields`).
    public var translatableFields: [String] = []
    /// How photos are published (`images:`): widths, formats, limits, the cache folder.
    public var images = ImageSettings()

    public init(
        titles: [String: String], baseURL: String, defaultLanguage: Language, languages: [Language],
        channels: [Channel] = [], logo: String? = nil, allowsRawHTML: Bool = false, params: [YAMLNode.Entry] = []
    ) {
        self.titles = titles
        self.baseURL = baseURL
        (rootPath, origin) = Self.parts(of: baseURL)
        self.defaultLanguage = defaultLanguage
        self.languages = languages
        self.channels = channels
        self.logo = logo
        self.allowsRawHTML = allowsRawHTML
        self.params = params
    }

    /// The languages to try, in order, for a page missing in `language`.
    public func fallbackLanguages(for language: Language) -> [Language] {
        var codes = fallbackOrder[language.code] ?? fallbackOrder["*"] ?? []
        codes.append(defaultLanguage.code)
        codes.append(contentsOf: languages.map(\.code))
        var seen: Set<String> = [language.code]
        return codes.compactMap { code in
            guard seen.insert(code).inserted else { return nil }
            return languages.first { $0.code == code }
        }
    }

    public func title(for language: Language) -> String {
        titles[language.code] ?? titles[defaultLanguage.code] ?? titles.values.sorted().first ?? ""
    }

    private static func parts(of baseURL: String) -> (rootPath: String, origin: String) {
        guard let url = URL(string: baseURL) else { return ("/", "") }
        var path = url.path
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        guard let scheme = url.scheme, let host = url.host else { return (path, "") }
        return (path, url.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)")
    }
}
