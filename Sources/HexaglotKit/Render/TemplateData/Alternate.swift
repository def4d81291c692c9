/// A translation of the page for `<link rel="alternate" hreflang>`.
struct Alternate: TemplateData {
    var hreflang: String
    var href: String

    static let templateFields = TemplateFields<Self>(
        "alternate", "A translation of the page.",
        [
            .field("hreflang", \.hreflang, "its BCP 47 tag, or `x-default`"),
            .field("href", \.href, "its absolute URL"),
        ])
}
