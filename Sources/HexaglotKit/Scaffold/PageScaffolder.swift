import Foundation

/// Creates new pages and translations in a site's content folder, never overwriting a file.
public struct PageScaffolder: Sendable {
    /// The site folder (holding `content/`).
    public var siteFolder: URL
    /// "Today" for a new page's date.
    public var now: Date

    public init(siteFolder: URL, now: Date = Date()) {
        self.siteFolder = siteFolder.standardizedFileURL
        self.now = now
    }

    /// Creates `content/<lang>/<path>.md` with a title and today's date; returns its path
    /// relative to the site folder.
    public func createPage(_ argument: String, title: String?) throws(ScaffoldError) -> String {
        let config = try loadConfig()
        let path = try ContentPath(parsing: argument)
        try checkLanguage(path.language, config)
        try checkAddress(of: path, config)
        let given = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let pageTitle = given.isEmpty ? SiteAssembler.humanize(path.stem) : given
        let text = "---\ntitle: \(YAMLScalar.text(pageTitle))\ndate: \(Self.day(of: now))\n---\n\n"
        try write(text, to: path)
        return path.displayPath
    }

    /// Creates the translation of `argument`'s page into language `code`: the same path in that
    /// language's folder, the source's front matter and body copied, and a `translatedFrom`
    /// record of the source's body. Returns the new file's path relative to the site folder.
    public func createTranslation(of argument: String, into code: String) throws(ScaffoldError) -> String {
        let config = try loadConfig()
        var source = try ContentPath(parsing: argument)
        try checkLanguage(source.language, config)
        try checkLanguage(code, config)
        guard code != source.language else {
            throw .usage("--to \(code) is the language of \(source.displayPath) itself; name the language to translate into")
        }
        if !exists(source), let bundle = source.bundleIndex, exists(bundle) { source = bundle }
        guard exists(source) else {
            throw .content([.error("\(source.displayPath) does not exist; nothing to translate", at: nil)])
        }
        let limit = config.maximumPageBytes ?? BuildOptions(source: siteFolder).maximumPageBytes
        let text = try TranslationDraft.make(
            from: url(of: source), inside: siteFolder, displayPath: source.displayPath,
            language: source.language, maximumBytes: limit)
        let target = source.inLanguage(code)
        try write(text, to: target)
        return target.displayPath
    }

    // MARK: Helpers

    private func loadConfig() throws(ScaffoldError) -> SiteConfig {
        let content = siteFolder.appendingPathComponent("content")
        guard FileManager.default.fileExists(atPath: content.path) else {
            throw .content([.error("no content/ folder in \(siteFolder.path): is this a site folder?", at: nil)])
        }
        let (config, problems) = SiteConfigLoader().load(
            from: content.appendingPathComponent(SiteConfigLoader.fileName),
            displayPath: "content/" + SiteConfigLoader.fileName)
        guard let config, !problems.contains(where: { $0.severity == .error }) else { throw .content(problems) }
        return config
    }

    private func checkLanguage(_ code: String, _ config: SiteConfig) throws(ScaffoldError) {
        let codes = config.languages.map(\.code)
        guard codes.contains(code) else {
            throw .usage("'\(code)' is not one of the site's languages (\(codes.joined(separator: ", ")))")
        }
    }

    /// Refuses a page the next build would refuse for its address: one named like a section's
    /// folder (`en/news` beside `content/en/news/`: both are /en/news/), or one where the build
    /// publishes the tag list or the search page.
    private func checkAddress(of path: ContentPath, _ config: SiteConfig) throws(ScaffoldError) {
        let stem = String(path.relativePath.dropLast(3))
        var isFolder: ObjCBool = false
        let folder = siteFolder.appendingPathComponent("content/\(path.language)/\(stem)").path
        if !stem.hasSuffix("/index"), !stem.hasSuffix("/_index"), FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
            isFolder.boolValue
        {
            throw .usage(
                "\(path.language)/\(stem) is a section (content/\(path.language)/\(stem)/), published at the same address: "
                    + "add a page inside it (\(path.language)/\(stem)/<name>), or give the section its own text in \(path.language)/\(stem)/_index.md"
            )
        }
        let first = stem.split(separator: "/").first.map(String.init) ?? stem
        let reserved = ["tags": "the tag list and tag pages", "search": "the search page"]
        if let what = reserved[first], first == "tags" || config.buildsSearchIndex {
            throw .usage(
                "\(path.language)/\(stem) would be published under /\(path.language)/\(first)/, where the build writes \(what): choose another path")
        }
    }

    private func url(of path: ContentPath) -> URL {
        siteFolder.appendingPathComponent(path.displayPath)
    }

    private func exists(_ path: ContentPath) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url(of: path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Writes a new file, refusing to replace anything, and only inside the site folder (a
    /// symbolic link among the folders could lead elsewhere).
    private func write(_ text: String, to path: ContentPath) throws(ScaffoldError) {
        let file = url(of: path)
        let place = SourceLocation(file: path.displayPath)
        if FileManager.default.fileExists(atPath: file.path) {
            throw .content([.error("\(path.displayPath) already exists; it was left as it is (remove it or choose another path)", at: place)])
        }
        let folder = file.deletingLastPathComponent()
        guard isInsideSite(folder) else {
            throw .content([
                .error("\(path.displayPath) would be written outside the site folder (through a symbolic link); nothing was written", at: nil)
            ])
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            if FileManager.default.fileExists(atPath: file.path) {
                throw .content([.error("\(path.displayPath) already exists; it was left as it is (remove it or choose another path)", at: place)])
            }
            throw .content([.error("cannot write \(path.displayPath): \(error.localizedDescription)", at: nil)])
        }
    }

    /// Whether `folder`, or the nearest part of it that exists, resolves to a place inside the site.
    private func isInsideSite(_ folder: URL) -> Bool {
        var existing = folder
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            existing.deleteLastPathComponent()
        }
        let root = siteFolder.resolvingSymlinksInPath().path
        let resolved = existing.resolvingSymlinksInPath().path
        return resolved == root || resolved.hasPrefix(root + "/")
    }

    /// `YYYY-MM-DD` of `date` in UTC: the clock the build uses to leave out pages dated in the
    /// future, so that a new page is never hidden as "future" (as a local date east of UTC could be).
    static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
