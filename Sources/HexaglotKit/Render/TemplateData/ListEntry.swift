/// A page in a list (a section, a tag page, the home page's sections).
struct ListEntry: TemplateData {
    var title: String
    var url: String
    var kind: String
    var tags: [TagLink]
    var summary: String?
    var date: DateData?
    var images: PhotoFields?

    static let templateFields = TemplateFields<Self>(
        "list entry", "A page in a list.",
        [
            .field("title", \.title, "its title"),
            .field("url", \.url, "its URL path"),
            .field("kind", \.kind, "`page` or `section`"),
            .field("tags", \.tags, "its tags"),
            .field("summary", \.summary, "its summary (absent if empty)"),
            .field("date", \.date, "its date (absent if none)"),
            .field("images", \.images, "the photos its front matter fields name (`images.thumbnail`), as `page.images`"),
        ])
}
