import Foundation

/// Finds the files of a folder tree in a stable order, skipping hidden files (names starting
/// with `.`) as other generators do.
///
/// Symbolic links are followed only where that publishes nothing twice and nothing from outside:
/// not when they lead outside the site; not a folder link (a language folder itself included)
/// that leads to a folder containing it or to one already walked (told by device and inode, so
/// no path trick loops); not a folder link into `content/` (every folder there is published
/// from its own place, or is not content); not a file link to a file of `content/` that is not
/// content (`site.yaml`, a folder that is not a language). FIFOs, sockets and devices are errors
/// and are never opened.
public struct ContentDiscovery: Sendable {
    /// The site folder, every link resolved: links resolving outside it are not followed.
    public var siteRoot: URL
    /// `content/`, every link resolved.
    let contentRoot: String
    /// The names of `content/`'s folders that hold content: the language codes and `static`.
    let contentFolders: Set<String>

    public init(siteRoot: URL, languageCodes: [String] = []) {
        let root = siteRoot.standardizedFileURL
        let resolved = ContainedFile.resolvedPath(root.path) ?? root.path
        self.siteRoot = URL(fileURLWithPath: resolved)
        let content = root.appendingPathComponent("content").path
        self.contentRoot = ContainedFile.resolvedPath(content) ?? content
        self.contentFolders = Set(languageCodes + ["static"])
    }

    /// All regular files below `folder`, sorted by path. `displayPrefix` is the folder's path
    /// relative to the site (`content/zh`).
    public func files(in folder: URL, displayPrefix: String) -> ([SourceFile], [Diagnostic]) {
        guard let resolved = ContainedFile.resolvedPath(folder.path) else { return ([], []) }
        guard isInsideSite(resolved) else {
            return (
                [],
                [
                    .warning(
                        "symbolic link leads outside the site and is not followed: \(resolved)",
                        at: SourceLocation(file: displayPrefix))
                ]
            )
        }
        if let refusal = linkRefusal(ofWalked: folder, resolved: resolved) {
            return (
                [],
                [
                    .warning(
                        "symbolic link \(refusal) and is not followed: \(sitePath(resolved))",
                        at: SourceLocation(file: displayPrefix))
                ]
            )
        }
        var state = walk(from: folder, resolved: resolved, displayPrefix: displayPrefix)
        state.files.sort { $0.relativePath < $1.relativePath }
        return (state.files, state.problems)
    }

    /// `folder` and every folder below it that `files(in:)` walks, each by the path it is
    /// reached through (a followed link by its own path, as the files below it are named):
    /// what `serve` watches, so that it follows the links the build follows and no others.
    public func folders(in folder: URL) -> [String] {
        guard let resolved = ContainedFile.resolvedPath(folder.path), isInsideSite(resolved),
            linkRefusal(ofWalked: folder, resolved: resolved) == nil
        else { return [] }
        return walk(from: folder, resolved: resolved, displayPrefix: "").folders
    }

    /// Walks `folder` (whose every link resolved is `resolved`, inside the site).
    private func walk(from folder: URL, resolved: String, displayPrefix: String) -> Walk {
        var state = Walk(displayPrefix: displayPrefix)
        state.enclosing = enclosingFolders(resolved)
        if let id = FolderID(resolved) { state.walked.insert(id) }
        walk(folder.path, relative: "", depth: 0, state: &state)
        return state
    }

    /// The folders from the site down to `resolved`, itself included: they contain it, so a link
    /// to one of them is a loop.
    private func enclosingFolders(_ resolved: String) -> Set<FolderID> {
        var enclosing: Set<FolderID> = []
        var ancestor = resolved
        while isInsideSite(ancestor) || ancestor == siteRoot.path {
            if let id = FolderID(ancestor) { enclosing.insert(id) }
            guard ancestor != siteRoot.path, let slash = ancestor.lastIndex(of: "/") else { break }
            ancestor = slash == ancestor.startIndex ? "/" : String(ancestor[..<slash])
        }
        return enclosing
    }

    /// Why the folder a walk starts from is not followed when it is itself a link (a language
    /// folder linked elsewhere): the rule for links met while walking. `content/ar -> ..` would
    /// otherwise publish the site folder, `site.yaml` and templates included, under `ar/`.
    private func linkRefusal(ofWalked folder: URL, resolved: String) -> String? {
        var status = stat()
        guard lstat(folder.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, let id = FolderID(resolved),
            let parent = ContainedFile.resolvedPath(folder.deletingLastPathComponent().path)
        else { return nil }
        var state = Walk(displayPrefix: "")
        state.enclosing = enclosingFolders(parent)
        return folderLinkRefusal(resolved, id: id, state)
    }

    /// What one walk has found so far.
    private struct Walk {
        var displayPrefix: String
        var files: [SourceFile] = []
        var problems: [Diagnostic] = []
        /// The folders containing the one being read (the walk's stack and the site above it).
        var enclosing: Set<FolderID> = []
        /// Every folder walked, so a second link to one publishes nothing twice.
        var walked: Set<FolderID> = []
        /// The paths of the folders read, in the order they were.
        var folders: [String] = []
    }

    private func walk(_ folderPath: String, relative: String, depth: Int, state: inout Walk) {
        guard depth < 64, let names = try? FileManager.default.contentsOfDirectory(atPath: folderPath) else { return }
        state.folders.append(folderPath)
        for name in names.sorted() where !name.hasPrefix(".") {
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            let displayPath = state.displayPrefix + "/" + relativePath
            if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                let shown = state.displayPrefix + "/" + (relative.isEmpty ? "" : relative + "/") + Self.printable(name)
                state.problems.append(
                    .error(
                        "file or folder name contains control characters; rename it",
                        at: SourceLocation(file: shown)))
                continue
            }
            // One lstat tells files, folders and links apart (Foundation's attribute dictionary
            // and a second stat per file were most of this stage). Nothing is opened before it.
            let path = folderPath + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else {
                // Foundation lists a name that is not UTF-8 with U+FFFD for its bytes, a name no
                // file has: without this the file was left out of the site without a word.
                if name.unicodeScalars.contains("\u{FFFD}") {
                    state.problems.append(
                        .error("file or folder name is not UTF-8 (its bytes are shown as \u{FFFD}); rename it", at: SourceLocation(file: displayPath))
                    )
                }
                continue
            }
            var linkTarget: String?
            if status.st_mode & S_IFMT == S_IFLNK {
                guard let target = ContainedFile.resolvedPath(path), stat(path, &status) == 0 else {
                    state.problems.append(
                        .warning(
                            "symbolic link leads to nothing (its target does not exist) and is skipped",
                            at: SourceLocation(file: displayPath)))
                    continue
                }
                guard isInsideSite(target) else {
                    state.problems.append(
                        .warning(
                            "symbolic link leads outside the site and is not followed: \(target)",
                            at: SourceLocation(file: displayPath)))
                    continue
                }
                linkTarget = target
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                let id = FolderID(status)
                if let target = linkTarget, let refusal = folderLinkRefusal(target, id: id, state) {
                    state.problems.append(
                        .warning(
                            "symbolic link \(refusal) and is not followed: \(sitePath(target))",
                            at: SourceLocation(file: displayPath)))
                    continue
                }
                state.walked.insert(id)
                state.enclosing.insert(id)
                walk(path, relative: relativePath, depth: depth + 1, state: &state)
                state.enclosing.remove(id)
            case S_IFREG:
                if let target = linkTarget, !isContent(file: target) {
                    state.problems.append(
                        .warning(
                            "symbolic link leads to a file of content/ that is not published and is not followed: \(sitePath(target))",
                            at: SourceLocation(file: displayPath)))
                    continue
                }
                state.files.append(SourceFile(relativePath: relativePath, displayPath: displayPath, path: path))
            default:
                state.problems.append(
                    .error(
                        "is \(Self.kind(of: status)), not a file or folder that can be published; remove it (it is never opened)",
                        at: SourceLocation(file: displayPath)))
            }
        }
    }

    /// Why a link to the folder `target` is not followed, or nil when it may be.
    private func folderLinkRefusal(_ target: String, id: FolderID, _ state: Walk) -> String? {
        if state.enclosing.contains(id) { return "leads to a folder that contains it (a loop)" }
        if target == contentRoot || target.hasPrefix(contentRoot + "/") {
            return "leads into content/, whose folders are published from their own place,"
        }
        if state.walked.contains(id) { return "leads to a folder already walked through another path" }
        return nil
    }

    /// Whether a file inside `content/` may be published through a link: only below a language
    /// folder or `static/`, never `site.yaml` nor anything else at content/'s top level.
    private func isContent(file target: String) -> Bool {
        guard target.hasPrefix(contentRoot + "/") else { return true }
        let inside = target.dropFirst(contentRoot.count + 1)
        guard let slash = inside.firstIndex(of: "/") else { return false }
        return contentFolders.contains(String(inside[..<slash]))
    }

    private func isInsideSite(_ resolved: String) -> Bool {
        resolved == siteRoot.path || resolved.hasPrefix(siteRoot.path == "/" ? "/" : siteRoot.path + "/")
    }

    /// A resolved path as diagnostics show it: relative to the site (`content/fr`, `.` for the site).
    private func sitePath(_ resolved: String) -> String {
        resolved == siteRoot.path ? "." : String(resolved.dropFirst(siteRoot.path.count + 1))
    }

    /// A name with control characters shown as `?`.
    static func printable(_ name: String) -> String {
        name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined()
    }

    /// What a special file is, for its error.
    static func kind(of status: stat) -> String {
        switch status.st_mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "a special file"
        }
    }
}
