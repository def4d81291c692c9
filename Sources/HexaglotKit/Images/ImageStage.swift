import Foundation

/// The images stage: every photo pages show is published as variants (widths × formats) taken
/// from the variant cache, encoding on every core only what the cache lacks. Images that cannot
/// be published are errors at each place a page uses them.
struct ImageStage: Sendable {
    let catalog: ImageCatalog
    let cache: ImageVariantCache
    let progress: (@Sendable (String) -> Void)?

    struct Result: Sendable {
        var files: [OutputFile] = []
        var problems: [Diagnostic] = []
        /// Variants encoded by this build (the others came from the cache).
        var encoded = 0
    }

    /// Variants of one photo some page needs, with the first place that needs them (for their
    /// errors): one for each photo and way it is used, not one for each variant, as copying the
    /// photo's plan into each of its 2,000 variants' entries cost more than the rest of the stage.
    struct Needed: Sendable {
        var plan: ImagePlan
        /// Nil for every shown variant of the plan's image, which an unchanged photo makes only
        /// when they are asked for (`PlannedImage.variants`).
        private var listed: [PlannedVariant]?
        var location: SourceLocation?
        /// Whether they lie in the variant folder: those shown and shared do, a linked original not.
        var isInFolder: Bool

        init(plan: ImagePlan, variants listed: [PlannedVariant]?, location: SourceLocation?, isInFolder: Bool) {
            (self.plan, self.listed, self.location, self.isInFolder) = (plan, listed, location, isInFolder)
        }

        var variants: [PlannedVariant] { listed ?? shownImage?.variants ?? [] }

        /// The image whose shown variants these are, when they are.
        var shownImage: PlannedImage? {
            guard listed == nil, case .variants(let image) = plan.outcome else { return nil }
            return image
        }
    }

    /// The variants the pages' `uses` need, and the problems of the images they name.
    func plan(_ bodies: [RenderedBody]) -> (variants: [Needed], problems: [Diagnostic]) {
        // In the order pages first need them (the pages' order is the site's, so this is
        // deterministic): sorting two thousand paths cost more than finding them.
        var needed: [Needed] = []
        // The paths of the shared and linked variants, and the first shown variant of each photo
        // (two photos with the same name and bytes have the same variants' names): hashing every
        // variant's path instead was most of this step.
        var neededPaths: Set<String> = [], shownNames: Set<String> = []
        var sharingGroups: [Int] = []
        var problems: [Diagnostic] = []
        var reported: Set<Diagnostic> = []
        // The plans whose shown variants or sharing JPEG are listed: every page and fallback copy
        // showing a photo names the same ones, so they are looked at once.
        var listed: (shown: Set<String>, sharing: Set<String>) = ([], [])
        for body in bodies where !body.repeatsOriginal {
            for use in body.imageUses {
                guard let file = catalog.files.file(atPath: use.path) else { continue }
                // Listed before the plan is looked up: copying a photo's plan for each of its 1,000
                // uses cost more. An image without variants is taken off the list again, so that
                // each place using a refused one is reported.
                if use.kind == .shown, !listed.shown.insert(file.canonicalPath).inserted { continue }
                if use.kind == .sharing, !listed.sharing.insert(file.canonicalPath).inserted { continue }
                let plan = catalog.plan(path: file.canonicalPath, file: file)
                var hasVariants = false
                if case .variants = plan.outcome { hasVariants = true }
                if !hasVariants, use.kind == .shown { listed.shown.remove(file.canonicalPath) }
                if !hasVariants, use.kind == .sharing { listed.sharing.remove(file.canonicalPath) }
                switch plan.outcome {
                case .asItIs: continue
                case .refused(let reason):
                    // A link to a file that is not an image Hexaglot reads publishes it as it is.
                    guard use.kind != .linked else { continue }
                    let problem = ImageProblem(reason: reason, image: file.displayPath, location: use.location).diagnostic
                    if reported.insert(problem).inserted { problems.append(problem) }
                case .variants(let image):
                    var variants: [PlannedVariant]?
                    switch use.kind {
                    case .shown:
                        guard !image.firstPath.isEmpty, shownNames.insert(image.firstPath).inserted else { continue }
                        variants = nil
                    case .sharing:
                        variants = neededPaths.insert(image.sharing.path).inserted ? [image.sharing] : []
                        if variants?.isEmpty == false { sharingGroups.append(needed.count) }
                    // A linked original is replaced where it is linked (a fallback copy links its own).
                    case .linked:
                        variants = image.original(linkedAt: use.path).map { [$0] } ?? []
                        variants?.removeAll { !neededPaths.insert($0.path).inserted }
                    }
                    if variants?.isEmpty != true {
                        needed.append(Needed(plan: plan, variants: variants, location: use.location, isInFolder: use.kind != .linked))
                    }
                }
            }
        }
        // A sharing JPEG that is also one of the shown widths of its photo (or of one with the same
        // name and bytes) is listed once, with the shown ones.
        let repeated = sharingGroups.filter { index in
            guard case .variants(let image) = needed[index].plan.outcome else { return false }
            return shownNames.contains(image.firstPath) && image.sharingIsShown
        }
        for index in repeated.reversed() { needed.remove(at: index) }
        return (needed, problems)
    }

    /// The needed variants in the variant folder (`img/`), and the others (originals published
    /// where a page links them).
    static func split(_ needed: [Needed]) -> (inFolder: [Needed], beside: [Needed]) {
        var inFolder: [Needed] = [], beside: [Needed] = []
        inFolder.reserveCapacity(needed.count)
        for group in needed {
            if group.isInFolder { inFolder.append(group) } else { beside.append(group) }
        }
        return (inFolder, beside)
    }

    /// The summary of the names of `needed`'s variants (each once: `plan` leaves no repeats), all
    /// directly in the variant folder: what the old folder must match to be published again.
    static func summary(of needed: [Needed]) -> FolderSummary {
        var summary = FolderSummary()
        let skipped = PlannedVariant.folder.utf8.count + 1
        for group in needed {
            // A photo's shown variants as their plan summarised them: an unchanged photo's are not made.
            if let image = group.shownImage {
                summary.add(image.shownSummary)
                continue
            }
            for variant in group.variants {
                var path = variant.path
                path.withUTF8 { summary.add(name: UnsafeBufferPointer(rebasing: $0[skipped...])) }
            }
        }
        return summary
    }

    /// Encodes what the cache lacks, then lists every needed variant as an output file.
    func run(_ needed: [Needed]) -> Result {
        var result = Result()
        // One unit per image and width: decoded and resized once, then encoded in each format.
        var units: [String: (plan: ImagePlan, width: Int, location: SourceLocation?, variants: [PlannedVariant])] = [:]
        var queued: Set<String> = []
        // Each entry's path made once, for the lookup and for the file the output copies.
        let entries = needed.map { $0.variants.map(cache.path(of:)) }
        let cached = cache.contains(paths: entries.flatMap { $0 })
        var index = 0
        for group in needed {
            for variant in group.variants {
                defer { index += 1 }
                guard !cached[index], queued.insert(variant.key).inserted else { continue }
                let key = "\(group.plan.path)\u{0}\(variant.width)"
                units[key, default: (group.plan, variant.width, group.location, [])].variants.append(variant)
            }
        }
        let work = units.keys.sorted().map { units[$0]! }
        let counter = ProgressCounter(stage: "Images", languages: ["encoded"], totals: ["encoded": work.count], report: progress)
        let failures = work.parallelMap { unit -> Diagnostic? in
            defer { counter?.finished("encoded") }
            return encode(unit.plan, width: unit.width, unit.variants, usedAt: unit.location)
        }
        var reported: Set<Diagnostic> = []
        for case let problem? in failures where reported.insert(problem).inserted { result.problems.append(problem) }
        result.encoded = work.reduce(0) { $0 + $1.variants.count }
        // A variant's name carries its key: the file a previous build published under that name
        // holds the same bytes, and is linked instead of copied and compared again (on a warm
        // rebuild, copying every variant was most of what photos cost).
        result.files.reserveCapacity(index)
        for (group, paths) in zip(needed, entries) {
            let origin = group.plan.source.displayPath
            for (variant, entry) in zip(group.variants, paths) {
                result.files.append(
                    OutputFile(path: variant.path, contents: .copyPath(entry), origin: origin, isUnchanged: variant.namesItsContent))
            }
        }
        return result
    }

    private func encode(_ plan: ImagePlan, width: Int, _ variants: [PlannedVariant], usedAt location: SourceLocation?) -> Diagnostic? {
        func problem(_ reason: ImageProblem.Reason) -> Diagnostic {
            ImageProblem(reason: reason, image: plan.source.displayPath, location: location).diagnostic
        }
        guard case .variants(let image) = plan.outcome else { return nil }
        guard let bytes = FileManager.default.contents(atPath: plan.source.path) else { return problem(.unreadable) }
        // The cache key names the bytes the plan read: encoding other bytes under it would poison it.
        guard ImageCodec.digest(bytes) == image.sourceDigest else { return problem(.changedDuringBuild) }
        switch ImageCodec.encode(bytes, width: width, formats: variants.map(\.settings)) {
        case .failure(.corrupt), .failure(.unsupported): return problem(.corrupt)
        case .failure(.unavailable): return problem(.encoderUnavailable(ImageCodec.unavailability ?? ""))
        case .failure: return problem(.encoderFailed)
        case .success(let encodings):
            for (variant, encoding) in zip(variants, encodings) {
                do {
                    try cache.store(encoding.bytes, for: variant)
                } catch {
                    return .error("cannot write the image cache \(cache.folder.path): \(error.localizedDescription)", at: nil)
                }
            }
            return nil
        }
    }

    /// The originals not copied as they are: every copy of a photo pages show (its variants are
    /// published instead), except where a page links to it, and there too when it is published
    /// again without its metadata.
    static func unpublishedOriginals(_ bodies: [RenderedBody], catalog: ImageCatalog) -> UnpublishedOriginals {
        var shown: Set<String> = []
        var linked: Set<String> = []
        var last: String?
        for body in bodies where !body.repeatsOriginal {
            for use in body.imageUses {
                if use.kind == .linked {
                    linked.insert(use.path)
                } else if use.path != last {
                    // A shown or shared image's path is its plan's, the canonical one. A body names a
                    // photo it shows again as the page's sharing image: that one is not hashed again.
                    last = use.path
                    shown.insert(use.path)
                }
            }
        }
        var photos: [String: UnpublishedOriginals.Photo] = [:]
        guard !shown.isEmpty || !linked.isEmpty else { return UnpublishedOriginals(photos: photos, linked: linked) }
        var canonicals = shown
        for path in linked { if let file = catalog.files.file(atPath: path) { canonicals.insert(file.canonicalPath) } }
        photos.reserveCapacity(canonicals.count)
        for canonical in canonicals {
            guard let file = catalog.files.file(atPath: canonical), file.canonicalPath == canonical else { continue }
            // Asked once a photo, not once for each of its copies.
            guard case .variants(let image) = catalog.plan(path: canonical, file: file).outcome else { continue }
            photos[canonical] = .init(isShown: shown.contains(canonical), hasOriginal: image.original != nil)
        }
        return UnpublishedOriginals(photos: photos, linked: linked)
    }
}

/// The copies of photos that are published as variants instead of as they are, found by each
/// copy's canonical path (its first copy's): a set of every copy's path cost a photo site more
/// than the rest of planning the output.
struct UnpublishedOriginals {
    struct Photo {
        var isShown: Bool
        /// Whether a linked copy is published again, without its metadata, in its place.
        var hasOriginal: Bool
    }

    /// By canonical path: the photos with variants that a page shows or links.
    let photos: [String: Photo]
    /// The output paths pages link to (a link publishes the original there).
    let linked: Set<String>

    var isEmpty: Bool { photos.isEmpty }

    /// Whether the copy at `path` of the file whose first copy is at `canonical` is left out.
    func contains(_ path: String, canonical: String) -> Bool {
        guard let photo = photos[canonical] else { return false }
        let isLinked = !linked.isEmpty && linked.contains(path)
        return (photo.isShown || isLinked) && (!isLinked || photo.hasOriginal)
    }
}
