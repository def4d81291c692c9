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
        var html = ""
        if let srcset { html += " srcset=\"\(HTMLEscaping.attribute(srcset))\"" }
        if let sizes { html += " sizes=\"\(HTMLEscaping.attribute(sizes))\"" }
        if let width, let height { html += " width=\"\(width)\" height=\"\(height)\"" }
        return html
    }

    /// The `<source>` elements of the `<picture>`, escaped.
    var sourcesHTML: String {
        if let preparedSources { return preparedSources }
        return sources.map { source in
            "<source type=\"\(HTMLEscaping.attribute(source.type))\" srcset=\"\(HTMLEscaping.attribute(source.srcset))\""
                + (sizes.map { " sizes=\"\(HTMLEscaping.attribute($0))\"" } ?? "") + ">"
        }.joined()
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
