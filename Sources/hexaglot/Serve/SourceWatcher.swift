import Foundation

/// Notices changes in the site's sources. On Linux the kernel tells (`InotifyWatcher`);
/// elsewhere modification times and sizes are compared every `interval`. Either way only the
/// folders the build reads are looked at (`WatchedFolders`). Changes are counted from when the
/// watcher is made, so one made before the first build misses no edit.
final class SourceWatcher: @unchecked Sendable {
    struct Stamp: Equatable, Sendable {
        var modified: TimeInterval
        var size: Int
    }

    let tree: WatchedFolders
    let interval: Duration = .milliseconds(100)
    #if canImport(Glibc)
    private let inotify: InotifyWatcher?
    #endif
    private var last: [String: Stamp] = [:]

    /// Watches `folders` (`content/` and `templates/`) of the site at `siteRoot`.
    init(folders: [URL], siteRoot: URL) {
        tree = WatchedFolders(roots: folders, siteRoot: siteRoot)
        #if canImport(Glibc)
        inotify = InotifyWatcher(tree)
        if inotify != nil { return }
        #endif
        last = snapshot()
    }

    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let keys: Set<URLResourceKey> = [.contentModificationDateKey, .fileSizeKey]
        for file in tree.files() {
            guard let values = try? file.resourceValues(forKeys: keys) else { continue }
            stamps[file.path] = Stamp(
                modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0,
                size: values.fileSize ?? 0)
        }
        return stamps
    }

    /// Calls `changed` (with the changed paths) whenever the sources change.
    func watch(_ changed: @Sendable ([String]) async -> Void) async {
        #if canImport(Glibc)
        if let inotify {
            await inotify.watch(changed)
            return
        }
        #endif
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = snapshot()
            guard now != last else { continue }
            let paths = Set(now.keys).union(last.keys).filter { now[$0] != last[$0] }.sorted()
            last = now
            await changed(paths)
        }
    }
}
