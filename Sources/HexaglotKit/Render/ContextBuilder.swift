import Foundation

/// Builds the values each template sees (see README, "Templates"), from the assembled site.
/// Plain dictionaries and arrays: swift-mustache reads them without reflection.
struct ContextBuilder {
    let site: Site
    let bodies: [RenderedBody]
    let localization: Localization
    /// Long dates per page index, formatted once per build.
    let dates: [Int: String]

    private var config: SiteConfig { site.config }

    func url(_ path: String) -> String { config.rootPath + URLPath.encodePath(path) }
    func permalink(_ path: String) -> String { config.origin + url(path) }

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
        return [
            "site": siteValues,
            "lang": [
                "code": language.code, "name": language.name, "locale": language.locale,
                "dir": language.direction.rawValue, "isRTL": language.direction == .rightToLeft,
                "homeURL": url(language.code + "/"),
            ] as [String: Any],
            "i18n": localization.table(for: language),
            "channels": config.channels.map { ["name": $0.name, "url": $0.url] },
        ]
    }

    func pageContext(_ index: Int, base: [String: Any]) -> [String: Any] {
        let page = site.pages[index]
        let body = bodies[index]
        var context = base
        context["page"] = pageValues(index, body: body)
        context["languages"] = switcher(for: page)
        context["menu"] = menu(for: page, index: index)
        context["breadcrumbs"] = breadcrumbs(for: page)
        if page.kind != .page, let section = site.sections[page.language.code]?[page.folder] {
            var values: [String: Any] = [
                "title": page.title, "url": url(page.path), "content": body.html,
                "pages": section.pages.map(item), "subsections": section.subsections.map(item),
            ]
            values["hasPages"] = !section.pages.isEmpty
            context["section"] = values
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
            "url": url(page.path),
            "permalink": permalink(page.path),
            "kind": page.kind.rawValue,
            "isHome": page.kind == .home,
            "content": body.html,
            "readingMinutes": body.readingMinutes,
            "tags": tagLinks(page),
            "hasTags": !page.tags.isEmpty,
            "toc": body.headings.filter { $0.level == 2 }.map { ["title": $0.text, "id": $0.id] },
        ]
        if let date = page.date {
            values["date"] = ["iso": date.machineReadable, "display": dates[index] ?? date.day]
        }
        if !body.summary.isEmpty { values["summary"] = body.summary }
        var params: [String: Any] = [:]
        for entry in page.frontMatter.params { params[entry.key] = entry.value.templateValue }
        values["params"] = params
        return values
    }

    /// A list entry for a page.
    func item(_ index: Int) -> [String: Any] {
        let page = site.pages[index]
        var values: [String: Any] = [
            "title": page.title, "url": url(page.path), "kind": page.kind.rawValue, "tags": tagLinks(page),
        ]
        if !bodies[index].summary.isEmpty { values["summary"] = bodies[index].summary }
        if let date = page.date {
            values["date"] = ["iso": date.machineReadable, "display": dates[index] ?? date.day]
        }
        return values
    }

    func tagLinks(_ page: Page) -> [[String: Any]] {
        page.tags.map { name in
            let slug = HeadingSlugger.slug(name)
            return ["name": tagName(slug: slug, fallback: name, in: page.language), "url": url(tagPath(slug, page.language))]
        }
    }

    func tagName(slug: String, fallback: String, in language: Language) -> String {
        localization.string("tag." + slug, in: language) ?? fallback
    }

    func tagPath(_ slug: String, _ language: Language) -> String { language.code + "/tags/" + slug + "/" }

    /// Every language, linking this page's translation, or the default language's version marked as untranslated.
    func switcher(for page: Page) -> [[String: Any]] {
        let translations = site.translations[page.translationKey] ?? [:]
        let fallback = translations[config.defaultLanguage.code]
            ?? config.languages.lazy.compactMap { translations[$0.code] }.first
        return config.languages.map { language in
            var entry: [String: Any] = [
                "code": language.code, "name": language.name, "locale": language.locale,
                "dir": language.direction.rawValue, "isCurrent": language == page.language,
            ]
            if let own = translations[language.code] {
                entry["url"] = url(site.pages[own].path)
                entry["isTranslated"] = true
            } else {
                let target = fallback ?? site.home(of: language)
                entry["url"] = target.map { url(site.pages[$0].path) } ?? url(language.code + "/")
                entry["isTranslated"] = false
            }
            return entry
        }
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
            return ["title": section.title, "url": url(section.path), "pages": listed.prefix(6).map(item),
                    "hasMore": listed.count > 6, "summary": bodies[sectionIndex].summary.isEmpty ? false : bodies[sectionIndex].summary]
        }
    }
}
