/// A date as pages show it.
struct DateData: TemplateData {
    var iso: String
    var display: String

    static let templateFields = TemplateFields<Self>(
        "date", "A date.",
        [
            .field("iso", \.iso, "machine-readable, for `<time datetime>`"),
            .field("display", \.display, "written out in the page's language (`2026年11月20日`)"),
        ])
}
