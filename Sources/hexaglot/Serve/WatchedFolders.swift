import Foundation
import HexaglotKit

/// The folders `serve` watches, found as the build finds its files: each folder directly
/// inside a watched root (`content/en`, `content/static`, `templates/assets`) is walked on its
/// own by `ContentDiscovery`, as the build walks each, so the watch follows exactly the
/// symbolic links the build follows: none that loop (told by device and inode), none into
/// `content/`, none out of the site.
struct WatchedFolders: Sendable {
    /// `content/` and `templates/`.
    let roots: [String]
    let discovery: ContentDiscovery

    init(roots: [URL], siteRoot: URL) {
        self.roots = roots.map(\.path)
        discovery = ContentDiscovery(siteRoot: siteRoot)
    }

    /// The entries directly inside `root` (hidden ones left out, as the build does).
    func tops(in root: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { root + "/" + $0 }
    }

    /// The entry directly inside a root that `path` is reached through, or nil for a root
    /// itself or a path outside them.
    func top(containing path: String) -> String? {
        for root in roots where path.hasPrefix(root + "/") {
            let inside = path.dropFirst(root.count + 1)
            return root + "/" + (inside.split(separator: "/").first.map(String.init) ?? "")
        }
        return nil
    }

    /// The folders the build walks from `top`, by the paths they are reached through.
    func folders(from top: String) -> [String] {
        // Told before reading, so that a FIFO is never opened.
        guard Self.isFolder(top) else { return [] }
        return discovery.folders(in: URL(fileURLWithPath: top))
    }

    /// Whether `path` is a folder or a link to one.
    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// Every file the build would find below the roots, by path (the roots' own files included).
    func files() -> [URL] {
        roots.flatMap { root in
            tops(in: root).flatMap { top -> [URL] in
                var status = stat()
                guard stat(top, &status) == 0 else { return [] }
                if status.st_mode & S_IFMT == S_IFREG { return [URL(fileURLWithPath: top)] }
                guard status.st_mode & S_IFMT == S_IFDIR else { return [] }
                return discovery.files(in: URL(fileURLWithPath: top), displayPrefix: "").0.map(\.url)
            }
        }
    }
}
