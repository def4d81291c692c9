/// Every file a build will write, worked out from the assembled site before anything is
/// rendered, each with the place in the content that gives it its name. A name that cannot be
/// written (a part over 255 bytes, or landing where another file goes: a slug `atom.xml`,
/// `404.html` or `index.html`, a page on a theme asset's path) is then an error at that place,
/// before the first file is written, rather than a file-system error on the staging folder.
struct OutputPlan {
    struct File {
        var path: String
        /// Where the name comes from: a page's `slug:` or `tags:` line, else its file.
        var location: SourceLocation
        /// What is written there, as a message names it: "the Atom feed of en".
        var what: String
        /// What a message blames when this file's name is the problem: "this page", "tag 'C'".
        var subject: String

        init(path: String, location: SourceLocation, what: String, subject: String? = nil) {
            self.path = path
            self.location = location
            self.what = what
            self.subject = subject ?? what
        }
    }

    /// In order of precedence: when two files conflict, the later one is reported.
    private(set) var files: [File] = []

    /// `hasSearch`: the theme has a search page, so each language has one and the script is published.
    init(site: Site, copies: [OutputFile], hasSearch: Bool = false) {
        let content = SourceLocation(file: "content")
        for (path, what) in [
            ("index.html", "the language choice page"), ("404.html", "the site's 404 page"),
            ("sitemap.xml", "the sitemap"),
        ] {
            files.append(File(path: path, location: content, what: what))
        }
        if !copies.contains(where: { $0.path == "robots.txt" }) {
            files.append(File(path: "robots.txt", location: content, what: "the generated robots.txt"))
        }
        for language in site.config.languages {
            let folder = SourceLocation(file: "content/" + language.code)
            let code = language.code
            // The feed's name is kept even in a language with no dated page yet.
            files.append(File(path: code + "/atom.xml", location: folder, what: "the Atom feed of \(code)"))
            files.append(File(path: code + "/404.html", location: folder, what: "the 404 page of \(code)"))
            if hasSearch {
                files.append(File(path: code + "/search/index.html", location: folder, what: "the search page of \(code)"))
            }
            if site.tags[code]?.isEmpty == false {
                files.append(File(path: code + "/tags/index.html", location: folder, what: "the tag list of \(code)"))
            }
        }
        if hasSearch { files.append(File(path: SearchScript.path, location: content, what: "the search script")) }
        for copy in copies {
            files.append(File(path: copy.path, location: SourceLocation(file: copy.origin), what: copy.origin))
        }
        for job in SiteRenderer.jobs(site) {
            let page = site.pages[job.index]
            let source = page.sourcePath ?? "content/\(page.language.code)/\(page.folder)"
            let location = page.frontMatter.locations["slug"] ?? SourceLocation(file: source)
            files.append(
                File(
                    path: Paginator.path(of: page.path, page: job.number) + "index.html", location: location,
                    what: page.sourcePath.map { "the page of \($0)" }
                        ?? (page.kind == .home ? "the home page of \(page.language.code)" : "the list of \(source)"),
                    subject: "this page"))
        }
        // A tag's name comes from the first of its pages by path: found once per tag, not once
        // per page of its list (that was most of this stage on a large site).
        var tagLocations: [String: [Int: SourceLocation]] = [:]
        for job in SiteRenderer.tagPageJobs(site) {
            let tag = site.tags[job.language.code]![job.tag]
            let location =
                tagLocations[job.language.code]?[job.tag]
                ?? {
                    let first = site.pages[tag.pages.min { site.pages[$0].path < site.pages[$1].path }!]
                    let location = first.frontMatter.locations["tags"] ?? SourceLocation(file: first.sourcePath ?? "content")
                    tagLocations[job.language.code, default: [:]][job.tag] = location
                    return location
                }()
            files.append(
                File(
                    path: Paginator.path(of: job.language.code + "/tags/" + tag.slug + "/", page: job.number) + "index.html",
                    location: location, what: "the page of tag '\(tag.name)'", subject: "tag '\(tag.name)'"))
        }
    }

    /// The files at `folder` or below it (in any letter case): what files named only later, once
    /// the photos are planned (their variants in `img/`), are checked against.
    /// `folder` is lowercase ASCII. Compared by bytes without a copy: every file of the site is
    /// looked at, every build.
    func files(at folder: String) -> [File] {
        let name = Array(folder.utf8)
        return files.filter { file in
            let path = file.path.utf8
            guard path.count >= name.count else { return false }
            var index = path.startIndex
            for byte in name {
                let other = path[index]
                guard other == byte || (other &- UInt8(ascii: "A")) < 26 && other | 0x20 == byte else { return false }
                index = path.index(after: index)
            }
            return index == path.endIndex || path[index] == UInt8(ascii: "/")
        }
    }

    /// The problems of `generated` files (named by Hexaglot: the photos' variants) with the
    /// plan's `files`, in the words of `problems()`: one on the same path (in any letter case), a
    /// file where the other needs a folder. Each is reported at the plan's file, the one whose
    /// name the site chose, before anything is encoded or written.
    static func problems(of generated: [File], with files: [File]) -> [Diagnostic] {
        guard !files.isEmpty, !generated.isEmpty else { return [] }
        var list = UniqueProblems()
        func report(_ message: String, at location: SourceLocation) { list.report(message, at: location) }
        var byPath: [String: Int] = [:]
        var folders: [String: Int] = [:]  // folder → the first generated file below it
        for (position, file) in generated.enumerated() {
            let key = file.path.lowercased()
            if byPath[key] == nil { byPath[key] = position }
            var folder = Site.parentFolder(of: key)
            while !folder.isEmpty, folders[folder] == nil {
                folders[folder] = position
                folder = Site.parentFolder(of: folder)
            }
        }
        for file in files {
            let key = file.path.lowercased()
            if let other = byPath[key] {
                report("\(file.subject) would be written to \(file.path), which is \(generated[other].what)", at: file.location)
            }
            if let below = folders[key] {
                let inside = generated[below]
                report("\(inside.subject) would be written to \(inside.path), but \(file.path) is \(file.what)", at: file.location)
            }
            var folder = Site.parentFolder(of: key)
            while !folder.isEmpty {
                if let other = byPath[folder] {
                    report(
                        "\(file.subject) would be written to \(file.path), but \(generated[other].path) is \(generated[other].what)",
                        at: file.location)
                    break
                }
                folder = Site.parentFolder(of: folder)
            }
        }
        return list.problems
    }

    /// Parts too long for a file system, two files on one path (in any letter case, as macOS
    /// and Windows see them) and a file where another file needs a folder.
    func problems() -> [Diagnostic] {
        var list = UniqueProblems()
        func report(_ message: String, at location: SourceLocation) { list.report(message, at: location) }
        var byPath: [String: Int] = [:]
        var folders: [String: Int] = [:]  // folder → the first file below it
        for (position, file) in files.enumerated() {
            if file.path.utf8.count > PathSafety.maximumSegmentBytes {
                for part in file.path.split(separator: "/") where part.utf8.count > PathSafety.maximumSegmentBytes {
                    report(
                        "\(file.subject) cannot be published: its URL part '\(part.prefix(40))…' is \(part.utf8.count) bytes, over the \(PathSafety.maximumSegmentBytes) a file name can have",
                        at: file.location)
                }
            }
            let key = file.path.lowercased()
            if let other = byPath[key] {
                // Two pages on one URL: the assembler has named both already.
                guard !(file.subject == "this page" && files[other].subject == "this page") else { continue }
                report("\(file.subject) would be written to \(file.path), which is \(files[other].what)", at: file.location)
            } else {
                byPath[key] = position
            }
            var folder = Site.parentFolder(of: key)
            while !folder.isEmpty, folders[folder] == nil {
                folders[folder] = position
                folder = Site.parentFolder(of: folder)
            }
        }
        for (folder, below) in folders.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            guard let position = byPath[folder] else { continue }
            // The folder's side is named: the file there has the usual name (a feed, a static file).
            let file = files[position], inside = files[below]
            report("\(inside.subject) would be written to \(inside.path), but \(file.path) is \(file.what)", at: inside.location)
        }
        return list.problems
    }
}

/// Errors in the order found, each once (two conflicts can name the same pair of files).
private struct UniqueProblems {
    private(set) var problems: [Diagnostic] = []
    private var reported: Set<String> = []

    mutating func report(_ message: String, at location: SourceLocation) {
        let diagnostic = Diagnostic.error(message, at: location)
        if reported.insert(diagnostic.description).inserted { problems.append(diagnostic) }
    }
}
