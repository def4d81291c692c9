import Foundation

/// Checks a built site folder: every internal URL leads to a built file, every `#fragment` to an
/// id in it, hreflang alternates to existing pages, and each page links the official channels.
/// Works on the output alone, so it sees what readers get (links from templates and raw HTML
/// included); tracing problems back to the source is `ProblemLocator`'s job.
struct LinkChecker: Sendable {
    struct Result: Sendable {
        var findings: [LinkFinding] = []
        /// External URL → addresses of the pages that use it (`/en/about/`).
        var externalLinks: [String: Set<String>] = [:]
        var filesChecked = 0
        var pagesChecked = 0
        var referencesChecked = 0
    }

    let output: URL
    let address: SiteAddress
    let channels: [Channel]
    /// Whether a built HTML file must link the channels (pages rendered from content; not the
    /// language choice, 404 pages or HTML files copied as they are).
    let requiresChannels: @Sendable (String) -> Bool

    func run() -> Result {
        let (files, directories) = Self.inventory(of: output)
        let scanned = files.sorted().parallelMap { OutputScanner.scan(output.appendingPathComponent($0), path: $0) }
            .compactMap { $0 }
        var idsByFile: [String: Set<String>] = [:]
        for file in scanned where file.isHTML { idsByFile[file.path] = file.ids }

        var result = Result()
        result.filesChecked = files.count
        // One finding per problem in a file, however many times and ways it is written there;
        // a link readers follow is kept rather than a <meta> copy of it (og:image repeats the image).
        var positions: [LinkFinding: Int] = [:]
        func report(_ finding: LinkFinding) {
            var key = finding
            key.reference = nil
            key.target = nil
            guard let position = positions[key] else {
                positions[key] = result.findings.count
                result.findings.append(finding)
                return
            }
            if result.findings[position].reference?.attribute == "content" && finding.reference?.attribute != "content" {
                result.findings[position] = finding
            }
        }
        for file in scanned {
            if file.isHTML { result.pagesChecked += 1 }
            let page = address.rootPath + SiteAddress.address(ofFile: file.path)
            for reference in file.references {
                result.referencesChecked += 1
                switch address.resolve(reference.url, in: file.path, base: file.base) {
                case .ignored: break
                case .external: result.externalLinks[reference.url, default: []].insert(page)
                case .outsideRoot(let path):
                    report(
                        LinkFinding(
                            file: file.path, reference: reference, problem: .outsideRoot(path: path, root: address.rootPath),
                            target: .outsideRoot(path: path)))
                case .site(let path, let fragment):
                    let target = SiteAddress.Target.site(path: path, fragment: fragment)
                    let shown = address.rootPath + path
                    guard let built = Self.builtFile(for: path, files: files, directories: directories) else {
                        report(LinkFinding(file: file.path, reference: reference, problem: .missingTarget(address: shown), target: target))
                        continue
                    }
                    guard let fragment, !fragment.isEmpty, fragment.lowercased() != "top",
                        let ids = idsByFile[built], !ids.contains(fragment)
                    else { continue }
                    report(
                        LinkFinding(
                            file: file.path, reference: reference,
                            problem: .missingFragment(fragment: fragment, address: shown, samePage: built == file.path),
                            target: target))
                }
            }
            if file.isHTML && requiresChannels(file.path) {
                let linked = Set(file.references.filter(\.isNavigation).map { Self.comparable($0.url) })
                for channel in channels where !linked.contains(Self.comparable(channel.url)) {
                    report(LinkFinding(file: file.path, reference: nil, problem: .missingChannel(channel)))
                }
            }
        }
        return result
    }

    /// The built file a site address is served from: `en/a/` → `en/a/index.html`. A folder
    /// named without its slash counts too: web servers redirect `en/a` to `en/a/`.
    static func builtFile(for path: String, files: Set<String>, directories: Set<String>) -> String? {
        if path.isEmpty || path.hasSuffix("/") {
            let index = path + "index.html"
            return files.contains(index) ? index : nil
        }
        if files.contains(path) { return path }
        if directories.contains(path), files.contains(path + "/index.html") { return path + "/index.html" }
        return nil
    }

    /// Every file and folder below `folder`, as `/`-separated relative paths.
    static func inventory(of folder: URL) -> (files: Set<String>, directories: Set<String>) {
        var files: Set<String> = [], directories: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return (files, directories) }
        while let path = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
                directories.insert(path)
            } else {
                files.insert(path)
            }
        }
        return (files, directories)
    }

    /// Channel URLs compare without a trailing slash: `https://www.unido.org/` is `https://www.unido.org`.
    private static func comparable(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
