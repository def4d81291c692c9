import Foundation

/// The typed fields of a page's front matter. Unknown fields are kept in `params` for templates.
public struct FrontMatter: Equatable, Sendable {
    public var title: String?
    public var date: PageDate?
    public var draft = false
    public var tags: [String] = []
    public var summary: String?
    public var slug: String?
    public var translationKey: String?
    public var layout: String?
    public var weight = 0
    /// Items per page of this section's list (in `_index.md`), overriding the site's `paginate`.
    public var paginate: Int?
    /// `search: false` leaves the page out of the site's search index.
    public var search = true
    /// What this page was translated from (`translatedFrom`), for `hexaglot status`.
    public var translatedFrom: TranslationRecord?
    /// Fields Hexaglot does not know, in written order, for templates (`page.params.<key>`).
    public var params: [YAMLNode.Entry] = []
    /// Where each known field was written, for later complaints (a slug that collides, a missing layout).
    public var locations: [String: SourceLocation] = [:]

    public init() {}

    /// Whether `other` gives the page the same place in the site: its address, the lists it is in
    /// and their order, menus, tags, translations and layout. What may still differ (summary,
    /// params, translatedFrom, where fields were written) shows only on the page itself and in
    /// its list entry, so `serve` applies such an edit in place.
    public func givesSamePlace(as other: FrontMatter) -> Bool {
        title == other.title && date == other.date && draft == other.draft && tags == other.tags && slug == other.slug
            && translationKey == other.translationKey && layout == other.layout && weight == other.weight
            && paginate == other.paginate
    }

    /// Reads and checks the fields of a front matter mapping, reporting every bad field.
    public static func read(_ root: YAMLNode?, file: String) -> (FrontMatter, [Diagnostic]) {
        var matter = FrontMatter()
        var problems: [Diagnostic] = []
        guard let root else { return (matter, problems) }
        guard let entries = root.entries else {
            problems.append(
                .error(
                    "front matter must be a mapping of fields (key: value), got \(root.shortDescription)",
                    at: root.location))
            return (matter, problems)
        }
        for entry in entries {
            let node = entry.value
            matter.locations[entry.key] = node.location
            func fail(_ message: String) { problems.append(.error(message, at: node.location)) }
            switch entry.key {
            case "title", "summary", "slug", "translationKey", "layout":
                guard let text = node.scalarText, !node.isNull else {
                    fail("'\(entry.key)' must be text, got \(node.shortDescription)")
                    continue
                }
                // An empty title made an empty <h1>, <title> and menu link.
                if entry.key == "title" || entry.key == "slug", text.allSatisfy(\.isWhitespace) {
                    let instead = entry.key == "title" ? "the page's first heading or its file name is its title" : "its file name makes its address"
                    fail("'\(entry.key)' is empty: write one, or leave the field out (then \(instead))")
                    continue
                }
                switch entry.key {
                case "title": matter.title = text
                case "summary": matter.summary = text
                case "slug": matter.slug = text
                case "translationKey": matter.translationKey = text
                default: matter.layout = text
                }
            case "date":
                guard let text = node.scalarText, let date = PageDate(parsing: text) else {
                    fail("'date' is not a date: \(node.scalarText ?? node.shortDescription) (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM)")
                    continue
                }
                matter.date = date
            case "draft":
                guard case .bool(let value) = node.resolved else {
                    fail("'draft' must be true or false, got \(node.shortDescription)")
                    continue
                }
                matter.draft = value
            case "search":
                guard case .bool(let value) = node.resolved else {
                    fail("'search' must be true or false, got \(node.shortDescription)")
                    continue
                }
                matter.search = value
            case "paginate":
                guard case .int(let value) = node.resolved, value > 0 else {
                    fail("'paginate' must be a whole number above 0, got \(node.shortDescription)")
                    continue
                }
                matter.paginate = value
            case "weight":
                guard case .int(let value) = node.resolved else {
                    fail("'weight' must be a whole number, got \(node.shortDescription)")
                    continue
                }
                matter.weight = value
            case "translatedFrom":
                let (record, recordProblems) = TranslationRecord.read(entry)
                matter.translatedFrom = record
                problems += recordProblems
            case "tags":
                switch node.value {
                case .sequence(let items):
                    for item in items {
                        guard let text = item.scalarText, !item.isNull, !Self.isBlank(text) else {
                            problems.append(.error("each tag must be text, got \(item.shortDescription)", at: item.location))
                            continue
                        }
                        if !matter.tags.contains(text) { matter.tags.append(text) }
                    }
                case .scalar where node.resolved == .null:
                    break
                default:
                    fail("'tags' must be a list, such as [pops, ozone], got \(node.shortDescription)")
                }
            default:
                if Self.isLinkField(entry.key), let link = node.scalarText, !Self.isSafeLink(link) {
                    fail("'\(entry.key)' must be an http, https or mailto URL, a relative path or a #fragment, got '\(link)'")
                    continue
                }
                matter.params.append(entry)
            }
        }
        return (matter, problems)
    }

    /// Nothing but whitespace (spaces, tabs, other space separators). A tag nearly always starts
    /// with a letter, which trimming can never remove: Foundation's trimming only when it does not.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.unicodeScalars.first, first.isASCII, first != " ", first != "\t" { return false }
        return text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// The fields Hexaglot reads itself; every other field is the site's own (`params`).
    static let typedFields: Set<String> = [
        "title", "date", "draft", "tags", "summary", "slug", "translationKey", "layout", "weight", "paginate", "search",
        "translatedFrom",
    ]

    /// Fields that templates put in `href` or `src`: `image`, and any field named `…url` or `…link`.
    static func isLinkField(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return lowered == "image" || lowered.hasSuffix("url") || lowered.hasSuffix("link")
    }

    /// Only schemes that cannot run code: no `javascript:`, `data:`, `vbscript:` and the like.
    static func isSafeLink(_ link: String) -> Bool {
        // Foundation's trimming only where an end may be white space (every page's image asks).
        let mayBeSpace = { (byte: UInt8?) in byte.map { $0 <= 0x20 || $0 >= 0x80 } ?? false }
        let trimmed = mayBeSpace(link.utf8.first) || mayBeSpace(link.utf8.last) ? link.trimmingCharacters(in: .whitespacesAndNewlines) : link
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return false }
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        let beforeColon = trimmed[..<colon]
        // A colon after the first `/`, `?` or `#` is not a scheme separator.
        if beforeColon.contains(where: { "/?#".contains($0) }) { return true }
        return ["http", "https", "mailto"].contains(beforeColon.lowercased())
    }
}
