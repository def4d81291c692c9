/// What a page's layout sees (`home`, `page`, `section`, `tag`, `tags`, `404` and layouts a page
/// names): the values every page of the language shares, and the page's own.
struct PageContext: TemplateData {
    var site: Lowered<SiteData>
    var lang: Lowered<LanguageData>
    var i18n: UIStrings
    var channels: [Lowered<ChannelData>]
    var page: PageData
    var languages: [LanguageLink]
    var menu: [MenuEntry]
    var breadcrumbs: [Crumb]
    var section: SectionData?
    var pagination: PaginationData?
    var home: HomeData?
    var tag: TagData?
    var tags: [TagIndexEntry]?
    var search: SearchData?

    static let templateFields = TemplateFields<Self>(
        "page context", "What a page's layout sees.",
        [
            .field("site", \.site, "the site"),
            .field("lang", \.lang, "the page's language"),
            .field("i18n", \.i18n, "UI strings of the page's language (`templates/i18n/<code>.yaml`), by key"),
            .field("channels", \.channels, "the official channels"),
            .field("page", \.page, "the page"),
            .field("languages", \.languages, "the language switcher"),
            .field("menu", \.menu, "the language's menu"),
            .field("breadcrumbs", \.breadcrumbs, "the folders above the page"),
            .field("section", \.section, "on home and section pages: the folder listed"),
            .field("pagination", \.pagination, "on lists of more than one page"),
            .field("home", \.home, "on home pages"),
            .field("tag", \.tag, "on tag pages"),
            .field("tags", \.tags, "on the tags page: every tag of the language"),
            .field("search", \.search, "on the search page: the language's index"),
        ])
}
