import Foundation

/// What the build will publish for one raster image, decided from its header before any pixel is
/// decoded, so that pages can be rendered with the variants' names while they are encoded.
struct ImagePlan: Sendable {
    /// Output path of the original (`zh/news/visit/photo.jpg`).
    var path: String
    var source: ImageSizes.File
    var outcome: Outcome

    enum Outcome: Sendable {
        case variants(PlannedImage)
        /// Published as it is: an animated GIF or WebP (re-encoding would keep one frame).
        case asItIs
        case refused(ImageProblem.Reason)
    }

    /// A stable digest of everything the variants depend on (for body caches).
    var key: String {
        switch outcome {
        case .variants(let image): image.sourceDigest
        case .asItIs: "as-is"
        case .refused: "refused"
        }
    }
}

/// A class: a plan is copied at each step that looks a photo up (the catalog, the images stage,
/// each use), and copying a dozen variants' strings each time was most of those steps.
final class PlannedImage: @unchecked Sendable {
    /// Shown size of the largest variant (the `width` and `height` attributes).
    let width: Int
    let height: Int
    /// SHA-256 of the source bytes, hex.
    let sourceDigest: String
    /// The JPEG `og:image` points to.
    let sharing: PlannedVariant
    /// The original at full size without its metadata, published where a page links to it: in
    /// its place when it keeps its format, else (TIFF, HEIC, GIF) beside it under a variant's name.
    let original: PlannedVariant?
    /// The narrowest variant's path: two photos with the same one (the same name and bytes) have
    /// the same variants.
    let firstPath: String
    /// Whether the sharing JPEG is one of the shown variants.
    let sharingIsShown: Bool
    /// The summary of the shown variants' names in the variant folder.
    let shownSummary: FolderSummary
    /// The srcsets of an unchanged photo's `<picture>`, as the build that planned it made them.
    let storedSnapshot: PlanSnapshot?

    private let lock = NSLock()
    private var made: [PlannedVariant]?
    /// Its `<picture>`, once made (`ImageCatalog.sharedMarkup(of:)`): the same on every page.
    private var madeMarkup: ImageMarkup?
    private let make: (@Sendable () -> [PlannedVariant])?

    init(width: Int, height: Int, sourceDigest: String, variants: [PlannedVariant], sharing: PlannedVariant, original: PlannedVariant?) {
        (self.width, self.height, self.sourceDigest) = (width, height, sourceDigest)
        (self.made, self.sharing, self.original) = (variants, sharing, original)
        firstPath = variants.first?.path ?? ""
        sharingIsShown = variants.contains { $0.path == sharing.path }
        shownSummary = PlannedImage.summary(of: variants)
        storedSnapshot = nil
        make = nil
    }

    /// An unchanged photo's plan from its snapshot: its variants are made only when asked for.
    init(snapshot: PlanSnapshot, sourceDigest: String, variants: @escaping @Sendable () -> [PlannedVariant]) {
        (width, height, self.sourceDigest) = (snapshot.width, snapshot.height, sourceDigest)
        (sharing, original, firstPath) = (snapshot.sharing, snapshot.original, snapshot.firstPath)
        (sharingIsShown, shownSummary, storedSnapshot) = (snapshot.sharingIsShown, snapshot.shownSummary, snapshot)
        make = variants
    }

    /// Every width in every format, narrowest first.
    var variants: [PlannedVariant] {
        lock.withLock {
            if let made { return made }
            let variants = make?() ?? []
            made = variants
            return variants
        }
    }

    /// The `<picture>` `make` gives, made on first use and kept.
    func markup(_ make: (PlannedImage) -> ImageMarkup) -> ImageMarkup {
        if let known = lock.withLock({ madeMarkup }) { return known }
        let markup = make(self)
        lock.withLock { madeMarkup = markup }
        return markup
    }

    /// The names of `variants` directly in the variant folder, summarised.
    static func summary(of variants: [PlannedVariant]) -> FolderSummary {
        var summary = FolderSummary()
        let skipped = PlannedVariant.folder.utf8.count + 1
        for variant in variants {
            var path = variant.path
            path.withUTF8 { bytes in
                guard bytes.count > skipped else { return }
                summary.add(name: UnsafeBufferPointer(rebasing: bytes[skipped...]))
            }
        }
        return summary
    }

    /// The published original for a link to the copy at `path` (a fallback copy of a bundle links
    /// its own copy): a converted original goes beside that copy.
    func original(linkedAt path: String) -> PlannedVariant? {
        guard var original else { return nil }
        let name = (original.path as NSString).lastPathComponent
        let folder = (path as NSString).deletingLastPathComponent
        if name == (path as NSString).lastPathComponent {
            original.path = path
        } else {
            original.path = folder.isEmpty ? name : folder + "/" + name
        }
        return original
    }
}

/// One file to encode and publish.
struct PlannedVariant: Sendable, Hashable {
    var width: Int
    var height: Int
    var settings: ImageFormatSettings
    /// SHA-256 of the source digest and every encoding parameter: the cache entry's name.
    var key: String
    /// Output path: in `img/`, with the original's name, the width and the key in the name (a
    /// linked original is published beside the page that links it instead).
    var path: String

    /// The output folder of every photo's variants: a rebuild that publishes the same variants
    /// moves the previous build's folder over whole (`OutputCarryOver`), one rename however many
    /// photos. A site's own files under `img/` are published too; then variants move one by one.
    /// One on a variant's path, or at `img` itself, is an error before anything is encoded
    /// (`OutputPlan.problems(of:with:)`).
    static let folder = "img"

    /// What a variant's key is made of besides the source's digest and the encoder.
    struct Spec: Sendable, Hashable {
        var width: Int
        var settings: ImageFormatSettings
    }

    var spec: Spec { Spec(width: width, settings: settings) }

    /// A key made by an earlier build (`ImageSourceIndex`).
    struct KnownKey: Sendable, Equatable {
        var spec: Spec
        var key: String
    }

    /// Whether the name carries the key: every variant but a linked original that keeps its
    /// name. Set when the plan names it (a linked copy keeps the name, `original(linkedAt:)`):
    /// comparing the name's end with the key for each of 2,000 variants cost more than listing them.
    var namesItsContent = true
}

/// Why an image cannot be published; printed at the place a page uses it.
struct ImageProblem: Error, Sendable {
    enum Reason: Sendable, Equatable {
        case unreadable
        case unsupported
        case corrupt
        case tooManyPixels(width: Int, height: Int, limit: Int)
        case encoderFailed
        /// libvips cannot be opened or started: why.
        case encoderUnavailable(String)
        case changedDuringBuild
    }

    var reason: Reason
    var image: String
    var location: SourceLocation?

    var diagnostic: Diagnostic {
        let message: String
        switch reason {
        case .unreadable: message = "image \(image) cannot be read"
        case .unsupported: message = "image \(image) is not in a format Hexaglot reads (JPEG, PNG, WebP, TIFF, HEIC/HEIF, GIF)"
        case .corrupt: message = "image \(image) is corrupt or truncated: it cannot be decoded"
        case .tooManyPixels(let width, let height, let limit):
            message =
                "image \(image) is \(width) × \(height) pixels, more than the limit of \(limit) "
                + "(images: maxPixels in site.yaml): refused as a possible decompression bomb"
        case .encoderFailed: message = "image \(image) could not be encoded"
        case .encoderUnavailable(let why): message = "image \(image) cannot be read: \(why) (Debian: apt-get install libvips42)"
        case .changedDuringBuild: message = "image \(image) changed during the build: build again"
        }
        return .error(message, at: location)
    }
}

extension ImagePlan {
    /// The plan for `bytes` of the file published at `path`.
    static func make(
        path: String, source: ImageSizes.File, facts: Result<ImageSourceFacts, ImageCodec.Fault>, settings: ImageSettings,
        encoderVersion: String, knownKeys: [PlannedVariant.KnownKey] = []
    ) -> ImagePlan {
        func refused(_ reason: ImageProblem.Reason) -> ImagePlan { ImagePlan(path: path, source: source, outcome: .refused(reason)) }
        let header: ImageCodec.Header, digest: String
        switch facts {
        case .success(let read): (header, digest) = (read.header, read.digest)
        case .failure(.unsupported): return refused(.unsupported)
        case .failure(.unavailable): return refused(.encoderUnavailable(ImageCodec.unavailability ?? ""))
        case .failure: return refused(.corrupt)
        }
        guard Self.readableLoaders.contains(where: header.loader.hasPrefix) else { return refused(.unsupported) }
        guard header.width > 0, header.height > 0 else { return refused(.corrupt) }
        guard header.width * header.height * max(header.frames, 1) <= settings.maximumPixels else {
            return refused(.tooManyPixels(width: header.width, height: header.height, limit: settings.maximumPixels))
        }
        if header.frames > 1 { return ImagePlan(path: path, source: source, outcome: .asItIs) }

        let largest = settings.widths.max() ?? header.width
        // Never enlarged; the source's own width is a variant when it lies below the largest.
        var widths: [Int] = []
        for width in (settings.widths.filter { $0 < header.width } + [min(header.width, largest)]).sorted() where widths.last != width {
            widths.append(width)
        }
        func height(atWidth width: Int) -> Int {
            max(1, Int((Double(header.height) * Double(width) / Double(header.width)).rounded()))
        }
        // Every photo's variants share one folder (`img/`), named by the photo's file name and their
        // key: a rebuild that publishes the same variants carries the folder over with one rename.
        let stem = PlannedVariant.folder + "/" + Self.nameStem(path) + "-"
        let head = digest + " w"
        func key(_ width: Int, _ format: ImageFormatSettings) -> String {
            // An unchanged photo's keys are those of the last build (`ImageSourceIndex`): hashing
            // 11 a photo was most of planning it.
            if let known = knownKeys.first(where: { $0.spec.width == width && $0.spec.settings == format }) { return known.key }
            // "<digest> w<width> <format> q<quality> e<effort> vips <version> <revision>", made by
            // appending: interpolating it was most of planning a photo.
            var parameters = head
            parameters += String(width)
            parameters += " " + format.format.rawValue + " q" + String(format.quality) + " e" + String(format.effort)
            parameters += " vips " + encoderVersion + " " + shimRevision
            // glib's SHA-256 (the one that hashes the photos), the same digest as `SHA256.hexDigest`
            // in a fraction of the time.
            return ImageCodec.digest(parameters)
        }
        func variant(_ width: Int, _ format: ImageFormatSettings, at fixedPath: String? = nil) -> PlannedVariant {
            let key = key(width, format)
            guard fixedPath == nil else {
                return PlannedVariant(
                    width: width, height: height(atWidth: width), settings: format, key: key, path: fixedPath!, namesItsContent: false)
            }
            return PlannedVariant(
                width: width, height: height(atWidth: width), settings: format, key: key,
                path: variantName(stem: stem, width: width, key: key, fileExtension: format.format.fileExtension))
        }
        var variants: [PlannedVariant] = []
        variants.reserveCapacity(widths.count * settings.formats.count)
        for width in widths {
            for format in settings.formats { variants.append(variant(width, format)) }
        }
        let jpeg = settings.formats.first { $0.format == .jpeg } ?? .init(format: .jpeg, quality: 80, effort: 0)
        let sharing = variant(min(header.width, settings.sharingWidth), jpeg)
        let widest = widths.last ?? header.width
        return ImagePlan(
            path: path, source: source,
            outcome: .variants(
                PlannedImage(
                    width: widest, height: height(atWidth: widest), sourceDigest: digest,
                    variants: variants, sharing: sharing,
                    original: ImageSettings.originalEncoding(loader: header.loader, hasAlpha: header.hasAlpha).map {
                        variant(header.width, $0.settings, at: $0.keepsName ? path : nil)
                    })))
    }

    /// `<stem><width>w-<the key's first 12 digits>.<extension>`, in one string of the right size:
    /// appending the five parts grew it three times, for each of a photo's dozen variants.
    private static func variantName(stem: String, width: Int, key: String, fileExtension: String) -> String {
        UTF8Joining.build(capacity: stem.utf8.count + UTF8Joining.Writer.decimalCapacity + 15 + fileExtension.utf8.count) { name in
            name.put(stem)
            name.put(decimal: width)
            name.put(UInt8(ascii: "w"))
            name.put(UInt8(ascii: "-"))
            name.put(key, first: 12)
            name.put(UInt8(ascii: "."))
            name.put(fileExtension)
        }
    }

    /// The file name of `path` without its extension (`photo` of `en/news/x/photo.jpg`).
    static func nameStem(_ path: String) -> Substring {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        // As NSString has it: a leading dot is part of the name, not an extension.
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return name }
        return name[..<dot]
    }

    /// Loaders of the input formats staff may use (vips would read more: PDF, FITS, …).
    private static let readableLoaders = ["jpegload", "pngload", "webpload", "tiffload", "heifload", "gifload"]
    /// Changes when the wrappers in CVips change what they produce.
    static let shimRevision = "hexaglot-vips-3"
}
