import Foundation

/// The Markdown stage: page bodies to HTML with their links resolved against the site, plus
/// what lists and feeds take from a body (summary, reading time, first image). Used by the full
/// build for every page and by `PageUpdate` for the pages an edit touched.
struct MarkdownStage: Sendable {
    let resolver: LinkResolver
    let images: ImageCatalog
    let renderer = MarkdownRenderer()
    let allowsRawHTML: Bool
    let timeLimit: Double
    /// Where every link target lives: rendered Markdown depends on it, so cache keys include it
    /// (0 when bodies are not cached).
    let linkContext: UInt64
    /// Each body keeps its links as written and as published (`RenderedBody.links`).
    let recordsLinks: Bool
    /// "Watch on YouTube" and the like, by language code, for video cards.
    let watchLabels: [String: [VideoLink.Platform: String]]

    /// `keysBodies`: the bodies will be looked up in and stored to a cache, so their keys are needed.
    init(
        site: Site, markdownFiles: Set<String>, images: ImageCatalog, timeLimit: Double, keysBodies: Bool, recordsLinks: Bool = false,
        watchLabels: [String: [VideoLink.Platform: String]] = [:]
    ) {
        self.watchLabels = watchLabels
        resolver = LinkResolver(site: site, markdownFiles: markdownFiles)
        self.images = images
        allowsRawHTML = site.config.allowsRawHTML
        self.timeLimit = site.config.markdownTimeLimit ?? timeLimit
        self.recordsLinks = recordsLinks
        linkContext = keysBodies ? Self.linkContext(site, markdownFiles: markdownFiles) : 0
    }

    private static func linkContext(_ site: Site, markdownFiles: Set<String>) -> UInt64 {
        var linkTargets = StableHasher()
        for (source, index) in site.pagesBySource.sorted(by: { $0.key < $1.key }) {
            linkTargets.combine(source)
            linkTargets.combine(site.pages[index].path)
        }
        for path in markdownFiles.sorted() { linkTargets.combine(path) }
        return linkTargets.value
    }

    /// The bodies of `indices` (in parallel, under the watchdog), each with its problems.
    func render(
        _ indices: [Int], of site: Site, cache: BuildCache?,
        counter: ProgressCounter? = nil
    ) throws(BuildFailure) -> [(RenderedBody, [Diagnostic])] {
        let watchdog = MarkdownWatchdog(limit: timeLimit)
        // Fallback copies after their originals, so that a copy can take its original's body
        // (most copies' bodies are the same HTML: a site in six languages has more copies than pages).
        let position = Dictionary(indices.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let isCopy = { (index: Int) in site.pages[index].fallbackOf.map { position[$0] != nil } ?? false }
        let originals = indices.filter { !isCopy($0) }, copies = indices.filter(isCopy)
        let renderedAt = Dictionary(originals.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return try watchdog.run {
            let rendered = originals.parallelMap { index in body(index, of: site, cache: cache, watchdog: watchdog, counter: counter) }
            let copied = copies.parallelMap { index -> (RenderedBody, [Diagnostic]) in
                let page = site.pages[index], original = site.pages[page.fallbackOf!]
                let (body, problems) = rendered[renderedAt[page.fallbackOf!]!]
                if body.isSharedWithFallbackCopies, body.isDirectionNeutral || page.language.direction == original.language.direction {
                    counter?.finished(page.language.code)
                    var copy = body
                    copy.repeatsOriginal = true
                    return (copy, problems)
                }
                return self.body(index, of: site, cache: cache, watchdog: watchdog, counter: counter)
            }
            var results = [(RenderedBody, [Diagnostic])](repeating: (.empty, []), count: indices.count)
            for (index, result) in zip(originals, rendered) { results[position[index]!] = result }
            for (index, result) in zip(copies, copied) { results[position[index]!] = result }
            return results
        }
    }

    private func body(
        _ index: Int, of site: Site, cache: BuildCache?, watchdog: MarkdownWatchdog, counter: ProgressCounter?
    ) -> (RenderedBody, [Diagnostic]) {
        let page = site.pages[index]
        defer { counter?.finished(page.language.code) }
        guard let file = page.sourcePath else { return (.empty, []) }
        // (Hashing every body costs time a one-off build has no use for.)
        let key = cache == nil ? 0 : cacheKey(page, file: file)
        if let hit = cache?.renderedMarkdown(page.path, key: key), imagesUnchanged(hit.body) { return (hit.body, hit.problems) }
        watchdog.begin(index, file: file)
        defer { watchdog.end(index) }
        let (body, problems) = renderBody(page, waiting: { watchdog.waiting(index, $0) })
        cache?.storeRenderedMarkdown(page.path, .init(key: key, body: body, problems: problems))
        return (body, problems)
    }

    /// A cached body names its photos' variants: it is stale when one of those images changed.
    private func imagesUnchanged(_ body: RenderedBody) -> Bool {
        body.imageUses.allSatisfy { use in
            guard let file = images.files.file(atPath: use.path) else { return false }
            return images.plan(path: file.canonicalPath, file: file).key == use.planKey
        }
    }

    /// Everything a page's rendered body depends on.
    private func cacheKey(_ page: Page, file: String) -> UInt64 {
        var key = StableHasher()
        key.combine(Int(truncatingIfNeeded: linkContext))
        for part in [page.body, file, page.language.direction.rawValue, page.frontMatter.summary ?? "\u{0}"] { key.combine(part) }
        for field in ["image"] + images.settings.fields {
            key.combine(page.frontMatter.params.first { $0.key == field }?.value.scalarText ?? "\u{0}")
        }
        // A video card shows the page's title and its language's label.
        for part in videoCardText(for: page).watchLabels.sorted(by: { $0.key.rawValue < $1.key.rawValue }).map(\.value) + [page.title] {
            key.combine(part)
        }
        key.combine(page.bodyLineOffset)
        key.combine((allowsRawHTML ? 1 : 0) + (page.titleFromHeading ? 2 : 0) + (recordsLinks ? 4 : 0))
        return key.value
    }

    private func videoCardText(for page: Page) -> VideoCardText {
        VideoCardText(pageTitle: page.title, watchLabels: watchLabels[page.language.code] ?? [:])
    }

    private func renderBody(_ page: Page, waiting: (Bool) -> Void) -> (RenderedBody, [Diagnostic]) {
        let file = page.sourcePath ?? ""
        let split = MarkdownSource.splitSummary(page.body)
        var source = MarkdownSource(
            text: split?.text ?? page.body, file: file, lineOffset: page.bodyLineOffset,
            allowsRawHTML: allowsRawHTML, dropsTitleHeading: page.titleFromHeading,
            isolatesLeftToRightRuns: page.language.direction == .rightToLeft, videoCards: videoCardText(for: page))
        // By the language the text is in: a fallback copy's is its original's.
        let textLocale = page.fallbackOf.map { resolver.site.pages[$0].language.locale } ?? page.language.locale
        source.usesFrenchSpacing = FrenchSpacing.applies(toLocale: textLocale)
        let rootPath = resolver.site.config.rootPath
        var links: [RenderedBody.Link] = []
        var uses: [ImageUse] = []
        var missingAlt: [Diagnostic] = []
        /// Something in the body that a fallback copy would render otherwise (`isSharedWithFallbackCopies`).
        var dependsOnPagePath = false
        /// The first image the body shows and its plan: the page's sharing image unless the front
        /// matter names one, so not resolved and looked up a second time.
        var firstShown: (url: String, plan: ImagePlan)?
        // Reading and hashing a photo the first time a page shows it is not cmark's work: it does
        // not count against the Markdown time limit (a loaded machine took seconds for a few).
        func planning<T>(_ work: () -> T) -> T {
            waiting(true)
            defer { waiting(false) }
            return work()
        }
        let (rendered, renderProblems) = renderer.render(
            source,
            rewriteLink: { link in
                var rewrite = resolver.rewrite(link, from: page)
                // A copy's link to another page leads to that page's version in the copy's language.
                if !link.isImage, case .replace = rewrite, LinkResolver.mayNameMarkdownFile(link.destination) { dependsOnPagePath = true }
                if !link.isImage, ImageCatalog.mayNameRaster(link.destination),
                    let (path, file) = images.files.resolve(link.destination, onPage: page.path, rootPath: rootPath),
                    ImageCatalog.isRaster(path)
                {
                    let plan = planning { images.plan(path: file.canonicalPath, file: file) }
                    uses.append(ImageUse(path: path, kind: .linked, location: link.location, planKey: plan.key))
                    dependsOnPagePath = true
                    // A TIFF or HEIC original is published as a JPEG (or PNG) of another name: the link follows.
                    if case .variants(let image) = plan.outcome, let original = image.original(linkedAt: path), original.path != path {
                        rewrite = .replace(rootPath + URLPath.encodePath(original.path))
                    }
                }
                if recordsLinks { links.append(.init(link, rewrite)) }
                return rewrite
            },
            imageMarkup: { image in
                if image.alt.allSatisfy(\.isWhitespace) {
                    missingAlt.append(
                        .warning(
                            "image '\(image.url)' has no alt text: write what it shows between the brackets, ![…](\(image.url))",
                            at: image.location))
                }
                if Self.mayResolveElsewhereFromACopy(image.url) { dependsOnPagePath = true }
                guard let plan = planning({ images.plan(forURL: image.url, onPage: page.path) }) else {
                    return .sized(images.files.size(of: image.url, onPage: page.path, rootPath: rootPath))
                }
                if firstShown == nil { firstShown = (image.url, plan) }
                uses.append(ImageUse(path: plan.path, kind: .shown, location: image.location, planKey: plan.key))
                switch plan.outcome {
                case .variants(let planned): return images.sharedMarkup(of: planned)
                case .asItIs: return .sized(images.files.size(of: image.url, onPage: page.path, rootPath: rootPath))
                case .refused: return .sized(nil)
                }
            },
            waitingForInlinePhase: waiting)
        let frontMatterImages = planning { FrontMatterImages(catalog: images).read(page) }
        uses += frontMatterImages.uses
        let problems = renderProblems + missingAlt + frontMatterImages.problems
        var summary = page.frontMatter.summary ?? SummaryText.truncate(rendered.firstParagraph)
        if page.frontMatter.summary == nil, let split {
            // The text before <!--more--> is the summary, whole.
            source.text = split.summary
            let (before, _) = renderer.render(source, rewriteLink: { _ in .keep }, waitingForInlinePhase: waiting)
            summary = before.plainText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        if source.usesFrenchSpacing { summary = FrenchSpacing.apply(summary) }
        let frontMatterImage = page.frontMatter.params.first { $0.key == "image" }?.value.scalarText
        // The body's first image is the page's sharing image only where a crawler can fetch it:
        // cmark leaves a `javascript:` image out of the HTML, but its URL was copied to og:image.
        var image = frontMatterImage ?? rendered.firstImage.flatMap { Self.canBeSharingImage($0) ? $0 : nil }
        // A photo is shared as its sharing JPEG, never as the original.
        if let written = image,
            let plan = firstShown.flatMap({ $0.url == written ? $0.plan : nil }) ?? planning({ images.plan(forURL: written, onPage: page.path) })
        {
            let location = frontMatterImage != nil ? page.frontMatter.locations["image"] : uses.first { $0.kind == .shown }?.location
            uses.append(ImageUse(path: plan.path, kind: .sharing, location: location, planKey: plan.key))
            if case .variants(let planned) = plan.outcome { image = images.url(of: planned.sharing) }
        }
        var body = RenderedBody(
            html: rendered.htmlBytes, headings: rendered.headings, summary: summary,
            readingMinutes: SummaryText.readingMinutes(utf8: rendered.plainTextBytes), image: image,
            links: recordsLinks ? links : nil, imageUses: uses, photos: frontMatterImages.photos)
        body.isSharedWithFallbackCopies = !dependsOnPagePath && !rendered.hasVideoCards && frontMatterImages.photos.isEmpty
        body.isDirectionNeutral = rendered.isDirectionNeutral
        return (body, problems)
    }

    /// Whether a body image's URL can be the page's sharing image: a path of the site or an http
    /// or https URL (not `data:`, `file:`, `javascript:`, `mailto:` or protocol-relative).
    static func canBeSharingImage(_ url: String) -> Bool {
        guard FrontMatter.isSafeLink(url), !url.hasPrefix("//"), !url.hasPrefix("#") else { return false }
        return !LinkResolver.hasScheme(url) || url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://")
    }

    /// Whether an image URL, relative to the page, may name another file (or none) from a
    /// fallback copy's folder: one that climbs out of the page's folder, or that is percent-encoded
    /// (decoded, it might). A copy has the page's own files beside it; other folders may differ.
    static func mayResolveElsewhereFromACopy(_ url: String) -> Bool {
        guard !url.hasPrefix("/"), !LinkResolver.hasScheme(url) else { return false }
        // On the bytes: Foundation's `contains` cost more than the rest of the image's markup.
        var previous: UInt8 = 0
        for byte in url.utf8 {
            if byte == UInt8(ascii: "%") || (byte == UInt8(ascii: ".") && previous == byte) { return true }
            previous = byte
        }
        return false
    }
}
