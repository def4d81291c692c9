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
        ])
}

/// What the site's root pages see: `languages` (the language choice, `/index.html`) and `root-404`.
struct LanguageChoiceContext: TemplateData {
    var site: Lowered<SiteData>
    var lang: Lowered<LanguageData>
    var i18n: UIStrings
    var channels: [Lowered<ChannelData>]
    var languages: [LanguageChoice]
    var defaultLanguage: DefaultLanguageData
    var page: RootPageData

    static let templateFields = TemplateFields<Self>(
        "root context", "What the root pages see (`languages`, `root-404`).",
        [
            .field("site", \.site, "the site, in the default language"),
            .field("lang", \.lang, "the default language"),
            .field("i18n", \.i18n, "UI strings of the default language"),
            .field("channels", \.channels, "the official channels"),
            .field("languages", \.languages, "every language, in its own words"),
            .field("defaultLanguage", \.defaultLanguage, "the default language"),
            .field("page", \.page, "the root page"),
        ])
}

/// A language on the language choice page, in its own words.
struct LanguageChoice: TemplateData {
    var code: String
    var name: String
    var locale: String
    var dir: String
    var url: String
    var siteTitle: String
    var notFoundTitle: String
    var notFoundText: String
    var i18n: UIStrings

    static let templateFields = TemplateFields<Self>(
        "language choice", "A language of the site, in its own words.",
        [
            .field("code", \.code, "its code"),
            .field("name", \.name, "its name in itself"),
            .field("locale", \.locale, "its BCP 47 tag"),
            .field("dir", \.dir, "its direction"),
            .field("url", \.url, "its home page"),
            .field("siteTitle", \.siteTitle, "the site's name in it"),
            .field("notFoundTitle", \.notFoundTitle, "i18n `page_not_found` in it"),
            .field("notFoundText", \.notFoundText, "i18n `page_not_found_text` in it"),
            .field("i18n", \.i18n, "its UI strings"),
        ])
}

/// `defaultLanguage` on the root pages.
struct DefaultLanguageData: TemplateData {
    var code: String
    var locale: String
    var dir: String

    static let templateFields = TemplateFields<Self>(
        "default language", "The site's default language.",
        [
            .field("code", \.code, "its code"),
            .field("locale", \.locale, "its BCP 47 tag"),
            .field("dir", \.dir, "its direction"),
        ])
}

/// `page` on the root pages.
struct RootPageData: TemplateData {
    var title: String
    var url: String
    var permalink: String
    var kind: String

    static let templateFields = TemplateFields<Self>(
        "root page", "A root page.",
        [
            .field("title", \.title, "the site's name in the default language"),
            .field("url", \.url, "the site's root"),
            .field("permalink", \.permalink, "the same, absolute"),
            .field("kind", \.kind, "`languages`"),
        ])
}

/// The values every page of a language shares, lowered once per build and shared by its pages.
struct LanguageValues {
    let site: Lowered<SiteData>
    let lang: Lowered<LanguageData>
    let i18n: UIStrings
    let channels: [Lowered<ChannelData>]

    func context(page: PageData, languages: [LanguageLink], menu: [MenuEntry], breadcrumbs: [Crumb]) -> PageContext {
        PageContext(
            site: site, lang: lang, i18n: i18n, channels: channels, page: page, languages: languages, menu: menu,
            breadcrumbs: breadcrumbs)
    }

    /// For rendered-page fingerprints: a page's own fields are hashed, these by this hash.
    var fingerprint: UInt64 {
        var hasher = StableHasher()
        for value in [site.templateValue, lang.templateValue, i18n.templateValue, channels.templateValue] {
            hasher.combine(template: value!)
        }
        return hasher.value
    }

    /// The fields of `PageContext` that come from here, not from the page.
    static let sharedFields: Set<String> = ["site", "lang", "i18n", "channels"]
}

extension OpenValues {
    /// Front matter or site.yaml `params`.
    init(params: [YAMLNode.Entry]) {
        value = .map(YAMLNode.templateMap(params))
    }
}
