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
