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
