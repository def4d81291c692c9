import Foundation

/// The raster images pages use, each read and planned once on first use (from any thread) and
/// shared by every page that shows it.
final class ImageCatalog: @unchecked Sendable {
    let settings: ImageSettings
    let files: ImageSizes
    let rootPath: String
    /// Where the facts of unchanged photos are kept between builds; nil reads every photo.
    let sources: ImageSourceIndex?
    private let lock = NSLock()
    private var plans: [String: ImagePlan] = [:]
    private let parts: MarkupParts
    /// The settings a stored plan must have been made with (`PlanSnapshot.context`).
    private let snapshotContext: String

    init(settings: ImageSettings, files: ImageSizes, rootPath: String, sources: ImageSourceIndex? = nil) {
        self.settings = settings
        self.files = files
        self.rootPath = rootPath
        self.sources = sources
        parts = MarkupParts(settings: settings, rootPath: rootPath)
        snapshotContext = PlanSnapshot.context(
            settings: settings, rootPath: rootPath, encoder: "vips \(ImageCodec.version) \(ImagePlan.shimRevision)")
    }

    /// File name endings Hexaglot treats as photos to re-encode (any case); others (SVG) are
    /// published as they are. BMP is here so that it is refused by name rather than leaked.
    static let rasterExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "tif", "tiff", "heic", "heif", "gif", "bmp"]

    /// Decided on the bytes after the last dot of the last segment: `NSString.pathExtension` cost
    /// more than the rest of an image's lookup (every image of every page asks).
    static func isRaster(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var dot = bytes.count - 1
            while dot >= 0, bytes[dot] != UInt8(ascii: "."), bytes[dot] != UInt8(ascii: "/") { dot -= 1 }
            // No extension, or a name that is only one (`.jpg`, as NSString has it).
            guard dot > 0, bytes[dot] == UInt8(ascii: "."), bytes[dot - 1] != UInt8(ascii: "/"), (3...4).contains(bytes.count - dot - 1)
            else { return false }
            return rasterExtensions.contains(String(decoding: bytes[(dot + 1)...].map { $0 | 0x20 }, as: UTF8.self))
        }
    }

    /// Whether a link as written may name a raster image, decided on its last bytes: every link
    /// of every page is asked, and nearly all of them are to pages.
    static func mayNameRaster(_ url: String) -> Bool {
        url.utf8.withContiguousStorageIfAvailable(mayNameRaster) ?? Array(url.utf8).withUnsafeBufferPointer(mayNameRaster)
    }

    /// The same over the bytes, as plain loops (the generic collection calls on a UTF8View were
    /// not specialised and cost more than the rest of the link's rewrite).
    private static func mayNameRaster(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        // Percent-encoded names are decoded by `resolve`; they are rare enough to take that path.
        if memchr(base, Int32(UInt8(ascii: "%")), bytes.count) != nil { return true }
        var end = 0
        while end < bytes.count, bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") { end += 1 }
        // The last dot of the path, at most five bytes from its end, with no slash after it.
        var dot = end - 1
        while dot >= 0, dot >= end - 5, bytes[dot] != UInt8(ascii: ".") {
            if bytes[dot] == UInt8(ascii: "/") { return false }
            dot -= 1
        }
        guard dot >= 0, bytes[dot] == UInt8(ascii: "."), (3...4).contains(end - dot - 1) else { return false }
        return rasterExtensions.contains(String(decoding: bytes[(dot + 1)..<end].map { $0 | 0x20 }, as: UTF8.self))
    }

    /// The plan for an image URL written on the page at output path `page`; nil when the URL
    /// names no raster file of the site (external, SVG, missing: left to the link checker).
    func plan(forURL url: String, onPage page: String) -> ImagePlan? {
        guard let (path, file) = files.resolve(url, onPage: page, rootPath: rootPath), Self.isRaster(path) else { return nil }
        return plan(path: file.canonicalPath, file: file)
    }

    func plan(path: String, file: ImageSizes.File) -> ImagePlan {
        if let known = lock.withLock({ plans[path] }) { return known }
        let plan: ImagePlan
        // Stamped before the bytes are read: a file that changes while it is read gets another stamp.
        let found = sources?.lookUp(file.path)
        if let found, let entry = found.entry,
            let snapshot = PlanSnapshot(
                entry.snapshot, context: snapshotContext, path: path, keys: entry.keysField, slots: parts.modern.count + 1)
        {
            // An unchanged photo planned by the last build with these settings: its variants are
            // made from its stored keys only if something asks for them.
            let (settings, facts) = (settings, entry.facts)
            plan = ImagePlan(
                path: path, source: file,
                outcome: .variants(
                    PlannedImage(snapshot: snapshot, sourceDigest: facts.digest) {
                        let made = ImagePlan.make(
                            path: path, source: file, facts: .success(facts), settings: settings, encoderVersion: ImageCodec.version,
                            knownKeys: entry.keys ?? [])
                        guard case .variants(let image) = made.outcome else { return [] }
                        return image.variants
                    }))
            sources?.keep(path: found.path, entry: entry)
        } else if let found, let entry = found.entry, let keys = entry.keys {
            plan = ImagePlan.make(
                path: path, source: file, facts: .success(entry.facts), settings: settings, encoderVersion: ImageCodec.version,
                knownKeys: keys)
            sources?.keep(
                path: found.path, stamp: found.stamp, facts: entry.facts, plan: plan, snapshot: { self.snapshot(of: plan, keys: $0) },
                known: (keys, entry.keysField))
        } else if let bytes = FileManager.default.contents(atPath: file.path) {
            let facts = ImageSourceFacts.read(bytes)
            plan = ImagePlan.make(path: path, source: file, facts: facts, settings: settings, encoderVersion: ImageCodec.version)
            if let found, case .success(let read) = facts {
                sources?.keep(path: found.path, stamp: found.stamp, facts: read, plan: plan) { self.snapshot(of: plan, keys: $0) }
            }
        } else {
            plan = ImagePlan(path: path, source: file, outcome: .refused(.unreadable))
        }
        lock.withLock { plans[path] = plan }
        return plan
    }

    /// The snapshot field of a plan just made with `keys` (empty when it has no variants): its
    /// markup is made now, and kept for the pages that show it.
    private func snapshot(of plan: ImagePlan, keys: String) -> String {
        guard case .variants(let image) = plan.outcome else { return "" }
        let (src, srcsets) = self.srcsets(of: image)
        _ = image.markup { markup(of: $0, src: src, srcsets: srcsets) }
        let snapshot = PlanSnapshot(
            width: image.width, height: image.height, firstPath: image.firstPath, sharingIsShown: image.sharingIsShown,
            shownSummary: image.shownSummary, sharing: image.sharing, original: image.original, src: src, srcsets: srcsets)
        return snapshot.serialized(context: snapshotContext, path: plan.path, keys: keys) ?? ""
    }

    /// The published URL of a variant.
    func url(of variant: PlannedVariant) -> String {
        rootPath + URLPath.encodePath(variant.path)
    }

    /// The `<picture>` of a planned image: made on first use (from its snapshot when it has one),
    /// then shared by every page and language that shows it (a fallback copy shows the original's).
    func sharedMarkup(of image: PlannedImage) -> ImageMarkup {
        image.markup { image in
            image.storedSnapshot.map { markup(of: image, src: $0.src, srcsets: $0.srcsets) } ?? markup(of: image)
        }
    }

    /// What every photo's `<picture>` shares, worked out once for the site: escaping `sizes` and
    /// listing the formats for each of 200 photos was a fifth of making its markup.
    private struct MarkupParts {
        /// The site's root path as bytes, and whether it holds a character HTML escapes (then
        /// the attributes are escaped field by field, `ImageMarkup.prepared()`).
        var root: [UInt8]
        var rootNeedsEscaping: Bool
        var escapedSizes: [UInt8]
        /// The formats other than JPEG, best first, with their MIME types.
        var modern: [(format: ImageFormat, mimeType: String)]

        init(settings: ImageSettings, rootPath: String) {
            root = Array(rootPath.utf8)
            rootNeedsEscaping = root.contains { "&<>\"'".utf8.contains($0) }
            escapedSizes = []
            HTMLEscaping.append(settings.sizes, to: &escapedSizes)
            modern = settings.formats.map(\.format).filter { $0 != .jpeg }.map { ($0, $0.mimeType) }
        }
    }

    /// The `<picture>` of a planned image, its HTML made: one source per modern format, the JPEG
    /// as fallback.
    func markup(of image: PlannedImage) -> ImageMarkup {
        let (src, srcsets) = srcsets(of: image)
        return markup(of: image, src: src, srcsets: srcsets)
    }

    /// The fallback JPEG's URL and each format's srcset (the modern formats, then JPEG).
    private func srcsets(of image: PlannedImage) -> (src: String?, srcsets: [[UInt8]]) {
        let root = parts.root
        // A photo's variants differ only in parts that never need encoding (width, key, format):
        // when the first one's path needs none, none does, and each is copied as it is.
        let variants = image.variants
        let asTheyAre = variants.first.map { URLPath.encodePath($0.path) == $0.path } ?? true
        // Every format's srcset in one pass over the variants, into one byte buffer each:
        // appending strings (each URL, width and separator) was most of a photo's markup.
        var srcsets = [[UInt8]](repeating: [], count: parts.modern.count + 1)
        let perFormat = variants.count / max(1, parts.modern.count + 1) + 1
        for index in srcsets.indices { srcsets[index].reserveCapacity(perFormat * (root.count + 64)) }
        for variant in variants {
            let format = variant.settings.format
            guard let index = format == .jpeg ? parts.modern.count : parts.modern.firstIndex(where: { $0.format == format }) else { continue }
            if !srcsets[index].isEmpty {
                srcsets[index].append(UInt8(ascii: ","))
                srcsets[index].append(UInt8(ascii: " "))
            }
            srcsets[index].append(contentsOf: root)
            srcsets[index].append(utf8Of: asTheyAre ? variant.path : URLPath.encodePath(variant.path))
            srcsets[index].append(UInt8(ascii: " "))
            srcsets[index].append(decimal: variant.width)
            srcsets[index].append(UInt8(ascii: "w"))
        }
        return (variants.last { $0.settings.format == .jpeg }.map(url(of:)), srcsets)
    }

    /// The `<picture>` of `image` from its srcsets.
    private func markup(of image: PlannedImage, src: String?, srcsets: [[UInt8]]) -> ImageMarkup {
        let jpeg = srcsets[parts.modern.count]
        var markup = ImageMarkup(
            src: src, width: image.width, height: image.height,
            srcset: String(decoding: jpeg, as: UTF8.self), sizes: settings.sizes,
            sources: parts.modern.indices.map { .init(type: parts.modern[$0].mimeType, srcset: String(decoding: srcsets[$0], as: UTF8.self)) })
        // The URLs are percent-encoded, so only the site's root path could hold a character HTML
        // escapes: without one, the attributes are written from the same bytes, not escaped again.
        guard !parts.rootNeedsEscaping else { return markup.prepared() }
        let sizes = parts.escapedSizes
        var attributes: [UInt8] = []
        attributes.reserveCapacity(jpeg.count + sizes.count + 64)
        attributes.append(static: " srcset=\"")
        attributes += jpeg
        attributes.append(static: "\" sizes=\"")
        attributes += sizes
        attributes.append(static: "\" width=\"")
        attributes.append(decimal: image.width)
        attributes.append(static: "\" height=\"")
        attributes.append(decimal: image.height)
        attributes.append(UInt8(ascii: "\""))
        var sources: [UInt8] = []
        sources.reserveCapacity(srcsets.reduce(0) { $0 + $1.count + sizes.count + 48 })
        for (index, format) in parts.modern.enumerated() {
            sources.append(static: "<source type=\"")
            sources.append(utf8Of: format.mimeType)
            sources.append(static: "\" srcset=\"")
            sources += srcsets[index]
            sources.append(static: "\" sizes=\"")
            sources += sizes
            sources.append(static: "\">")
        }
        markup.preparedAttributes = String(decoding: attributes, as: UTF8.self)
        markup.preparedSources = String(decoding: sources, as: UTF8.self)
        return markup
    }
}
