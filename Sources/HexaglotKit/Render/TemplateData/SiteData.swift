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
