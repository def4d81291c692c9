/// A top-level folder on the home page, with its newest pages.
struct HomeSection: TemplateData {
    var title: String
    var url: String
    var pages: [Lowered<ListEntry>]
    var hasMore: Bool
    var summary: String?

    static let templateFields = TemplateFields<Self>(
        "home section", "A top-level folder with its six newest pages.",
        [
            .field("title", \.title, "its title"),
            .field("url", \.url, "its list"),
            .field("pages", \.pages, "its six newest pages"),
            .field("hasMore", \.hasMore, "it has more than six"),
            .field("summary", \.summary, "its summary (absent if empty)"),
        ])
}
