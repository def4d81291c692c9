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

/// An entry of the language's menu.
struct MenuEntry: TemplateData {
    var title: String
    var url: String
    var isCurrent: Bool

    static let templateFields = TemplateFields<Self>(
        "menu entry", "An entry of the menu (front matter `menu`).",
        [
            .field("title", \.title, "its page's title"),
            .field("url", \.url, "its page"),
            .field("isCurrent", \.isCurrent, "the page being rendered is it or inside it"),
        ])
}

/// A folder above the page.
struct Crumb: TemplateData {
    var title: String
    var url: String

    static let templateFields = TemplateFields<Self>(
        "breadcrumb", "A folder above the page, from the home page down.",
        [
            .field("title", \.title, "its title"),
            .field("url", \.url, "its list"),
        ])
}
