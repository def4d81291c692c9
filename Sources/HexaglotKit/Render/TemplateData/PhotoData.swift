/// A photo a front matter field names (`hero: hero.jpg`, for a field site.yaml lists in
/// `images: {fields: […]}`): what a template needs to write its `<picture>`.
struct PhotoData: TemplateData {
    var src: String
    var srcset: String?
    var sizes: String?
    var width: Int?
    var height: Int?
    var sources: [PhotoSource]

    static let templateFields = TemplateFields<Self>(
        "photo", "A photo named by a front matter field that site.yaml lists (`images: {fields: [hero]}`).",
        [
            .field("src", \.src, "URL path of the widest JPEG variant (of the file itself for SVG and animated GIF)"),
            .field("srcset", \.srcset, "the JPEG variants with their widths, for `<img srcset>` (absent for SVG and animated GIF)"),
            .field("sizes", \.sizes, "site.yaml's `images.sizes`, for `sizes` (absent with `srcset`)"),
            .field("width", \.width, "its width in pixels as shown, for `<img width>` (absent when unknown)"),
            .field("height", \.height, "its height in pixels as shown"),
            .field("sources", \.sources, "one per modern format, best first, for `<source>` before the `<img>`"),
        ])
}

/// The photos of a page's front matter fields, by field name (`page.images.hero`).
struct PhotoFields: TemplateLowerable, Sendable {
    var photos: [String: PhotoData]
    static var templateKind: TemplateKind { .keyed(PhotoData.templateFields.shape) }
    var templateValue: TemplateValue? { .map(photos.compactMapValues(\.templateValue)) }
}

extension PhotoData {
    init(_ markup: ImageMarkup, url: String) {
        self.init(
            src: markup.src ?? url, srcset: markup.srcset, sizes: markup.sizes, width: markup.width, height: markup.height,
            sources: markup.sources.map { PhotoSource(type: $0.type, srcset: $0.srcset) })
    }
}
