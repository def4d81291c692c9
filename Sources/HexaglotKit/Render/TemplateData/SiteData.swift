/// `site`: the site's own values, the same on every page of a language.
struct SiteData: TemplateData {
    var title: String
    var root: String
    var baseURL: String
    var logo: String?
    var params: OpenValues

    static let templateFields = TemplateFields<Self>(
        "site", "The site, in the page's language.",
        [
            .field("title", \.title, "the site's name in the page's language"),
            .field("root", \.root, "the URL path prefix of the site, ending in `/`"),
            .field("baseURL", \.baseURL, "site.yaml's `baseURL`"),
            .field("logo", \.logo, "the logo's URL (absent if none)"),
            .field("params", \.params, "site.yaml's `params`, as written"),
        ])
}

/// `lang`: the page's language.
struct LanguageData: TemplateData {
    var code: String
    var name: String
    var locale: String
    var dir: String
    var isRTL: Bool
    var homeURL: String
    var ogLocale: String
    var feedURL: String?

    static let templateFields = TemplateFields<Self>(
        "language", "The page's language.",
        [
            .field("code", \.code, "the language's folder name (`zh`)"),
            .field("name", \.name, "its name in itself (`中文`)"),
            .field("locale", \.locale, "BCP 47 (`zh-Hans`)"),
            .field("dir", \.dir, "`ltr` or `rtl`"),
            .field("isRTL", \.isRTL, "written right to left"),
            .field("homeURL", \.homeURL, "the language's home page"),
            .field("ogLocale", \.ogLocale, "Open Graph's `ll_CC` (`zh_CN`)"),
            .field("feedURL", \.feedURL, "the language's Atom feed (absent without dated pages)"),
        ])
}

/// One of site.yaml's official channels.
struct ChannelData: TemplateData {
    var name: String
    var url: String

    static let templateFields = TemplateFields<Self>(
        "channel", "An official channel (site.yaml `channels`).",
        [
            .field("name", \.name, "as site.yaml names it"),
            .field("url", \.url, "its address"),
        ])
}
