import Foundation

/// Turns links to Markdown files (`../areas/pops.md#goals`) into the target page's URL, as on
/// GitHub; a link to a Markdown file that is not a published page is an error.
struct LinkResolver: Sendable {
    let site: Site
    /// Every Markdown file below `content/` (drafts included), by path below `content/`.
    let markdownFiles: Set<String>

    func rewrite(_ link: MarkdownLink, from page: Page) -> LinkRewrite {
        let destination = link.destination
        guard !destination.isEmpty, !destination.hasPrefix("#"), !destination.hasPrefix("//"),
            !Self.hasScheme(destination), let source = page.sourcePath
        else { return .keep }
        let suffixStart = URLPath.endOfPath(in: destination)
        let rawPath = String(destination[..<suffixStart])
        // Most links are not to Markdown files: decide that on the bytes before any decoding.
        guard Self.mayNameMarkdownFile(rawPath) else { return .keep }
        let suffix = String(destination[suffixStart...])
        let path = URLPath.percentDecoded(rawPath) ?? rawPath
        guard path.lowercased().hasSuffix(".md") else { return .keep }

        let sourceBelowContent = String(source.dropFirst("content/".count))
        var segments: [Substring] = path.hasPrefix("/") ? [] : sourceBelowContent.split(separator: "/").dropLast()
        for segment in path.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return .broken("link '\(destination)' leads outside the content folder") }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        let target = segments.joined(separator: "/")
        if let index = site.pagesBySource[target] {
            let linked = Self.readersVersion(of: index, from: page, keepingFragment: suffix.contains("#"), in: site)
            return .replace(site.config.rootPath + URLPath.encodePath(site.pages[linked].path) + suffix)
        }
        if markdownFiles.contains(target) {
            // Left out as a draft, as dated in the future, or for an error of its own (reported there).
            return .broken(
                "link '\(destination)' leads to content/\(target), which is not published (a draft, a page dated in the future, or one that has an error)"
            )
        }
        return .broken("link '\(destination)' leads to content/\(target), which does not exist")
    }

    /// The page a link to page `index` leads to from `page`: from a fallback copy (a page shown
    /// on another language's site), the linked page's version in the copy's language where there
    /// is one, its translation or its own copy, so the reader stays in their language (it led to
    /// the original's language). A link to a heading keeps to a copy, whose headings are the same.
    static func readersVersion(of index: Int, from page: Page, keepingFragment: Bool, in site: Site) -> Int {
        let target = site.pages[index], language = page.language.code
        guard page.fallbackOf != nil, target.language.code != language else { return index }
        if let copy = site.fallbackPages[target.translationKey]?[language] { return copy }
        guard !keepingFragment, let translation = site.translations[target.translationKey]?[language] else { return index }
        return translation
    }

    /// Ends in `.md` (any case), possibly percent-encoded (`%2Emd`, `.m%64`).
    static func mayNameMarkdownFile(_ path: String) -> Bool {
        let bytes = path.utf8
        guard let last = bytes.last else { return false }
        return last == UInt8(ascii: "d") || last == UInt8(ascii: "D") || bytes.contains(UInt8(ascii: "%"))
    }

    static func hasScheme(_ destination: String) -> Bool {
        // Bytes: a scheme is ASCII, and looking at Characters meant grapheme breaking on every link.
        // Over the contiguous bytes, stopping at the first that cannot be in a scheme: the generic
        // search of a UTF-8 view for the colon cost more than the rest of an image's `og:image`.
        var destination = destination
        return destination.withUTF8 { bytes in
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }
            guard let first = bytes.first, isLetter(first) else { return false }
            for byte in bytes.dropFirst() {
                if byte == UInt8(ascii: ":") { return true }
                guard
                    isLetter(byte) || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: ".")
                else { return false }
            }
            return false
        }
    }
}
