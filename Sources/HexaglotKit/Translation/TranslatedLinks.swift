import Foundation

/// Links between pages in a translated page: to the same page in the target language where it
/// exists (or the import writes it), else to the source language's page, so that the translation
/// builds. Links are written as relative paths to Markdown files, as in the source. A link to a
/// heading (`page.md#measures`, or `#measures` on the page itself) leads to the same heading of
/// the translation where it can be matched (`HeadingAnchors`), else to the translation's top: a
/// source-language id would name no heading there.
struct TranslatedLinks {
    /// The source page and the translation being written, relative to the site folder.
    let sourceFile: String, targetFile: String
    let sourceLanguage: String, targetLanguage: String
    /// The target-language file of a source-language file (same translation key), if any.
    let translationOf: (String) -> String?
    /// Whether a file relative to the site folder is, or will be after this import, a page.
    let isPage: (String) -> Bool
    /// The headings of a source-language file and of its translation, when both can be known.
    let anchors: (_ source: String, _ translation: String) -> (HeadingAnchors, HeadingAnchors)?

    /// The destination to write for `url`, or nil to keep it as it is.
    func destination(for url: String) -> String? {
        if url.hasPrefix("#") {
            let fragment = translatedFragment(url, from: sourceFile, to: targetFile)
            return fragment.isEmpty ? nil : fragment
        }
        guard !url.isEmpty, !url.hasPrefix("/"), !LinkResolver.hasScheme(url) else { return nil }
        let suffixStart = url.firstIndex { $0 == "#" || $0 == "?" } ?? url.endIndex
        let rawPath = String(url[..<suffixStart]), suffix = String(url[suffixStart...])
        let path = rawPath.removingPercentEncoding ?? rawPath
        guard path.lowercased().hasSuffix(".md") else { return nil }
        guard let resolved = Self.resolve(path, from: sourceFile), resolved.hasPrefix("content/\(sourceLanguage)/") else { return nil }
        if let translated = translationOf(resolved), isPage(translated) {
            return Self.relative(from: targetFile, to: translated)
                + (suffix.hasPrefix("#") ? translatedFragment(suffix, from: resolved, to: translated) : suffix)
        }
        return Self.relative(from: targetFile, to: resolved) + suffix
    }

    /// `#fragment` for the heading of `translation` matching the one `fragment` names in `source`,
    /// or nothing (the page's top).
    private func translatedFragment(_ suffix: String, from source: String, to translation: String) -> String {
        let raw = String(suffix.dropFirst()), fragment = raw.removingPercentEncoding ?? raw
        // `#top` is the top of any page (HTML), not a heading's id.
        if fragment.lowercased() == "top" { return suffix }
        guard let (sourceHeadings, translatedHeadings) = anchors(source, translation),
            let translated = sourceHeadings.fragment(fragment, in: translatedHeadings)
        else { return "" }
        return "#" + translated
    }

    /// `path` relative to the folder of `file`, without `.` and `..`; nil when it leaves the site.
    static func resolve(_ path: String, from file: String) -> String? {
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The relative path from the folder of `file` to `target`.
    static func relative(from file: String, to target: String) -> String {
        let folder = file.split(separator: "/").dropLast(), destination = target.split(separator: "/")
        var common = 0
        while common < folder.count, common < destination.count - 1, folder[folder.startIndex + common] == destination[common] { common += 1 }
        let ups = Array(repeating: "..", count: folder.count - common)
        return (ups + destination[common...].map(String.init)).joined(separator: "/")
    }
}
