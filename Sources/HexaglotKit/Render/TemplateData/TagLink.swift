/// A tag of a page, linking its tag page.
struct TagLink: TemplateData {
    var name: String
    var url: String

    static let templateFields = TemplateFields<Self>(
        "tag link", "A tag of a page.",
        [
            .field("name", \.name, "its name (i18n `tag.<slug>`, else its first spelling on the site)"),
            .field("url", \.url, "its tag page"),
        ])
}
