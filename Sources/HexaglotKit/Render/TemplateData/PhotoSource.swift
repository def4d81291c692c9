/// One modern format of a photo, for a `<source type srcset>` of its `<picture>`.
struct PhotoSource: TemplateData {
    var type: String
    var srcset: String

    static let templateFields = TemplateFields<Self>(
        "photo source", "One modern format of a photo (AVIF, WebP).",
        [
            .field("type", \.type, "its MIME type (`image/avif`)"),
            .field("srcset", \.srcset, "its variants with their widths"),
        ])
}
