/// The assembled multilingual site: every page of every language, and how they relate.
public struct Site: Sendable {
    /// A folder's list page and what it lists.
    public struct Section: Sendable {
        public var page: Int
        /// Pages directly in the folder, sorted by date (newest first), weight, then title.
        public var pages: [Int]
        /// Sections in sub-folders, sorted by weight then title.
        public var subsections: [Int]
    }

    /// One tag of one language and its pages.
    public struct Tag: Sendable {
        public var slug: String
        public var name: String
        public var pages: [Int]
    }

    /// A file published as it is (images beside a page, static files, theme assets).
    public struct Resource: Sendable {
        public var source: SourceFile
        /// Output path below the site root, not percent-encoded.
        public var path: String
        /// For a fallback copy's file, the index in `resources` of the original's file it repeats.
        public var original: Int? = nil
    }

    public var config: SiteConfig
    public var pages: [Page]
    /// Page indices per language code, in a stable order.
    public var pagesByLanguage: [String: [Int]]
    /// Translation key → language code → page index.
    public var translations: [String: [String: Int]]
    /// Section per language code and folder (`"zh"`, `"news"`); the home is the section of folder "".
    public var sections: [String: [String: Section]]
    /// Tags per language code, sorted by slug.
    public var tags: [String: [Tag]]
    /// Main navigation per language code.
    public var menus: [String: [Int]]
    /// Page index for each Markdown file, by its path below `content/`: `zh/areas/pops.md`.
    public var pagesBySource: [String: Int]
    public var resources: [Resource]
    /// Untranslated pages published under a missing language's URL (when site.yaml asks):
    /// translation key → language code → page index. Not in lists, tags, feeds or the sitemap.
    public var fallbackPages: [String: [String: Int]] = [:]

    public func home(of language: Language) -> Int? {
        sections[language.code]?[""]?.page
    }

    /// The translations of a page, in site language order (the page itself included).
    public func translations(of page: Page) -> [(Language, Int)] {
        guard let set = translations[page.translationKey] else { return [] }
        return config.languages.compactMap { language in set[language.code].map { (language, $0) } }
    }

    static func parentFolder(of folder: String) -> String {
        // By bytes: `lastIndex(of:)` on the String compares Characters (grapheme breaking).
        guard let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(folder[..<slash])
    }
}
