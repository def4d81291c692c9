/// A Markdown file named on the command line: `fr/areas/pops`, `fr/areas/pops.md`, or with the
/// `content/` folder in front, as a shell's completion gives it.
public struct ContentPath: Hashable, Sendable {
    /// The language folder: `fr`. Not yet checked against the site's languages.
    public var language: String
    /// The file below the language folder, always ending in `.md`: `areas/pops.md`.
    public var relativePath: String
    /// Whether `.md` was typed; without it, a page bundle (`areas/pops/index.md`) may be meant.
    public var hadExtension: Bool

    /// The file relative to the site folder: `content/fr/areas/pops.md`.
    public var displayPath: String { "content/\(language)/\(relativePath)" }

    public init(language: String, relativePath: String, hadExtension: Bool = true) {
        self.language = language
        self.relativePath = relativePath
        self.hadExtension = hadExtension
    }

    /// Refuses absolute paths and any part that could leave the content folder or that the
    /// build would refuse (`..`, a leading `.`, `\`, `%`, control characters).
    public init(parsing argument: String) throws(ScaffoldError) {
        var text = Substring(argument)
        guard !text.isEmpty else { throw .usage("give the page as <language>/<path>, such as fr/areas/pops") }
        if text.hasPrefix("/") || text.hasPrefix("\\") || text.hasPrefix("~") {
            throw .usage("'\(argument)' is an absolute path; give the page as <language>/<path> inside content/, such as fr/areas/pops")
        }
        if text.hasPrefix("./") { text = text.dropFirst(2) }
        if text.hasPrefix("content/") { text = text.dropFirst("content/".count) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else {
            throw .usage("'\(argument)' names no page; give it as <language>/<path>, such as fr/areas/pops")
        }
        for part in parts {
            if let problem = PathSafety.problem(inSegment: part) {
                throw .usage("'\(argument)': each part of the path \(problem)\(part.isEmpty ? "" : ", got '\(part)'")")
            }
        }
        var name = parts[parts.count - 1]
        hadExtension = name.lowercased().hasSuffix(".md")
        if !hadExtension { name += ".md" }
        language = parts[0]
        relativePath = (parts[1..<(parts.count - 1)] + [name]).joined(separator: "/")
    }

    /// The same file in another language's folder.
    public func inLanguage(_ code: String) -> ContentPath {
        ContentPath(language: code, relativePath: relativePath, hadExtension: hadExtension)
    }

    /// The page bundle this path may mean when typed without `.md`: `areas/pops/index.md`.
    var bundleIndex: ContentPath? {
        guard !hadExtension else { return nil }
        return ContentPath(language: language, relativePath: String(relativePath.dropLast(3)) + "/index.md")
    }

    /// The file name without `.md`, or the bundle folder's name for an `index.md`: for a default title.
    var stem: String {
        let parts = relativePath.split(separator: "/").map(String.init)
        let name = String(parts.last!.dropLast(3))
        if (name == "index" || name == "_index") && parts.count > 1 { return parts[parts.count - 2] }
        return name
    }
}
