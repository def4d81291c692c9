import Foundation

/// Finds the files of a folder tree in a stable order, skipping hidden files (names starting
/// with `.`) as other generators do, and refusing symbolic links that lead outside the site.
public struct ContentDiscovery: Sendable {
    /// The site folder: links resolving outside it are not followed.
    public var siteRoot: URL

    public init(siteRoot: URL) {
        self.siteRoot = siteRoot.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// All regular files below `folder`, sorted by path. `displayPrefix` is the folder's path
    /// relative to the site (`content/zh`).
    public func files(in folder: URL, displayPrefix: String) -> ([SourceFile], [Diagnostic]) {
        var files: [SourceFile] = []
        var problems: [Diagnostic] = []
        walk(folder, relative: "", displayPrefix: displayPrefix, depth: 0, into: &files, problems: &problems)
        files.sort { $0.relativePath < $1.relativePath }
        return (files, problems)
    }

    private func walk(_ folder: URL, relative: String, displayPrefix: String, depth: Int,
                      into files: inout [SourceFile], problems: inout [Diagnostic]) {
        guard depth < 64, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let folderPath = folder.path
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            let displayPath = displayPrefix + "/" + relativePath
            if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                problems.append(.error("file or folder name contains control characters; rename it",
                                       at: SourceLocation(file: displayPrefix + "/" + (relative.isEmpty ? "" : relative + "/")
                                                          + name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined())))
                continue
            }
            // One lstat tells files, folders and links apart (Foundation's attribute dictionary
            // and a second stat per file were most of this stage).
            let path = folderPath + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFLNK {
                let target = url.resolvingSymlinksInPath().standardizedFileURL
                guard target.path == siteRoot.path || target.path.hasPrefix(siteRoot.path + "/") else {
                    problems.append(.warning("symbolic link leads outside the site and is not followed: \(target.path)",
                                             at: SourceLocation(file: displayPath)))
                    continue
                }
                guard stat(path, &status) == 0 else { continue }
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                walk(url, relative: relativePath, displayPrefix: displayPrefix, depth: depth + 1,
                     into: &files, problems: &problems)
            } else {
                files.append(SourceFile(relativePath: relativePath, displayPath: displayPath, url: url))
            }
        }
    }
}
