/// `tag`: the tag a tag page lists.
struct TagData: TemplateData {
    var name: String
    var slug: String
    var pages: [Lowered<ListEntry>]

    static let templateFields = TemplateFields<Self>(
        "tag", "The tag a tag page lists.",
        [
            .field("name", \.name, "its name"),
            .field("slug", \.slug, "its URL name"),
            .field("pages", \.pages, "its pages on this list page"),
        ])
}
