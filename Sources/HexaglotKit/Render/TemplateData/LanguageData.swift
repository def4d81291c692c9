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
    var searchURL: String?

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
            .field(
                "searchURL", \.searchURL, "the language's search page, where search forms send `q` (absent when the theme has no `search` layout)"),
        ])
}
