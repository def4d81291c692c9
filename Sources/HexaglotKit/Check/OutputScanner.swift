import Foundation

/// A URL written in a built file, and what it is for.
struct OutputReference: Hashable, Sendable {
    /// As written, character references decoded: `/en/about/#team`, `photo.svg`.
    var url: String
    /// What the URL is, for messages: `link`, `image`, `hreflang 'fr' alternate`.
    var role: String
    /// The attribute it was written in (`href`, `src`), or empty for text (`<loc>`, CSS).
    var attribute: String
    /// Line in the built file.
    var line: Int
    /// `<link rel=alternate hreflang>`: its target must exist.
    var hreflang: String?
    /// `<a href>`/`<area href>`: a link a reader can follow (what "links a channel" means).
    var isNavigation = false
}

/// What one built file refers to and which fragment targets (`id`s) it offers.
struct ScannedFile: Sendable {
    var path: String
    var references: [OutputReference] = []
    /// Every `id`, and `name` of `<a>`: what `#fragment` may point at.
    var ids: Set<String> = []
    /// `<base href>`, against which relative URLs resolve.
    var base: String?
    var isHTML = false
}

/// Reads the references out of built files: HTML pages, XML (feeds, sitemap), CSS, robots.txt.
enum OutputScanner {
    /// `<meta property|name=… content=URL>` that carry URLs (Open Graph, Twitter cards).
    static let urlMetaProperties: Set<String> = [
        "og:url", "og:image", "og:image:url", "og:image:secure_url", "og:video", "og:audio",
        "twitter:image", "twitter:url",
    ]

    /// The file's references, or nil for files that hold none (images, fonts …).
    static func scan(_ url: URL, path: String) -> ScannedFile? {
        let lowered = path.lowercased()
        let kind: (String, String) -> ScannedFile
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") {
            kind = scanHTML
        } else if lowered.hasSuffix(".xml") {
            kind = scanXML
        } else if lowered.hasSuffix(".css") {
            kind = scanCSS
        } else if lowered == "robots.txt" {
            kind = scanRobots
        } else {
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return kind(String(decoding: data, as: UTF8.self), path)
    }

    static func scanHTML(_ text: String, path: String) -> ScannedFile {
        var file = ScannedFile(path: path, isHTML: true)
        for token in MarkupTokenizer(text).tokens() where token.kind == .startTag {
            if let id = token.attribute("id"), !id.isEmpty { file.ids.insert(id) }
            if token.name == "a", let name = token.attribute("name"), !name.isEmpty { file.ids.insert(name) }
            file.references += references(in: token)
            if token.name == "base", file.base == nil, let href = token.attribute("href") { file.base = href.trimmedURL }
        }
        return file
    }

    /// The URLs one HTML start tag carries.
    static func references(in tag: MarkupToken) -> [OutputReference] {
        var found: [OutputReference] = []
        func add(_ url: String, _ role: String, _ attribute: String, hreflang: String? = nil, navigation: Bool = false) {
            let trimmed = url.trimmedURL
            guard !trimmed.isEmpty else { return }
            found.append(
                OutputReference(
                    url: trimmed, role: role, attribute: attribute, line: tag.line,
                    hreflang: hreflang, isNavigation: navigation))
        }
        let rel = Set((tag.attribute("rel") ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init))
        if tag.name != "base", let href = tag.attribute("href") ?? tag.attribute("xlink:href") {
            switch tag.name {
            case "a", "area": add(href, "link", "href", navigation: true)
            case "link":
                if rel.contains("alternate"), let hreflang = tag.attribute("hreflang") {
                    add(href, "hreflang '\(hreflang)' alternate", "href", hreflang: hreflang)
                } else {
                    add(
                        href,
                        rel.contains("stylesheet")
                            ? "stylesheet"
                            : rel.contains("canonical")
                                ? "canonical link"
                                : "<link rel=\"\(rel.sorted().joined(separator: " "))\">", "href")
                }
            default: add(href, "<\(tag.name) href>", "href")
            }
        }
        if let src = tag.attribute("src") {
            add(src, tag.name == "img" ? "image" : tag.name == "script" ? "script" : "<\(tag.name) src>", "src")
        }
        if let srcset = tag.attribute("srcset") {
            for candidate in srcset.split(separator: ",") {
                let url = candidate.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                add(url, tag.name == "img" || tag.name == "source" ? "image" : "<\(tag.name) srcset>", "srcset")
            }
        }
        if let poster = tag.attribute("poster") { add(poster, "video poster", "poster") }
        if tag.name == "meta", let content = tag.attribute("content") {
            if let property = (tag.attribute("property") ?? tag.attribute("name"))?.lowercased(),
                urlMetaProperties.contains(property)
            {
                add(content, property, "content")
            } else if tag.attribute("http-equiv")?.lowercased() == "refresh",
                let range = content.range(of: "url=", options: .caseInsensitive)
            {
                add(
                    String(content[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "'\" ")),
                    "refresh", "content")
            }
        }
        return found
    }

    /// Atom feeds (`<link href>`) and the sitemap (`<loc>`, `<xhtml:link href>`).
    static func scanXML(_ text: String, path: String) -> ScannedFile {
        var file = ScannedFile(path: path)
        var openTag = ""
        for token in MarkupTokenizer(text, html: false, keepsText: true).tokens() {
            switch token.kind {
            case .startTag:
                openTag = token.name
                if let href = token.attribute("href") {
                    let role = token.name == "xhtml:link" ? "sitemap alternate" : token.name == "link" ? "feed link" : "<\(token.name) href>"
                    file.references.append(OutputReference(url: href.trimmedURL, role: role, attribute: "href", line: token.line))
                }
            case .text where openTag == "loc":
                file.references.append(OutputReference(url: token.text.trimmedURL, role: "sitemap entry", attribute: "", line: token.line))
            case .text, .endTag:
                openTag = ""
            }
        }
        return file
    }

    /// `url(…)` and `@import "…"` in a stylesheet.
    static func scanCSS(_ text: String, path: String) -> ScannedFile {
        var file = ScannedFile(path: path)
        let pattern = #"url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"#
        let expression = try! NSRegularExpression(pattern: pattern)
        let lines = LineIndex(text)
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            for group in 1...5 {
                guard let range = Range(match.range(at: group), in: text) else { continue }
                file.references.append(
                    OutputReference(
                        url: String(text[range]).trimmedURL, role: "stylesheet url()",
                        attribute: "", line: lines.line(of: range.lowerBound)))
            }
        }
        file.references.removeAll { $0.url.isEmpty }
        return file
    }

    /// `Sitemap:` lines.
    static func scanRobots(_ text: String, path: String) -> ScannedFile {
        var file = ScannedFile(path: path)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "sitemap" else { continue }
            file.references.append(OutputReference(url: parts[1].trimmedURL, role: "robots.txt sitemap", attribute: "", line: number + 1))
        }
        return file
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace, as browsers read URL attributes.
    var trimmedURL: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
