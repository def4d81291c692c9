/// `section`: the folder a list page shows.
struct SectionData: TemplateData {
    var title: String
    var url: String
    var content: Markup
    var pages: [Lowered<ListEntry>]
    var subsections: [Lowered<ListEntry>]
    var hasPages: Bool

    static let templateFields = TemplateFields<Self>(
        "section", "The folder a list page shows (home and section pages).",
        [
            .field("title", \.title, "its title"),
            .field("url", \.url, "its URL path"),
            .field("content", \.content, "its `_index.md` body, rendered"),
            .field("pages", \.pages, "its pages on this list page, newest first"),
            .field("subsections", \.subsections, "its subfolders"),
            .field("hasPages", \.hasPages, "this list page lists any page"),
        ])
}
