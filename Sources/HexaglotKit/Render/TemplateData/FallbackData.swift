/// The language a fallback copy is in.
struct FallbackData: TemplateData {
    var code: String
    var name: String
    var locale: String
    var dir: String
    var url: String

    static let templateFields = TemplateFields<Self>(
        "fallback", "The page a fallback copy shows.",
        [
            .field("code", \.code, "its language's code"),
            .field("name", \.name, "its language's name"),
            .field("locale", \.locale, "its language's BCP 47 tag"),
            .field("dir", \.dir, "its language's direction"),
            .field("url", \.url, "the original page"),
        ])
}
