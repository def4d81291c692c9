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
