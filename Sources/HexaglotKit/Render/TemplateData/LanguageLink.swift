/// A language of the switcher: this page's translation, or where to go without one.
struct LanguageLink: TemplateData {
    var code: String
    var name: String
    var locale: String
    var dir: String
    var isCurrent: Bool
    var url: String
    var isTranslated: Bool

    static let templateFields = TemplateFields<Self>(
        "language link", "A language of the switcher.",
        [
            .field("code", \.code, "the language's code"),
            .field("name", \.name, "its name in itself"),
            .field("locale", \.locale, "its BCP 47 tag"),
            .field("dir", \.dir, "its direction"),
            .field("isCurrent", \.isCurrent, "the page's own language"),
            .field("url", \.url, "the translation; without one, a fallback copy, the nearest translation or the language's home"),
            .field("isTranslated", \.isTranslated, "the page exists in that language"),
        ])
}
