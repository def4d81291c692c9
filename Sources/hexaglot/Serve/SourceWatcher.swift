import Foundation

/// Notices changes in the site's sources by comparing modification times and sizes every
/// `interval`: portable, needs no kernel API, and cheap for the few thousand files of a site.
struct SourceWatcher: Sendable {
    struct Stamp: Equatable, Sendable {
        var modified: TimeInterval
        var size: Int
    }

    let folders: [URL]
    var interval: Duration = .milliseconds(100)

    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys,
                                                                   options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                stamps[url.path] = Stamp(modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0,
                                         size: values.fileSize ?? 0)
            }
        }
        return stamps
    }

    /// Calls `changed` (with the changed paths) whenever the sources differ from the last look.
    func watch(_ changed: @Sendable ([String]) async -> Void) async {
        var last = snapshot()
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
