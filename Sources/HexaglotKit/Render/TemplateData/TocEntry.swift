/// A heading of a page's table of contents.
struct TocEntry: TemplateData {
    var title: String
    var id: String

    static let templateFields = TemplateFields<Self>(
        "heading", "A second-level heading of the body.",
        [
            .field("title", \.title, "its text"),
            .field("id", \.id, "its anchor"),
        ])
}
