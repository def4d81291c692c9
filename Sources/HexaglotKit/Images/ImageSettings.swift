import Foundation

/// The encodings Hexaglot publishes photos in.
enum ImageFormat: String, CaseIterable, Sendable, Hashable {
    case avif, webp, jpeg
    /// Only for a linked PNG original, published again without its metadata.
    case png

    var fileExtension: String { rawValue == "jpeg" ? "jpg" : rawValue }
    var mimeType: String { "image/" + rawValue }
}

struct ImageFormatSettings: Sendable, Hashable {
    var format: ImageFormat
    var quality: Int
    /// Encoder effort: AVIF at libvips' default (4) takes ~5 times as long as at 2 for little gain.
    var effort: Int
}

/// site.yaml's `images:` settings, with the defaults staff get when they write nothing.
public struct ImageSettings: Sendable, Hashable {
    /// Widths of the variants, in pixels; never more than the source's own.
    var widths = [480, 960, 1600]
    /// Modern formats first: the browser takes the first `<source>` it can show; JPEG is the fallback.
    var formats: [ImageFormatSettings] = [
        .init(format: .avif, quality: 50, effort: 2),
        .init(format: .webp, quality: 75, effort: 4),
        .init(format: .jpeg, quality: 80, effort: 0),
    ]
    /// Images with more pixels than this are refused unread (decompression bombs).
    var maximumPixels = 100_000_000
    /// The variant cache, relative to the site folder unless absolute; never inside the output.
    var cacheFolder = ".hexaglot-cache/images"
    /// The width of the JPEG `og:image` points to (sharing previews).
    var sharingWidth = 1200
    /// How wide the default theme shows a body image: the text column (`.prose`, 70ch, about
    /// 40rem) on wide screens, the whole width on phones. A theme with another layout sets its own.
    var sizes = Self.defaultSizes
    /// Front matter fields besides `image` that hold a photo to show (`hero`, `thumbnail`):
    /// published as variants and given to templates as `page.images.<field>`.
    var fields: [String] = []

    static let defaultSizes = "(min-width: 44rem) 40rem, 100vw"

    public init() {}

    static let defaultQuality: [ImageFormat: Int] = [.avif: 50, .webp: 75, .jpeg: 80]
    static let defaultEffort: [ImageFormat: Int] = [.avif: 2, .webp: 4, .jpeg: 0]
    /// How a linked original ("full-size photo") is published again at full size, without its
    /// metadata: JPEG, PNG and WebP in their own format under their own name (nearly lossless);
    /// formats browsers do not show (TIFF, HEIC/HEIF) as a JPEG, or a PNG when they have
    /// transparency, as photo-sharing sites and Apple's own export do; a still GIF as a PNG
    /// (lossless, and no GIF encoder is needed). Those are named as variants (`-4032w-<hash>`).
    static func originalEncoding(loader: String, hasAlpha: Bool) -> (settings: ImageFormatSettings, keepsName: Bool)? {
        let jpeg = ImageFormatSettings(format: .jpeg, quality: 92, effort: 0), png = ImageFormatSettings(format: .png, quality: 100, effort: 6)
        // The name before `_buffer`, by its bytes: walking the loader's characters cost more
        // than the rest of planning the original.
        switch String(Substring(loader.utf8.prefix { $0 != UInt8(ascii: "_") })) {
        case "jpegload": return (jpeg, true)
        case "webpload": return (.init(format: .webp, quality: 92, effort: 4), true)
        case "pngload": return (png, true)
        case "gifload": return (png, false)
        case "tiffload", "heifload": return (hasAlpha ? png : jpeg, false)
        default: return nil
        }
    }
}

extension ImageSettings {
    /// Reads `images:` from site.yaml: `{widths: [480, 960], formats: [webp, jpeg],
    /// quality: {jpeg: 85}, maxPixels: 50000000, cache: ../cache, sizes: "100vw", fields: [hero]}`.
    static func read(_ node: YAMLNode, problems: inout [Diagnostic]) -> ImageSettings {
        var settings = ImageSettings()
        guard let entries = node.entries else {
            problems.append(.error("'images' must be a mapping, such as {widths: [480, 960, 1600]}", at: node.location))
            return settings
        }
        var qualities: [ImageFormat: Int] = [:]
        var formats = settings.formats.map(\.format)
        for entry in entries {
            let value = entry.value
            switch entry.key {
            case "widths":
                guard case .sequence(let items) = value.value, !items.isEmpty else {
                    problems.append(.error("'widths' must be a list of widths in pixels, such as [480, 960, 1600]", at: value.location))
                    continue
                }
                var widths: [Int] = []
                for item in items {
                    guard case .int(let width) = item.resolved, (16...10000).contains(width) else {
                        problems.append(
                            .error("a width must be a whole number of pixels from 16 to 10000, got \(item.shortDescription)", at: item.location))
                        continue
                    }
                    widths.append(width)
                }
                if !widths.isEmpty { settings.widths = Array(Set(widths)).sorted() }
            case "formats":
                guard case .sequence(let items) = value.value, !items.isEmpty else {
                    problems.append(.error("'formats' must be a list, such as [avif, webp, jpeg]", at: value.location))
                    continue
                }
                formats = []
                for item in items {
                    guard let name = item.scalarText, let format = ImageFormat(rawValue: name == "jpg" ? "jpeg" : name), format != .png
                    else {
                        problems.append(.error("unknown image format \(item.shortDescription) (known: avif, webp, jpeg)", at: item.location))
                        continue
                    }
                    if !formats.contains(format) { formats.append(format) }
                }
            case "quality":
                for option in value.entries ?? [] {
                    guard let format = ImageFormat(rawValue: option.key == "jpg" ? "jpeg" : option.key), format != .png,
                        case .int(let quality) = option.value.resolved, (1...100).contains(quality)
                    else {
                        problems.append(.error("quality must be given per format (avif, webp, jpeg) from 1 to 100", at: option.value.location))
                        continue
                    }
                    qualities[format] = quality
                }
            case "maxPixels":
                guard case .int(let limit) = value.resolved, limit > 0 else {
                    problems.append(.error("'maxPixels' must be a whole number above 0, got \(value.shortDescription)", at: value.location))
                    continue
                }
                settings.maximumPixels = limit
            case "cache":
                guard let folder = value.scalarText, !folder.isEmpty else {
                    problems.append(.error("'cache' must be a folder name", at: value.location))
                    continue
                }
                settings.cacheFolder = folder
            case "sizes":
                guard let sizes = value.scalarText, value.resolved != .null,
                    !sizes.allSatisfy(\.isWhitespace), !sizes.unicodeScalars.contains(where: { $0.value < 0x20 })
                else {
                    problems.append(
                        .error("'sizes' must be an HTML sizes attribute, such as \"(min-width: 44rem) 40rem, 100vw\"", at: value.location))
                    continue
                }
                settings.sizes = sizes
            case "fields":
                settings.fields = imageFields(value, problems: &problems)
            default:
                problems.append(
                    .error(
                        "unknown images setting '\(entry.key)' (known: widths, formats, quality, maxPixels, cache, sizes, fields)",
                        at: entry.keyLocation))
            }
        }
        // JPEG is always published: it is what every browser shows and what og:image points to.
        if !formats.contains(.jpeg) { formats.append(.jpeg) }
        settings.formats = formats.map {
            .init(format: $0, quality: qualities[$0] ?? defaultQuality[$0]!, effort: defaultEffort[$0]!)
        }
        return settings
    }

    /// `fields: [hero, thumbnail]`: front matter fields of the site's own (not `title`, `date` …).
    private static func imageFields(_ node: YAMLNode, problems: inout [Diagnostic]) -> [String] {
        guard case .sequence(let items) = node.value else {
            problems.append(.error("'fields' must be a list of front matter field names, such as [hero, thumbnail]", at: node.location))
            return []
        }
        var fields: [String] = []
        for item in items {
            guard let name = item.scalarText, item.resolved != .null, !name.isEmpty else {
                problems.append(.error("each image field must be a front matter field name, got \(item.shortDescription)", at: item.location))
                continue
            }
            guard !FrontMatter.typedFields.contains(name) else {
                problems.append(.error("'\(name)' cannot hold an image: Hexaglot reads it as the page's \(name)", at: item.location))
                continue
            }
            if !fields.contains(name) { fields.append(name) }
        }
        return fields
    }
}
