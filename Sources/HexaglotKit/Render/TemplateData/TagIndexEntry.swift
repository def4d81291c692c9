/// A tag on the tags page.
struct TagIndexEntry: TemplateData {
    var name: String
    var url: String
    var count: Int
    var countLabel: String

    static let templateFields = TemplateFields<Self>(
        "tag entry", "A tag of the language, on its tags page.",
        [
            .field("name", \.name, "its name"),
            .field("url", \.url, "its tag page"),
            .field("count", \.count, "how many pages have it"),
            .field("countLabel", \.countLabel, "the same in words, plural-aware (`i18n` `page_count`)"),
        ])
}
