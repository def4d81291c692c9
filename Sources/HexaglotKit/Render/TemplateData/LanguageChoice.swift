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
