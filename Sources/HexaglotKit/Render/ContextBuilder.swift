import Foundation

/// Builds the values each template sees (see README, "Templates"), from the assembled site.
/// Plain dictionaries and arrays of `[String: Any]`: the template renderer tells values apart
/// with casts to these concrete types only.
struct ContextBuilder {
    let site: Site
    private(set) var bodies: [RenderedBody]
    let localization: Localization
    /// Strings formatted once per build with the language's locale (dates, reading times).
    private(set) var strings: LocalizedPageStrings
    /// Languages that have an Atom feed.
    let feeds: Set<String>
    /// Open Graph locale per language code, worked out once (ICU look-ups are slow).
    let ogLocales: [String: String]
    /// Each page's list entry, made once: a page appears in its section's list, on its tags'
    /// pages and on the home page.
    private var items: [[String: Any]] = []
    /// Each language's tags' names by slug.
    private let tagNames: [String: [String: String]]

    init(site: Site, bodies: [RenderedBody], localization: Localization, strings: LocalizedPageStrings, feeds: Set<String>) {
        self.site = site
        self.bodies = bodies
        self.localization = localization
        self.strings = strings
        self.feeds = feeds
        var ogLocales: [String: String] = [:]
        for language in site.config.languages { ogLocales[language.code] = Self.ogLocale(language) }
        self.ogLocales = ogLocales
        tagNames = site.tags.mapValues { tags in Dictionary(tags.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first }) }
        let builder = self
        items = Array(site.pages.indices).parallelMap { builder.makeItem($0) }
    }

    private var config: SiteConfig { site.config }

    /// A page's body changed (and nothing else about it): what shows it is made again.
    mutating func replaceBody(of index: Int, with body: RenderedBody) {
        bodies[index] = body
        strings.readingTimes[index] = LocalizedPageStrings.readingTime(body.readingMinutes, in: site.pages[index].language,
                                                                       localization: localization)
        items[index] = makeItem(index)
    }

    func url(_ path: String) -> String { config.rootPath + URLPath.encodePath(path) }
    func permalink(_ path: String) -> String { config.origin + url(path) }

    /// An absolute URL for a link as written in a page (`photo.jpg`, `/images/a.png`, `https://…`).
    func absolute(_ link: String, relativeTo path: String) -> String {
        if LinkResolver.hasScheme(link) || link.hasPrefix("//") { return link }
        if link.hasPrefix("/") { return config.origin + link }
        return permalink(path) + link
    }

    /// Values shared by every page of a language.
    func languageContext(_ language: Language) -> [String: Any] {
        var siteValues: [String: Any] = [
            "title": config.title(for: language),
            "root": config.rootPath,
            "baseURL": config.baseURL,
        ]
        // Absent rather than empty: in Mustache an empty string still opens a section.
        if let logo = config.logo { siteValues["logo"] = url(logo) }
        var params: [String: Any] = [:]
        for entry in config.params { params[entry.key] = entry.value.templateValue }
        siteValues["params"] = params
        var lang: [String: Any] = [
            "code": language.code, "name": language.name, "locale": language.locale,
            "dir": language.direction.rawValue, "isRTL": language.direction == .rightToLeft,
            "homeURL": url(language.code + "/"), "ogLocale": ogLocales[language.code] ?? language.code,
        ]
        if feeds.contains(language.code) { lang["feedURL"] = url(language.code + "/atom.xml") }
        return [
            "site": siteValues,
            "lang": lang,
            "i18n": localization.table(for: language) as [String: Any],  // (a [String: String] would be converted on every look-up)
            "channels": config.channels.map { ["name": $0.name, "url": $0.url] },
        ]
    }

    /// The context of one output page; `pageNumber` counts from 1 for paginated lists.
    func pageContext(_ index: Int, base: [String: Any], pageNumber: Int = 1, pageCount: Int = 1, listed: ArraySlice<Int> = []) -> [String: Any] {
        let page = site.pages[index]
        let body = bodies[index]
        var context = base
        var values = pageValues(index, body: body)
        let path = Paginator.path(of: page.path, page: pageNumber)
        values["url"] = url(path)
        values["permalink"] = permalink(path)
        values["canonical"] = permalink(page.fallbackOf.map { site.pages[$0].path } ?? path)
        context["languages"] = switcher(for: page)
        let alternates = pageNumber == 1 ? self.alternates(for: page) : []
        values["alternates"] = alternates
        values["ogLocaleAlternates"] = alternateLocales(for: page) as [Any]
        if page.kind == .home { values["jsonLD"] = organizationJSON(page.language) }
        context["page"] = values
        context["menu"] = menu(for: page, index: index)
        context["breadcrumbs"] = breadcrumbs(for: page)
        if page.kind != .page, let section = site.sections[page.language.code]?[page.folder] {
            context["section"] = [
                "title": page.title, "url": url(page.path), "content": body.html,
                "pages": listed.map(item), "subsections": section.subsections.map(item),
                "hasPages": !listed.isEmpty,
            ] as [String: Any]
            if pageCount > 1 {
                context["pagination"] = pagination(page.path, number: pageNumber, count: pageCount)
            }
            if page.kind == .home {
                context["home"] = ["sections": homeSections(of: page.language)]
            }
        }
        return context
    }

    func pageValues(_ index: Int, body: RenderedBody) -> [String: Any] {
        let page = site.pages[index]
        var values: [String: Any] = [
            "title": page.title,
            "kind": page.kind.rawValue,
            "isHome": page.kind == .home,
            "content": body.html,
            "readingMinutes": body.readingMinutes,
            "tags": tagLinks(page),
            "hasTags": !page.tags.isEmpty,
            "toc": body.headings.filter { $0.level == 2 }.map { ["title": $0.text, "id": $0.id] },
        ]
        if let readingTime = strings.readingTimes[index] { values["readingTime"] = readingTime }
        if let date = page.date {
            values["date"] = ["iso": date.machineReadable, "display": strings.dates[index] ?? date.day]
        }
        if !body.summary.isEmpty { values["summary"] = body.summary }
        if let image = body.image { values["image"] = absolute(image, relativeTo: (page.fallbackOf.map { site.pages[$0] } ?? page).path) }
        if let original = page.fallbackOf {
            let source = site.pages[original]
            values["isFallback"] = true
            values["noindex"] = true
            values["fallback"] = ["code": source.language.code, "name": source.language.name, "locale": source.language.locale,
                                  "dir": source.language.direction.rawValue, "url": url(source.path)]
        }
        var params: [String: Any] = [:]
        for entry in page.frontMatter.params { params[entry.key] = entry.value.templateValue }
        values["params"] = params
        return values
    }

    /// A list entry for a page.
    func item(_ index: Int) -> [String: Any] { items[index] }

    private func makeItem(_ index: Int) -> [String: Any] {
        let page = site.pages[index]
        var values: [String: Any] = [
            "title": page.title, "url": url(page.path), "kind": page.kind.rawValue, "tags": tagLinks(page),
        ]
        if !bodies[index].summary.isEmpty { values["summary"] = bodies[index].summary }
        if let date = page.date {
            values["date"] = ["iso": date.machineReadable, "display": strings.dates[index] ?? date.day]
        }
        return values
    }

    func tagLinks(_ page: Page) -> [[String: Any]] {
        pageTags(page).map { ["name": $0.name, "url": url(tagPath($0.slug, page.language))] }
    }

    /// A page's tags, each once (`Ozone` and `ozone` are one), named as the site's tag is.
    func pageTags(_ page: Page) -> [(slug: String, name: String)] {
        var seen: Set<String> = []
        return page.tags.compactMap { name in
            guard let slug = TagName.slug(name), seen.insert(slug).inserted else { return nil }
            return (slug, tagName(slug: slug, fallback: name, in: page.language))
        }
    }

    /// The UI strings' `tag.<slug>`, else the tag's first spelling on the site, else `fallback`.
    func tagName(slug: String, fallback: String, in language: Language) -> String {
        localization.string("tag." + slug, in: language) ?? tagNames[language.code]?[slug] ?? fallback
    }

    func tagPath(_ slug: String, _ language: Language) -> String { language.code + "/tags/" + slug + "/" }

    /// Every language, linking this page's translation; where there is none, the published
    /// fallback copy or the nearest translation (default language first), marked as untranslated.
    func switcher(for page: Page) -> [[String: Any]] {
        let translations = site.translations[page.translationKey] ?? [:]
        let copies = site.fallbackPages[page.translationKey] ?? [:]
        return config.languages.map { language in
            var entry: [String: Any] = [
                "code": language.code, "name": language.name, "locale": language.locale,
                "dir": language.direction.rawValue, "isCurrent": language == page.language,
            ]
            if let own = translations[language.code] {
                entry["url"] = url(site.pages[own].path)
                entry["isTranslated"] = true
            } else {
                let nearest = config.fallbackLanguages(for: language).lazy.compactMap { translations[$0.code] }.first
                let target = copies[language.code] ?? nearest ?? site.home(of: language)
                entry["url"] = target.map { url(site.pages[$0].path) } ?? url(language.code + "/")
                entry["isTranslated"] = false
            }
            return entry
        }
    }

    /// `<link rel="alternate" hreflang>` targets: every existing translation and x-default.
    /// Fallback copies are not translations and get none.
    func alternates(for page: Page) -> [[String: String]] {
        guard page.fallbackOf == nil else { return [] }
        let translations = site.translations(of: page)
        var links = translations.map { language, index in
            ["hreflang": language.locale, "href": permalink(site.pages[index].path)]
        }
        if let defaultVersion = site.translations[page.translationKey]?[config.defaultLanguage.code] {
            links.append(["hreflang": "x-default", "href": permalink(site.pages[defaultVersion].path)])
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
              parts.count > 1 else { return language.code }
        return "\(code)_\(region)"
    }

    /// schema.org Organization for the home pages: the official channels as `sameAs`.
    func organizationJSON(_ language: Language) -> String {
        var organization: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": config.title(for: language),
            "url": permalink(language.code + "/"),
            "sameAs": config.channels.map(\.url),
        ]
        if let logo = config.logo { organization["logo"] = config.origin + url(logo) }
        let others = config.languages.filter { $0 != language }.map { config.title(for: $0) }
            .filter { $0 != config.title(for: language) }
        if !others.isEmpty { organization["alternateName"] = others }
        return XMLEscaping.jsonForScript(organization)
    }

    /// Links between the pages of a list whose first page is at `path`.
    func pagination(_ path: String, number: Int, count: Int) -> [String: Any] {
        var values: [String: Any] = [
            "current": number, "total": count,
            "pages": Paginator.window(current: number, count: count).map { n -> [String: Any] in
                guard let n else { return ["isGap": true] }
                return ["number": n, "url": url(Paginator.path(of: path, page: n)), "isCurrent": n == number]
            },
        ]
        if number > 1 { values["prevURL"] = url(Paginator.path(of: path, page: number - 1)) }
        if number < count { values["nextURL"] = url(Paginator.path(of: path, page: number + 1)) }
        return values
    }

    func menu(for page: Page, index: Int) -> [[String: Any]] {
        (site.menus[page.language.code] ?? []).map { entry in
            let target = site.pages[entry]
            let isCurrent = entry == index || (target.kind == .section && page.path.hasPrefix(target.path))
            return ["title": target.title, "url": url(target.path), "isCurrent": isCurrent]
        }
    }

    func breadcrumbs(for page: Page) -> [[String: Any]] {
        guard page.kind != .home, let sections = site.sections[page.language.code] else { return [] }
        var crumbs: [[String: Any]] = []
        var folder = page.kind == .section ? Site.parentFolder(of: page.folder) : page.folder
        while true {
            if let section = sections[folder] {
                let target = site.pages[section.page]
                crumbs.insert(["title": target.title, "url": url(target.path)], at: 0)
            }
            if folder.isEmpty { break }
            folder = Site.parentFolder(of: folder)
        }
        return crumbs
    }

    func homeSections(of language: Language) -> [[String: Any]] {
        guard let home = site.sections[language.code]?[""] else { return [] }
        return home.subsections.map { sectionIndex in
            let section = site.pages[sectionIndex]
            let listed = site.sections[language.code]?[section.folder]?.pages ?? []
            var values: [String: Any] = ["title": section.title, "url": url(section.path),
                                         "pages": listed.prefix(6).map(item), "hasMore": listed.count > 6]
            if !bodies[sectionIndex].summary.isEmpty { values["summary"] = bodies[sectionIndex].summary }
            return values
        }
    }
}

/// Page numbers of list pages: page 1 at the list's own URL, then `page/2/`, `page/3/` …
enum Paginator {
    static func path(of path: String, page: Int) -> String {
        page <= 1 ? path : path + "page/\(page)/"
    }

    /// A list cut into pages of `size` items; an empty list still has its (empty) first page.
    static func split(_ items: [Int], size: Int) -> [ArraySlice<Int>] {
        guard !items.isEmpty else { return [items[...]] }
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    /// The page numbers a list page links to: the first, the last and two on each side of the
    /// current one, with nil where numbers are left out. Listing every page would make each page
    /// of a long list grow with the list (and the whole list with its square).
    static func window(current: Int, count: Int, radius: Int = 2) -> [Int?] {
        var numbers: [Int?] = []
        var previous = 0
        for n in 1...max(count, 1) where n == 1 || n == count || abs(n - current) <= radius {
            if n > previous + 1 { numbers.append(n == previous + 2 ? previous + 1 : nil) }
            numbers.append(n)
            previous = n
        }
        return numbers
    }
}

/// Strings formatted with each page's locale, made once per build (formatters are costly).
struct LocalizedPageStrings {
    var dates: [Int: String] = [:]
    var readingTimes: [Int: String] = [:]

    init() {}

    init(site: Site, bodies: [RenderedBody], localization: Localization) {
        var dateFormatters: [String: LongDateFormatter] = [:]
        var dateCache: [String: String] = [:]
        var timeCache: [String: String] = [:]
        for (index, page) in site.pages.enumerated() {
            let language = page.language
            if let date = page.date {
                let key = language.code + date.day
                if dateCache[key] == nil {
                    let formatter = dateFormatters[language.code] ?? LongDateFormatter(language: language)
                    dateFormatters[language.code] = formatter
                    dateCache[key] = formatter.string(from: date)
                }
                dates[index] = dateCache[key]
            }
            let minutes = bodies[index].readingMinutes
            guard minutes > 0 else { continue }
            let key = language.code + "\(minutes)"
            if timeCache[key] == nil { timeCache[key] = Self.readingTime(minutes, in: language, localization: localization) }
            readingTimes[index] = timeCache[key]
        }
    }

    /// "3 minutes' read" in the language's words; none for an empty page.
    static func readingTime(_ minutes: Int, in language: Language, localization: Localization) -> String? {
        minutes > 0 ? localization.plural("reading_time", count: minutes, in: language) : nil
    }
}
