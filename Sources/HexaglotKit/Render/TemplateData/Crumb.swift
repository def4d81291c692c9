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
