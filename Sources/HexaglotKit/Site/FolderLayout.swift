import Foundation

/// How a language's folders map to URLs: which folders are sections, which are page bundles
/// (a folder whose only Markdown file is `index.md`, published with its other files beside it).
struct FolderLayout {
    /// Folders that hold pages and are not bundles; the language's top folder is "" (the home).
    private(set) var sectionFolders: Set<String> = []
    private var bundleSlugs: [String: String] = [:]

    init(sources: [PageSource]) {
        var markdownFolders: [String: [PageSource]] = [:]
        for source in sources { markdownFolders[source.file.folder, default: []].append(source) }
        var ancestorsWithPages: Set<String> = []
        for folder in markdownFolders.keys {
            var current = Site.parentFolder(of: folder)
            while !current.isEmpty {
                ancestorsWithPages.insert(current)
                current = Site.parentFolder(of: current)
            }
        }
        for (folder, sources) in markdownFolders where !folder.isEmpty {
            let isBundle = sources.count == 1 && sources[0].file.fileName == "index.md" && !ancestorsWithPages.contains(folder)
            if isBundle {
                let name = String(folder.split(separator: "/").last!)
                let given = sources[0].frontMatter.slug.flatMap { PathSafety.problem(inSegment: $0) == nil ? $0 : nil }
                bundleSlugs[folder] = given ?? DatePrefix.stripped(name)
            } else {
                sectionFolders.insert(folder)
            }
        }
        for folder in ancestorsWithPages where bundleSlugs[folder] == nil { sectionFolders.insert(folder) }
    }

    /// The output folder of a source folder, below the language, ending in `/` (or empty at the top).
    func outputFolder(of folder: String) -> String {
        // Each folder from the top down, at its slash's byte: a bundle takes its slug, any other
        // folder its name. (Recursing with a split at each level cost more than the rest of
        // publishing each of a bundle's files.)
        var output = ""
        let bytes = folder.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
            defer { start = end < bytes.endIndex ? bytes.index(after: end) : end }
            guard start < end else { continue }
            output += bundleSlugs[String(folder[..<end])] ?? String(folder[start..<end])
            output += "/"
        }
        return output
    }
}
