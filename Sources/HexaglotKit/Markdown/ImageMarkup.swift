/// How the Markdown renderer writes one image: its size, and for a photo with variants the
/// `srcset`, `sizes` and modern-format `<source>`s of a `<picture>`.
public struct ImageMarkup: Sendable, Equatable {
    /// Replaces the URL the author wrote (the fallback JPEG of a photo).
    public var src: String?
    public var width: Int?
    public var height: Int?
    public var srcset: String?
    public var sizes: String?
    /// `<source>`s before the `<img>`, best format first; none: a plain `<img>`.
    public var sources: [Source] = []

    public struct Source: Sendable, Equatable {
        public var type: String
        public var srcset: String
    }

    /// `attributesHTML` and `sourcesHTML`, made once for a photo every page that shows it shares
    /// (nil: made from the fields above for each image).
    var preparedAttributes: String?
    var preparedSources: String?

    /// The same, its HTML made once: every page and fallback copy showing the photo writes it.
    func prepared() -> ImageMarkup {
        var copy = self
        copy.preparedAttributes = attributesHTML
        copy.preparedSources = sourcesHTML
        return copy
    }

    /// The attributes after the `alt` that cmark writes: `srcset`, `sizes`, `width` and `height`, escaped.
    var attributesHTML: String {
        if let preparedAttributes { return preparedAttributes }
        var html: [UInt8] = []
        html.reserveCapacity((srcset?.utf8.count ?? 0) + (sizes?.utf8.count ?? 0) + 64)
        if let srcset { Self.append("srcset", srcset, to: &html) }
        if let sizes { Self.append("sizes", sizes, to: &html) }
        if let width, let height {
            html += " width=\"".utf8
            html.append(decimal: width)
            html += "\" height=\"".utf8
            html.append(decimal: height)
            html.append(UInt8(ascii: "\""))
        }
        return String(decoding: html, as: UTF8.self)
    }

    /// The `<source>` elements of the `<picture>`, escaped.
    var sourcesHTML: String {
        if let preparedSources { return preparedSources }
        // Into one byte buffer: interpolating and joining strings was half of making a photo's markup.
        var html: [UInt8] = []
        html.reserveCapacity(sources.reduce(0) { $0 + $1.srcset.utf8.count + (sizes?.utf8.count ?? 0) + 48 })
        for source in sources {
            html += "<source".utf8
            Self.append("type", source.type, to: &html)
            Self.append("srcset", source.srcset, to: &html)
            if let sizes { Self.append("sizes", sizes, to: &html) }
            html.append(UInt8(ascii: ">"))
        }
        return String(decoding: html, as: UTF8.self)
    }

    /// ` name="value"`, the value escaped.
    private static func append(_ name: StaticString, _ value: String, to html: inout [UInt8]) {
        html.append(UInt8(ascii: " "))
        html.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        html.append(UInt8(ascii: "="))
        html.append(UInt8(ascii: "\""))
        HTMLEscaping.append(value, to: &html)
        html.append(UInt8(ascii: "\""))
    }

    /// An image that keeps its URL, with its size when known.
    public static func sized(_ size: (width: Int, height: Int)?) -> ImageMarkup {
        ImageMarkup(src: nil, width: size?.width, height: size?.height, srcset: nil, sizes: nil)
    }
}

/// An image of a Markdown body, as the renderer hands it to the build.
public struct MarkdownImage: Sendable {
    public var url: String
    /// Its description (`![this](…)`) as plain text: the `alt` attribute.
    public var alt: String
    public var location: SourceLocation
    /// The body's first image loads at once; the others when the reader scrolls near them.
    public var isFirst: Bool
}
