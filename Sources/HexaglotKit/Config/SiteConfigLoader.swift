import Foundation

/// Reads and checks `content/site.yaml`, reporting every problem with its line and column.
public struct SiteConfigLoader: Sendable {
    public static let fileName = "site.yaml"

    public init() {}

    public func load(from file: URL, displayPath: String, baseURLOverride: String? = nil) -> (SiteConfig?, [Diagnostic]) {
        let start = SourceLocation(file: displayPath)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return (nil, [.error("site settings not found: create \(displayPath) (see README)", at: nil)])
        }
        let root: YAMLNode
        do {
            let text = try SourceText.decode(data, file: displayPath).text
            guard let node = try YAMLReader(file: displayPath).read(text) else {
                return (nil, [.error("\(displayPath) is empty", at: start)])
            }
            root = node
        } catch {
            return (nil, [error])
        }
        return read(root, file: displayPath, baseURLOverride: baseURLOverride)
    }

    func read(_ root: YAMLNode, file: String, baseURLOverride: String?) -> (SiteConfig?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard let entries = root.entries else {
            return (nil, [.error("\(file) must be a mapping of settings, got \(root.shortDescription)", at: root.location)])
        }
        func text(_ node: YAMLNode, _ name: String) -> String? {
            guard let value = node.scalarText, node.resolved != .null else {
                problems.append(.error("'\(name)' must be text, got \(node.shortDescription)", at: node.location))
                return nil
            }
            return value
        }

        var languages: [Language] = []
        var languagesNode: YAMLNode?
        var titleNode: YAMLNode?
        var defaultCode: (String, SourceLocation)?
        var baseURL: String?
        var baseURLGiven = false
        var channels: [Channel] = []
        var logo: String?
        var logoLocation: SourceLocation?
        var allowsRawHTML = false
        var params: [YAMLNode.Entry] = []
        var paginate = 10
        var fallbackNode: YAMLNode?
        var fallbackPages = false
        var search = false
        var maximumPageBytes: Int?
        var markdownTimeLimit: Double?
        var translatableFields: [String] = []
        var images = ImageSettings()
        func positiveInt(_ node: YAMLNode, _ name: String) -> Int? {
            guard case .int(let value) = node.resolved, value > 0 else {
                problems.append(.error("'\(name)' must be a whole number above 0, got \(node.shortDescription)", at: node.location))
                return nil
            }
            return value
        }

        for entry in entries {
            let node = entry.value
            switch entry.key {
            case "title": titleNode = node
            case "baseURL":
                baseURLGiven = true
                if let value = text(node, "baseURL") {
                    if let problem = Self.checkBaseURL(value) {
                        problems.append(.error(problem, at: node.location))
                    } else {
                        baseURL = value.hasSuffix("/") ? value : value + "/"
                    }
                }
            case "defaultLanguage":
                if let value = text(node, "defaultLanguage") { defaultCode = (value, node.location) }
            case "languages":
                languagesNode = node
                languages = readLanguages(node, problems: &problems)
            case "channels":
                channels = readChannels(node, problems: &problems)
            case "logo":
                if let value = text(node, "logo") {
                    // A path of the site (its file in content/static/): every page links it.
                    let path = value.hasPrefix("/") ? String(value.dropFirst()) : value
                    let segments = path.split(separator: "/", omittingEmptySubsequences: false)
                    if let problem = segments.lazy.compactMap({ PathSafety.problem(inSegment: String($0)) }).first
                        ?? (segments.contains { $0.isEmpty || $0 == "." || $0 == ".." } ? "must not have empty, '.' or '..' parts" : nil)
                    {
                        problems.append(
                            .error("'logo' must be the path of a file of the site, such as images/logo.svg: '\(value)' \(problem)", at: node.location)
                        )
                    } else {
                        logo = path
                        logoLocation = node.location
                    }
                }
            case "paginate":
                paginate = positiveInt(node, "paginate") ?? paginate
            case "fallback":
                fallbackNode = node
            case "fallbackPages":
                guard case .bool(let value) = node.resolved else {
                    problems.append(.error("'fallbackPages' must be true or false, got \(node.shortDescription)", at: node.location))
                    continue
                }
                fallbackPages = value
            case "search":
                guard case .bool(let value) = node.resolved else {
                    problems.append(.error("'search' must be true or false, got \(node.shortDescription)", at: node.location))
                    continue
                }
                search = value
            case "maxPageBytes":
                maximumPageBytes = positiveInt(node, "maxPageBytes")
            case "markdownTimeLimit":
                switch node.resolved {
                case .int(let value) where value > 0: markdownTimeLimit = Double(value)
                case .float(let value) where value > 0 && value.isFinite: markdownTimeLimit = value
                default:
                    problems.append(
                        .error("'markdownTimeLimit' must be a number of seconds above 0, got \(node.shortDescription)", at: node.location))
                }
            case "images":
                images = ImageSettings.read(node, problems: &problems)
            case "markdown":
                guard let options = node.entries else {
                    problems.append(.error("'markdown' must be a mapping, such as {unsafe: true}", at: node.location))
                    continue
                }
                for option in options {
                    guard option.key == "unsafe" else {
                        problems.append(.error("unknown markdown setting '\(option.key)' (known: unsafe)", at: option.keyLocation))
                        continue
                    }
                    guard case .bool(let value) = option.value.resolved else {
                        problems.append(
                            .error(
                                "'unsafe' must be true or false, got \(option.value.shortDescription)",
                                at: option.value.location))
                        continue
                    }
                    allowsRawHTML = value
                }
            case "translation":
                translatableFields = Self.translatableFields(node, problems: &problems)
            default:
                params.append(entry)
            }
        }

        let fileStart = SourceLocation(file: file)
        if languagesNode == nil {
            problems.append(.error("'languages' is missing: list the site's languages, such as - {code: en, name: English}", at: fileStart))
        } else if languages.isEmpty && !problems.contains(where: { $0.severity == .error }) {
            problems.append(.error("'languages' must list at least one language", at: languagesNode!.location))
        }
        if let override = baseURLOverride {
            if let problem = Self.checkBaseURL(override) {
                problems.append(.error("--base-url: \(problem)", at: nil))
            } else {
                baseURL = override.hasSuffix("/") ? override : override + "/"
            }
        }
        // Missing only when neither site.yaml nor --base-url gives one (a given one that is not
        // usable has its own error above).
        if baseURL == nil && !baseURLGiven && baseURLOverride == nil {
            problems.append(.error("'baseURL' is missing: the site's address, such as https://example.org/", at: fileStart))
        }

        var defaultLanguage = languages.first
        if let (code, location) = defaultCode {
            defaultLanguage = languages.first { $0.code == code }
            if defaultLanguage == nil && !languages.isEmpty {
                problems.append(
                    .error("default language '\(code)' is not one of the languages (\(languages.map(\.code).joined(separator: ", ")))", at: location))
            }
        }

        var titles: [String: String] = [:]
        if let titleNode {
            switch titleNode.value {
            case .scalar:
                if let value = text(titleNode, "title") { for language in languages { titles[language.code] = value } }
            case .mapping(let perLanguage):
                for entry in perLanguage {
                    guard languages.contains(where: { $0.code == entry.key }) else {
                        problems.append(.error("title given for '\(entry.key)', which is not one of the languages", at: entry.keyLocation))
                        continue
                    }
                    if let value = text(entry.value, "title.\(entry.key)") { titles[entry.key] = value }
                }
            case .sequence:
                problems.append(.error("'title' must be text or one text per language, such as {en: …, fr: …}", at: titleNode.location))
            }
        } else {
            problems.append(.error("'title' is missing: the site's name, per language", at: fileStart))
        }

        let fallbackOrder = fallbackNode.map { readFallback($0, languages: languages, problems: &problems) } ?? [:]

        guard !problems.contains(where: { $0.severity == .error }), let baseURL, let defaultLanguage else {
            return (nil, problems)
        }
        var config = SiteConfig(
            titles: titles, baseURL: baseURL, defaultLanguage: defaultLanguage, languages: languages,
            channels: channels, logo: logo, allowsRawHTML: allowsRawHTML, params: params)
        config.paginate = paginate
        config.fallbackOrder = fallbackOrder
        config.publishesFallbackPages = fallbackPages
        config.buildsSearchIndex = search
        config.maximumPageBytes = maximumPageBytes
        config.markdownTimeLimit = markdownTimeLimit
        config.translatableFields = translatableFields
        config.images = images
        config.logoLocation = logoLocation
        return (config, problems)
    }

    private func readLanguages(_ node: YAMLNode, problems: inout [Diagnostic]) -> [Language] {
        guard case .sequence(let items) = node.value else {
            problems.append(.error("'languages' must be a list, such as - {code: en, name: English}", at: node.location))
            return []
        }
        var languages: [Language] = []
        for item in items {
            guard let fields = item.entries else {
                problems.append(.error("each language must be a mapping with 'code' and 'name', got \(item.shortDescription)", at: item.location))
                continue
            }
            var code: String?, name: String?, locale: String?, direction = Language.Direction.leftToRight
            for field in fields {
                let value = field.value.scalarText
                switch field.key {
                case "code": code = value
                case "name": name = value
                case "locale": locale = value
                case "dir":
                    guard let value, let parsed = Language.Direction(rawValue: value) else {
                        problems.append(.error("'dir' must be ltr or rtl, got \(field.value.shortDescription)", at: field.value.location))
                        continue
                    }
                    direction = parsed
                default:
                    problems.append(.error("unknown language setting '\(field.key)' (known: code, name, locale, dir)", at: field.keyLocation))
                }
            }
            guard let code, Self.isLanguageCode(code) else {
                problems.append(.error("language 'code' must be a short code such as en or zh-hant (letters, digits, '-')", at: item.location))
                continue
            }
            if languages.contains(where: { $0.code == code }) {
                problems.append(.error("language '\(code)' is listed twice", at: item.location))
                continue
            }
            if let locale, !Self.isLanguageCode(locale) {
                problems.append(.error("'locale' must be a BCP 47 tag such as zh-Hans, got '\(locale)'", at: item.location))
                continue
            }
            languages.append(Language(code: code, name: name ?? code, locale: locale, direction: direction))
        }
        return languages
    }

    /// `fallback: [en, fr]` for every language, or `fallback: {ar: [fr, en], es: [en]}` per language.
    private func readFallback(_ node: YAMLNode, languages: [Language], problems: inout [Diagnostic]) -> [String: [String]] {
        func codes(_ node: YAMLNode) -> [String] {
            guard case .sequence(let items) = node.value else {
                problems.append(.error("a fallback order is a list of language codes, such as [en, fr]", at: node.location))
                return []
            }
            return items.compactMap { item in
                guard let code = item.scalarText, languages.contains(where: { $0.code == code }) else {
                    problems.append(.error("\(item.shortDescription) is not one of the languages", at: item.location))
                    return nil
                }
                return code
            }
        }
        if case .sequence = node.value { return ["*": codes(node)] }
        guard let entries = node.entries else {
            problems.append(.error("'fallback' must be a list of language codes or a mapping from a language to such a list", at: node.location))
            return [:]
        }
        var order: [String: [String]] = [:]
        for entry in entries {
            guard languages.contains(where: { $0.code == entry.key }) else {
                problems.append(.error("'\(entry.key)' is not one of the languages", at: entry.keyLocation))
                continue
            }
            order[entry.key] = codes(entry.value)
        }
        return order
    }

    private func readChannels(_ node: YAMLNode, problems: inout [Diagnostic]) -> [Channel] {
        guard case .sequence(let items) = node.value else {
            problems.append(.error("'channels' must be a list, such as - {name: YouTube, url: https://…}", at: node.location))
            return []
        }
        var channels: [Channel] = []
        for item in items {
            guard let name = item["name"]?.scalarText, let url = item["url"]?.scalarText else {
                problems.append(.error("each channel needs a 'name' and a 'url'", at: item.location))
                continue
            }
            guard let scheme = URL(string: url)?.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
                problems.append(.error("channel URL must start with https:// or http://, got '\(url)'", at: item["url"]!.location))
                continue
            }
            channels.append(Channel(name: name, url: url))
        }
        return channels
    }

    static func checkBaseURL(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            return "'baseURL' must be an absolute http(s) URL such as https://example.org/, got '\(value)'"
        }
        return nil
    }

    static func isLanguageCode(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 35 && value.first!.isLetter
            && value.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }

    /// `translation: {fields: [caption, intro]}`: front matter fields exported for translation
    /// besides `title` and `summary`.
    static func translatableFields(_ node: YAMLNode, problems: inout [Diagnostic]) -> [String] {
        let example = "such as {fields: [caption]}"
        guard let options = node.entries else {
            problems.append(.error("'translation' must be a mapping, \(example)", at: node.location))
            return []
        }
        var fields: [String] = []
        for option in options {
            guard option.key == "fields" else {
                problems.append(.error("unknown translation setting '\(option.key)' (known: fields)", at: option.keyLocation))
                continue
            }
            guard case .sequence(let items) = option.value.value else {
                problems.append(.error("'translation.fields' must be a list of field names, \(example)", at: option.value.location))
                continue
            }
            for item in items {
                guard let name = item.scalarText, item.resolved != .null, !name.isEmpty else {
                    problems.append(.error("each translatable field must be a field name, got \(item.shortDescription)", at: item.location))
                    continue
                }
                let typed = ["date", "draft", "tags", "slug", "translationKey", "layout", "weight", "paginate", "translatedFrom"]
                guard !typed.contains(name) else {
                    problems.append(.error("'\(name)' cannot be translated: it is not text a reader sees", at: item.location))
                    continue
                }
                if !fields.contains(name) && name != "title" && name != "summary" { fields.append(name) }
            }
        }
        return fields
    }
}
