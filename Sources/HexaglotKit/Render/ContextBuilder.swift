import Foundation

/// Builds the typed values each template sees (`PageContext` and the types it holds; see README,
/// "Templates"), from the assembled site.
struct ContextBuilder {
    let site: Site
    private(set) var bodies: [RenderedBody]
    let localization: Localization
    /// Strings formatted once per build with the language's locale (dates, reading times).
    private(set) var strings: LocalizedPageStrings
    /// Languages that have an Atom feed.
    let feeds: Set<String>
    /// The theme has a search page (`search` layout): every page links its language's.
    let hasSearch: Bool
    /// Open Graph locale per language code, worked out once (ICU look-ups are slow).
    let ogLocales: [String: String]
    /// Each page's list entry, made once: a page appears in its section's list, on its tags'
    /// pages and on the home page.
    private var items: [Lowered<ListEntry>] = []
    /// Each language's tags' names by slug.
    private let tagNames: [String: [String: String]]
    /// Each page's URL path, encoded once: a page is linked from every translation's switcher,
    /// its lists, menus and breadcrumbs.
    private var pageURLs: [String] = []
    /// Each language's tag pages' URL paths by slug.
    private var tagURLs: [String: [String: String]] = [:]
    /// Each tag as pages write it, by language code and written name: its slug, shown name and
    /// URL, worked out once (a tag's slug goes through NFC and case folding; doing that for
    /// every tag of every page each time it was listed was 2% of a build). Nil: no slug.
    private var tagsByName: [String: [String: PageTag?]] = [:]
    /// Each language's fallback languages' codes, in order, worked out once: the switcher of
    /// every page asks for each language it lacks (working them out each time was 7% of a build).
    private let fallbackCodes: [String: [String]]

    init(site: Site, bodies: [RenderedBody], localization: Localization, strings: LocalizedPageStrings, feeds: Set<String>, hasSearch: Bool = false) {
        self.site = site
        self.bodies = bodies
        self.localization = localization
        self.strings = strings
        self.feeds = feeds
        self.hasSearch = hasSearch
        var ogLocales: [String: String] = [:]
        for language in site.config.languages { ogLocales[language.code] = Self.ogLocale(language) }
        self.ogLocales = ogLocales
        let config = site.config
        fallbackCodes = Dictionary(
            config.languages.map { ($0.code, config.fallbackLanguages(for: $0).map(\.code)) }, uniquingKeysWith: { first, _ in first })
        tagNames = site.tags.mapValues { tags in Dictionary(tags.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first }) }
        let rootPath = site.config.rootPath
        pageURLs = site.pages.parallelMap { rootPath + URLPath.encodePath($0.path) }
        for language in site.config.languages {
            var urls: [String: String] = [:]
            for tag in site.tags[language.code] ?? [] { urls[tag.slug] = rootPath + URLPath.encodePath(tagPath(tag.slug, language)) }
            tagURLs[language.code] = urls
        }
        for page in site.pages {
            for name in page.tags where tagsByName[page.language.code]?[name] == nil {
                let resolved = TagName.slug(name).map { slug in
                    PageTag(
                        slug: slug, name: tagName(slug: slug, fallback: name, in: page.language),
                        url: tagURLs[page.language.code]?[slug] ?? url(tagPath(slug, page.language)))
                }
                tagsByName[page.language.code, default: [:]][name] = .some(resolved)
            }
        }
        let builder = self
        items = Array(site.pages.indices).parallelMap { builder.makeItem($0) }
    }

    private var config: SiteConfig { site.config }

    /// A page's body changed (and nothing else about it): what shows it is made again.
    mutating func replaceBody(of index: Int, with body: RenderedBody) {
        bodies[index] = body
        strings.readingTimes[index] = LocalizedPageStrings.readingTime(
            body.readingMinutes, in: site.pages[index].language,
            localization: localization)
        items[index] = makeItem(index)
    }

    func url(_ path: String) -> String { config.rootPath + URLPath.encodePath(path) }
    func permalink(_ path: String) -> String { config.origin + url(path) }

    /// An absolute URL for a link as written in a page (`photo.jpg`, `/images/a.png`, `https://…`).
    func absolute(_ link: String, relativeTo path: String) -> String {
        // The first bytes, not `hasPrefix`: every page with a photo asks, for its `og:image`.
        var link = link
        let slashes = link.withUTF8 { $0.prefix(2).prefix { $0 == UInt8(ascii: "/") }.count }
        if slashes == 2 || LinkResolver.hasScheme(link) { return link }
        if slashes == 1 { return config.origin + link }
        return permalink(path) + link
    }

    /// Values shared by every page of a language, lowered once.
    func languageValues(_ language: Language) -> LanguageValues {
        // Absent rather than empty: in Mustache an empty string still opens a section.
        let site = SiteData(
            title: config.title(for: language), root: config.rootPath, baseURL: config.baseURL,
            logo: config.logo.map(url), params: OpenValues(params: config.params))
        let lang = LanguageData(
            code: language.code, name: language.name, locale: language.locale,
            dir: language.direction.rawValue, isRTL: language.direction == .rightToLeft,
            homeURL: url(language.code + "/"), ogLocale: ogLocales[language.code] ?? language.code,
            feedURL: feeds.contains(language.code) ? url(language.code + "/atom.xml") : nil,
            searchURL: hasSearch ? url(language.code + "/search/") : nil)
        return LanguageValues(
            site: Lowered(site), lang: Lowered(lang), i18n: UIStrings(localization.table(for: language)),
            channels: config.channels.map { Lowered(ChannelData(name: $0.name, url: $0.url)) })
    }

    /// The context of one output page; `pageNumber` counts from 1 for paginated lists.
    func pageContext(
        _ index: Int, base: LanguageValues, pageNumber: Int = 1, pageCount: Int = 1,
        listed: ArraySlice<Int> = []
    ) -> PageContext {
        let page = site.pages[index]
        let body = bodies[index]
        var values = pageValues(index, body: body)
        let path = Paginator.path(of: page.path, page: pageNumber)
        values.url = url(path)
        values.permalink = permalink(path)
        values.canonical = page.fallbackOf.map { config.origin + pageURLs[$0] } ?? values.permalink
        values.alternates = pageNumber == 1 ? alternates(for: page) : []
        values.ogLocaleAlternates = alternateLocales(for: page)
        if page.kind == .home { values.jsonLD = Markup(html: organizationJSON(page.language)) }
        var languages = switcher(for: page)
        // On page 2 of a list its own language's entry is this page (it led to page 1); the
        // others lead to their list's first page, which may have fewer pages.
        if pageNumber > 1, let current = languages.firstIndex(where: \.isCurrent) { languages[current].url = values.url }
        var context = base.context(
            page: values, languages: languages, menu: menu(for: page, index: index),
            breadcrumbs: breadcrumbs(for: page))
        if page.kind != .page, let section = site.sections[page.language.code]?[page.folder] {
            context.section = SectionData(
                title: page.title, url: pageURLs[index], content: Markup(html: body.html),
                pages: listed.map(item), subsections: section.subsections.map(item), hasPages: !listed.isEmpty)
            if pageCount > 1 { context.pagination = pagination(page.path, number: pageNumber, count: pageCount) }
            if page.kind == .home { context.home = HomeData(sections: homeSections(of: page.language)) }
        }
        return context
    }

    func pageValues(_ index: Int, body: RenderedBody) -> PageData {
        let page = site.pages[index]
        var values = PageData(
            title: page.title, kind: page.kind.rawValue, isHome: page.kind == .home, content: Markup(html: body.html),
            url: "", permalink: "", canonical: "", tags: tagLinks(page), params: OpenValues(params: page.frontMatter.params))
        values.readingMinutes = body.readingMinutes
        values.hasTags = !page.tags.isEmpty
        values.toc = body.headings.filter { $0.level == 2 }.map { TocEntry(title: $0.text, id: $0.id) }
        values.readingTime = strings.readingTimes[index]
        values.date = page.date.map { DateData(iso: $0.machineReadable, display: strings.dates[index] ?? $0.day) }
        if !body.summary.isEmpty { values.summary = body.summary }
        if !body.photos.isEmpty { values.images = PhotoFields(photos: body.photos) }
        if let image = body.image { values.image = absolute(image, relativeTo: page.fallbackOf.map { site.pages[$0].path } ?? page.path) }
        if let original = page.fallbackOf {
            let source = site.pages[original]
            values.isFallback = true
            values.noindex = true
            values.fallback = FallbackData(
                code: source.language.code, name: source.language.name, locale: source.language.locale,
                dir: source.language.direction.rawValue, url: pageURLs[original])
        }
        return values
    }

    /// A list entry for a page.
    func item(_ index: Int) -> Lowered<ListEntry> { items[index] }

    private func makeItem(_ index: Int) -> Lowered<ListEntry> {
        let page = site.pages[index]
        let summary = bodies[index].summary
        return Lowered(
            ListEntry(
                title: page.title, url: pageURLs[index], kind: page.kind.rawValue, tags: tagLinks(page),
                summary: summary.isEmpty ? nil : summary,
                date: page.date.map { DateData(iso: $0.machineReadable, display: strings.dates[index] ?? $0.day) },
                images: bodies[index].photos.isEmpty ? nil : PhotoFields(photos: bodies[index].photos)))
    }

    func tagLinks(_ page: Page) -> [TagLink] {
        pageTags(page).map { TagLink(name: $0.name, url: $0.url) }
    }

    /// A page's tags, each once (`Ozone` and `ozone` are one), named as the site's tag is.
    func pageTags(_ page: Page) -> [PageTag] {
        guard !page.tags.isEmpty, let known = tagsByName[page.language.code] else { return [] }
        var tags: [PageTag] = []
        tags.reserveCapacity(page.tags.count)
        for name in page.tags {
            guard case .some(.some(let tag)) = known[name], !tags.contains(where: { $0.slug == tag.slug }) else { continue }
            tags.append(tag)
        }
        return tags
    }

    /// The UI strings' `tag.<slug>`, else the tag's first spelling on the site, else `fallback`.
    func tagName(slug: String, fallback: String, in language: Language) -> String {
        localization.string("tag." + slug, in: language) ?? tagNames[language.code]?[slug] ?? fallback
    }

    func tagPath(_ slug: String, _ language: Language) -> String { language.code + "/tags/" + slug + "/" }

    /// Every language, linking this page's translation; where there is none, the published
    /// fallback copy or the nearest translation (default language first), marked as untranslated.
    func switcher(for page: Page) -> [LanguageLink] {
        let translations = site.translations[page.translationKey] ?? [:]
        let copies = site.fallbackPages[page.translationKey] ?? [:]
        return config.languages.map { language in
            if let own = translations[language.code] {
                return languageLink(language, current: page.language, url: pageURLs[own], isTranslated: true)
            }
            let nearest = fallbackCodes[language.code]?.lazy.compactMap { translations[$0] }.first
            let target = copies[language.code] ?? nearest ?? site.home(of: language)
            return languageLink(
                language, current: page.language, url: target.map { pageURLs[$0] } ?? url(language.code + "/"),
                isTranslated: false)
        }
    }

    func languageLink(_ language: Language, current: Language, url: String, isTranslated: Bool) -> LanguageLink {
        LanguageLink(
            code: language.code, name: language.name, locale: language.locale, dir: language.direction.rawValue,
            isCurrent: language == current, url: url, isTranslated: isTranslated)
    }

    /// `<link rel="alternate" hreflang>` targets: every existing translation and x-default.
    /// Fallback copies are not translations and get none.
    func alternates(for page: Page) -> [Alternate] {
        guard page.fallbackOf == nil else { return [] }
        let translations = site.translations(of: page)
        var links = translations.map { language, index in
            Alternate(hreflang: language.locale, href: config.origin + pageURLs[index])
        }
        if let defaultVersion = site.translations[page.translationKey]?[config.defaultLanguage.code] {
            links.append(Alternate(hreflang: "x-default", href: config.origin + pageURLs[defaultVersion]))
        }
        return links
    }

    func alternateLocales(for page: Page) -> [String] {
        site.translations(of: page).compactMap { language, _ in language == page.language ? nil : ogLocales[language.code] }
    }

    /// Open Graph wants `ll_CC`: the language and its likely region (zh-Hans → zh_CN).
    static func ogLocale(_ language: Language) -> String {
        let maximal = Locale.Language(identifier: language.locale).maximalIdentifier
        let parts = maximal.split(separator: "-")
        guard let code = parts.first, let region = parts.last(where: { $0.count == 2 || $0.count == 3 && $0.allSatisfy(\.isNumber) }),
            parts.count > 1
        else { return language.code }
        return "\(code)_\(region)"
    }

    /// schema.org Organization for the home pages: the official channels as `sameAs`.
    func organizationJSON(_ language: Language) -> String {
        var organization: [String: ScriptJSON] = [
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": .string(config.title(for: language)),
            "url": .string(permalink(language.code + "/")),
            "sameAs": .array(config.channels.map { .string($0.url) }),
        ]
        if let logo = config.logo { organization["logo"] = .string(config.origin + url(logo)) }
        let others = config.languages.filter { $0 != language }.map { config.title(for: $0) }
            .filter { $0 != config.title(for: language) }
        if !others.isEmpty { organization["alternateName"] = .array(others.map(ScriptJSON.string)) }
        return XMLEscaping.jsonForScript(.object(organization))
    }

    /// Links between the pages of a list whose first page is at `path`.
    func pagination(_ path: String, number: Int, count: Int) -> PaginationData {
        PaginationData(
            current: number, total: count,
            pages: Paginator.window(current: number, count: count).map { n in
                guard let n else { return PageNumber(isGap: true) }
                return PageNumber(number: n, url: url(Paginator.path(of: path, page: n)), isCurrent: n == number)
            },
            prevURL: number > 1 ? url(Paginator.path(of: path, page: number - 1)) : nil,
            nextURL: number < count ? url(Paginator.path(of: path, page: number + 1)) : nil)
    }

    func menu(for page: Page, index: Int) -> [MenuEntry] {
        (site.menus[page.language.code] ?? []).map { entry in
            let target = site.pages[entry]
            let isCurrent = entry == index || (target.kind == .section && page.path.hasPrefix(target.path))
            return MenuEntry(title: target.title, url: pageURLs[entry], isCurrent: isCurrent)
        }
    }

    func breadcrumbs(for page: Page) -> [Crumb] {
        guard page.kind != .home, let sections = site.sections[page.language.code] else { return [] }
        var crumbs: [Crumb] = []
        var folder = page.kind == .section ? Site.parentFolder(of: page.folder) : page.folder
        while true {
            if let section = sections[folder] {
                let target = site.pages[section.page]
                crumbs.insert(Crumb(title: target.title, url: pageURLs[section.page]), at: 0)
            }
            if folder.isEmpty { break }
            folder = Site.parentFolder(of: folder)
        }
        return crumbs
    }

    func homeSections(of language: Language) -> [HomeSection] {
        guard let home = site.sections[language.code]?[""] else { return [] }
        return home.subsections.map { sectionIndex in
            let section = site.pages[sectionIndex]
            let listed = site.sections[language.code]?[section.folder]?.pages ?? []
            let summary = bodies[sectionIndex].summary
            return HomeSection(
                title: section.title, url: pageURLs[sectionIndex], pages: listed.prefix(6).map(item),
                hasMore: listed.count > 6, summary: summary.isEmpty ? nil : summary)
        }
    }
}
