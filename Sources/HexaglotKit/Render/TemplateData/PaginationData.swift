/// `pagination`: the links between the pages of a long list.
struct PaginationData: TemplateData {
    var current: Int
    var total: Int
    var pages: [PageNumber]
    var prevURL: String?
    var nextURL: String?

    static let templateFields = TemplateFields<Self>(
        "pagination", "Links between the pages of a list (lists of more than one page).",
        [
            .field("current", \.current, "this page's number"),
            .field("total", \.total, "how many pages"),
            .field("pages", \.pages, "the first, the last and two pages each side of the current one"),
            .field("prevURL", \.prevURL, "the previous page (absent on the first)"),
            .field("nextURL", \.nextURL, "the next page (absent on the last)"),
        ])
}
