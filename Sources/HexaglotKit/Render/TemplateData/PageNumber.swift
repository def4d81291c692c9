/// A page number of a pagination, or a gap where numbers are left out.
struct PageNumber: TemplateData {
    var number: Int?
    var url: String?
    var isCurrent: Bool?
    var isGap: Bool?

    static let templateFields = TemplateFields<Self>(
        "page number", "A page number, or a gap.",
        [
            .field("number", \.number, "the number"),
            .field("url", \.url, "its page"),
            .field("isCurrent", \.isCurrent, "the page being rendered"),
            .field("isGap", \.isGap, "numbers are left out here (then the other fields are absent)"),
        ])
}
