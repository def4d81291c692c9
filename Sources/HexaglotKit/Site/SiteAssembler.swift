import Foundation

/// Turns the read pages of every language into a `Site`: URLs, sections, translations, tags, menus.
public struct SiteAssembler {
    public struct Options: Sendable {
        public var includeDrafts = false
        public var includeFuture = false
        public var now = Date()
        /// The title of a section without an `_index.md`, from its folder name (UI strings).
        public var sectionTitle: @Sendable (Language, String) -> String? = { _, _ in nil }
        public init() {}
    }

    var config: SiteConfig
    var options: Options
    private(set) var problems: [Diagnostic] = []
    private var pages: [Page] = []
    private var resources: [Site.Resource] = []

    public init(config: SiteConfig, options: Options) {
        self.config = config
        self.options = options
    }

    /// `sources`: the read Markdown files; `files`: every file of each language folder, by code.
    public mutating func assemble(sources: [PageSource], files: [String: [SourceFile]]) -> (Site, [Diagnostic]) {
        let sourcesByLanguage = Dictionary(grouping: sources, by: { $0.language.code })
        // Each language's pages are made on their own (on every core), then joined in the
        // languages' order: the same pages and problems, in the same order, as one by one.
        let parts = config.languages.parallelMap { language in
            var part = SiteAssembler(config: config, options: options)
            let sources = sourcesByLanguage[language.code] ?? []
            let layout = FolderLayout(sources: sources)
            part.addPages(of: language, sources: sources, layout: layout)
            part.warnAboutWindowsNames(files[language.code] ?? [])
            for file in files[language.code] ?? [] where !file.isMarkdown {
                part.resources.append(
                    .init(source: file, path: UnicodeForms.nfc(language.code + "/" + layout.outputFolder(of: file.folder) + file.fileName)))
            }
            return part
        }
        for part in parts {
            pages += part.pages
            resources += part.resources
            problems += part.problems
        }
        var site = Site(
            config: config, pages: pages, pagesByLanguage: [:], translations: [:], sections: [:],
            tags: [:], menus: [:], pagesBySource: [:], resources: resources)
        indexPages(&site)
        if config.publishesFallbackPages { addFallbackPages(&site) }
        return (site, problems)
    }

    /// Copies of untranslated pages under each missing language's URL, from the nearest language that has one.
    private func addFallbackPages(_ site: inout Site) {
        var taken = Set(site.pages.map { $0.path.lowercased() })
        // A bundle's files by each folder above them (`en/news/visit/`), so that each copy finds
        // its page's files at once: searching every file for every copy was quadratic (a site
        // with 200 photo bundles and four fallback languages spent a tenth of a second here).
        var resourcesByFolder: [Substring: [Int]] = [:]
        for (index, resource) in site.resources.enumerated() {
            // Over the bytes: walking the path by characters cost more than the lookups.
            var path = resource.path
            let ends = path.withUTF8 { bytes in bytes.indices.filter { bytes[$0] == UInt8(ascii: "/") } }
            for end in ends {
                resourcesByFolder[resource.path[..<path.utf8.index(path.utf8.startIndex, offsetBy: end + 1)], default: []].append(index)
            }
        }
        // Each language's fallbacks worked out once, not once for each page it lacks (a site with
        // 200 untranslated bundles asked a thousand times).
        let fallbacks = config.languages.map { config.fallbackLanguages(for: $0).map(\.code) }
        for key in site.translations.keys.sorted() {
            let set = site.translations[key]!
            for (language, fallbackCodes) in zip(config.languages, fallbacks) where set[language.code] == nil {
                guard let source = fallbackCodes.lazy.compactMap({ set[$0] }).first,
                    site.pages[source].kind == .page
                else { continue }
                var copy = site.pages[source]
                let original = copy.language.code
                copy.path = language.code + copy.path.dropFirst(original.count)
                copy.language = language
                copy.fallbackOf = source
                // The copy's folder may not exist in this language; it is not listed anywhere.
                guard taken.insert(copy.path.lowercased()).inserted else { continue }
                site.fallbackPages[key, default: [:]][language.code] = site.pages.count
                // A bundle's files go beside the copy too, so its relative links (images) work.
                let originalPath = site.pages[source].path
                let bundleFiles =
                    originalPath.hasSuffix("/") ? resourcesByFolder[Substring(originalPath)] ?? [] : Array(site.resources.indices)
                // By bytes: counting and dropping the original path's characters for each file
                // of each copy cost more than the rest of the copy.
                let originalLength = originalPath.utf8.count
                for index in bundleFiles where site.resources[index].original == nil {
                    let resource = site.resources[index]
                    guard UTF8Joining.hasPrefix(resource.path, originalPath) else { continue }
                    site.resources.append(
                        .init(
                            source: resource.source, path: copy.path + Substring(resource.path.utf8.dropFirst(originalLength)),
                            original: index))
                }
                site.pages.append(copy)
            }
        }
    }

    /// Names Windows cannot hold are published (the site builds on Linux and macOS), with one
    /// warning for each such file or folder.
    private mutating func warnAboutWindowsNames(_ files: [SourceFile]) {
        var warned: Set<String> = []
        for file in files {
            // Each name of the path is checked; the path up to it is made only for a warning
            // (building every prefix of every path was a quarter of assembling the site).
            let path = file.relativePath
            // Nearly every path passes a test of its bytes; only the others are split into names.
            var bytes = path
            guard bytes.withUTF8(PathSafety.mayHoldWindowsProblem) else { continue }
            // Split at the slashes' bytes (a slash is always a whole character of its own).
            let utf8 = path.utf8
            var start = utf8.startIndex
            while start < utf8.endIndex {
                let end = utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
                defer { start = end < utf8.endIndex ? utf8.index(after: end) : end }
                guard start < end, let problem = PathSafety.windowsProblem(inFileName: String(path[start..<end])) else { continue }
                let prefix = String(path[..<end])
                guard warned.insert(prefix).inserted else { continue }
                let folder = String(decoding: file.displayPath.utf8.dropLast(file.relativePath.utf8.count), as: UTF8.self)
                problems.append(
                    .warning(
                        "name \(problem); it is published, but the site cannot be checked out on Windows",
                        at: SourceLocation(file: folder + prefix)))
            }
        }
    }

    // MARK: Pages and URLs

    private mutating func addPages(of language: Language, sources: [PageSource], layout: FolderLayout) {
        var sectionFolders = layout.sectionFolders
        sectionFolders.insert("")
        var ownPages: [String: PageSource] = [:]  // folder → its _index.md / index.md
        for source in sources {
            let file = source.file
            guard file.fileName == "_index.md" || file.fileName == "index.md", sectionFolders.contains(file.folder) else {
                addPage(source, language: language, layout: layout)
                continue
            }
            if let other = ownPages[file.folder] {
                problems.append(
                    .error(
                        "\(other.file.fileName) and \(file.fileName) both give this folder's page; keep one",
                        at: SourceLocation(file: file.displayPath)))
                continue
            }
            ownPages[file.folder] = source
        }
        for folder in sectionFolders.sorted() {
            let kind: Page.Kind = folder.isEmpty ? .home : .section
            let path = UnicodeForms.nfc(language.code + "/" + layout.outputFolder(of: folder))
            if let source = ownPages[folder] {
                guard include(source) else { continue }
                var page = makePage(source, kind: kind, language: language, folder: folder, path: path)
                if page.frontMatter.translationKey == nil { page.translationKey = UnicodeForms.nfc(folder + "/") }
                pages.append(page)
            } else {
                let name = String(folder.split(separator: "/").last ?? "")
                let title = folder.isEmpty ? config.title(for: language) : options.sectionTitle(language, name) ?? Self.humanize(name)
                pages.append(
                    Page(
                        kind: kind, language: language, sourcePath: nil, folder: folder,
                        translationKey: UnicodeForms.nfc(folder + "/"), frontMatter: FrontMatter(), title: title,
                        titleFromHeading: false, body: "", bodyLineOffset: 0, path: path, date: nil))
            }
        }
    }

    private mutating func addPage(_ source: PageSource, language: Language, layout: FolderLayout) {
        guard include(source) else { return }
        let file = source.file
        let isBundle = file.fileName == "index.md" || file.fileName == "_index.md"
        let listingFolder = isBundle ? Site.parentFolder(of: file.folder) : file.folder
        let slug: String
        if isBundle {
            // The bundle's folder URL was already decided, slug included.
            let path = language.code + "/" + layout.outputFolder(of: file.folder)
            pages.append(makePage(source, kind: .page, language: language, folder: listingFolder, path: path))
            return
        }
        let name = String(file.fileName.dropLast(3))
        if let problem = PathSafety.problem(inFileName: name) {
            problems.append(.error("file name \(problem)", at: SourceLocation(file: file.displayPath)))
            return
        }
        if let given = source.frontMatter.slug {
            guard let checked = checkSlug(given, source: source) else { return }
            slug = checked
        } else {
            slug = DatePrefix.stripped(name)
        }
        let path = language.code + "/" + layout.outputFolder(of: listingFolder) + slug + "/"
        pages.append(makePage(source, kind: .page, language: language, folder: listingFolder, path: path))
    }

    private mutating func makePage(_ source: PageSource, kind: Page.Kind, language: Language, folder: String, path: String) -> Page {
        let file = source.file
        var key = String(file.relativePath.dropLast(3))
        if key.hasSuffix("/index") || key.hasSuffix("/_index") { key = String(key[..<key.lastIndex(of: "/")!]) }
        let stem = Self.stem(of: file)
        let date = Self.date(of: source)
        if date == nil, let written = DatePrefix.impossibleDate(in: stem) {
            // It was published undated, out of the feed, as if the name had no date.
            problems.append(
                .error(
                    "the name starts with '\(written)', which is not a date (YYYY-MM-DD): correct it, or give the page a 'date' in its front matter",
                    at: SourceLocation(file: file.displayPath)))
        }
        // (Made only when there is no title: humanize goes through Foundation.)
        var title = source.title ?? (kind == .home ? config.title(for: language) : Self.humanize(stem))
        if FrenchSpacing.applies(toLocale: language.locale) { title = FrenchSpacing.apply(title) }
        // NFC: a name written in NFD (as macOS does) gets the URL and translation key of the same
        // name written in NFC in another language.
        return Page(
            kind: kind, language: language, sourcePath: file.displayPath, folder: folder,
            translationKey: UnicodeForms.nfc(source.frontMatter.translationKey ?? key), frontMatter: source.frontMatter,
            title: title, titleFromHeading: source.titleFromHeading,
            body: source.body, bodyLineOffset: source.bodyLineOffset, path: UnicodeForms.nfc(path), date: date)
    }

    private func include(_ source: PageSource) -> Bool {
        if source.frontMatter.draft && !options.includeDrafts { return false }
        // Dated by its front matter or by its name (`2027-01-15-visit.md`): a name's date in the
        // future published the page at once, though it was left out of search as future.
        if let date = Self.date(of: source), date.instant > options.now, !options.includeFuture { return false }
        return true
    }

    /// A page's date: its front matter's, else the one its file or bundle name starts with.
    static func date(of source: PageSource) -> PageDate? {
        source.frontMatter.date ?? DatePrefix.date(of: stem(of: source.file))
    }

    /// The name that dates and titles a page: its bundle folder's for an index.md, else its file's.
    private static func stem(of file: SourceFile) -> String {
        let name = file.fileName
        guard name == "index.md" || name == "_index.md" else { return String(name.dropLast(3)) }
        // The folder's last part, found by its bytes: `split` cost 4,000 instructions a page.
        var folder = Substring(file.folder)
        while folder.utf8.last == UInt8(ascii: "/") { folder = folder.dropLast() }
        guard let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) else { return String(folder) }
        return String(folder[folder.utf8.index(after: slash)...])
    }

    private mutating func checkSlug(_ slug: String, source: PageSource) -> String? {
        let location = source.frontMatter.locations["slug"] ?? SourceLocation(file: source.file.displayPath)
        if let problem = PathSafety.problem(inSegment: slug) {
            problems.append(.error("'slug' \(problem): '\(slug)'", at: location))
            return nil
        }
        return slug
    }

    static func humanize(_ name: String) -> String {
        let stripped = DatePrefix.stripped(name)
        let words = stripped.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    // MARK: Indexes

    private mutating func indexPages(_ site: inout Site) {
        var seenPaths: [String: Int] = [:]
        // Pages are read in place: a copy of each Page (dozens of strings and arrays) in these
        // loops was most of their cost.
        for index in site.pages.indices {
            site.pagesByLanguage[site.pages[index].language.code, default: []].append(index)
            let folded = site.pages[index].path.lowercased()
            if let other = seenPaths[folded] {
                let page = site.pages[index], first = site.pages[other]
                // At the slug that gives the address, where there is one (it was the file's 1:1).
                let place = page.frontMatter.locations["slug"] ?? SourceLocation(file: page.sourcePath ?? first.sourcePath ?? "content")
                problems.append(
                    .error(
                        "this page and \(first.sourcePath ?? "a generated list page") would both be published at /\(page.path)", at: place))
            } else {
                seenPaths[folded] = index
            }
            if let source = site.pages[index].sourcePath {
                site.pagesBySource[String(source.dropFirst("content/".count))] = index
            }
            let translationKey = site.pages[index].translationKey, code = site.pages[index].language.code
            if let existing = site.translations[translationKey]?[code] {
                let page = site.pages[index], first = site.pages[existing]
                problems.append(
                    .error(
                        "translation key '\(page.translationKey)' is already used by \(first.sourcePath ?? "a generated page") in the same language",
                        at: page.frontMatter.locations["translationKey"] ?? SourceLocation(file: page.sourcePath ?? "content")))
            } else {
                site.translations[translationKey, default: [:]][code] = index
            }
        }
        // Sections, menus and tags of one language read only its pages: each on its own core.
        let indexes = config.languages.parallelMap { language in
            let indices = site.pagesByLanguage[language.code] ?? []
            let order = PageOrder(pages: site.pages, locale: Locale(identifier: language.locale))
            var sections: [String: Site.Section] = [:]
            for index in indices where site.pages[index].kind != .page {
                sections[site.pages[index].folder] = Site.Section(page: index, pages: [], subsections: [])
            }
            for index in indices {
                switch site.pages[index].kind {
                case .home: continue
                case .page: sections[site.pages[index].folder]?.pages.append(index)
                case .section: sections[Site.parentFolder(of: site.pages[index].folder)]?.subsections.append(index)
                }
            }
            for folder in sections.keys {
                sections[folder]!.pages.sort(by: order.listOrder)
                sections[folder]!.subsections.sort(by: order.menuOrder)
            }
            let menu = sections[""].map { home in (home.subsections + home.pages).sorted(by: order.menuOrder) }
            return (sections: sections, menu: menu, tags: Self.tags(of: indices, in: site, order: order))
        }
        for (language, index) in zip(config.languages, indexes) {
            site.sections[language.code] = index.sections
            if let menu = index.menu { site.menus[language.code] = menu }
            site.tags[language.code] = index.tags.tags
            problems += index.tags.problems
        }
    }

    /// One tag per folded name (see `TagName`), named as the first page by path spells it, each
    /// page listed once; two names whose URLs would be the same are an error naming both pages.
    private static func tags(of indices: [Int], in site: Site, order: PageOrder) -> (tags: [Site.Tag], problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        var tags: [Site.Tag] = []
        var byKey: [String: Int] = [:]
        var bySlug: [String: (key: String, page: Int)] = [:]
        for index in indices.sorted(by: { site.pages[$0].path < site.pages[$1].path }) {
            let page = site.pages[index]
            for name in page.tags {
                let key = TagName.key(name)
                if let position = byKey[key] {
                    if tags[position].pages.last != index { tags[position].pages.append(index) }
                    continue
                }
                let location = page.frontMatter.locations["tags"] ?? SourceLocation(file: page.sourcePath ?? "content")
                guard let slug = TagName.slug(name) else {
                    problems.append(.error("tag '\(name)' has no letter or digit to make its URL from; write it in words", at: location))
                    continue
                }
                if let other = bySlug[slug] {
                    let first = site.pages[other.page]
                    problems.append(
                        .error(
                            "tag '\(name)' and tag '\(tags[byKey[other.key]!].name)' of \(first.sourcePath ?? "another page") would both be published at /\(page.language.code)/tags/\(slug)/; rename one",
                            at: location))
                    continue
                }
                bySlug[slug] = (key, index)
                byKey[key] = tags.count
                tags.append(Site.Tag(slug: slug, name: name, pages: [index]))
            }
        }
        for position in tags.indices { tags[position].pages.sort(by: order.listOrder) }
        return (tags.sorted { $0.slug < $1.slug }, problems)
    }
}
