#if canImport(Glibc)
import Glibc
import Foundation

/// Linux's inotify on every folder the build reads below the watched ones (`WatchedFolders`):
/// the kernel says which file changed, so an idle server costs nothing and an edit is seen at
/// once, however large the site. (Comparing modification times of ten thousand files kept a
/// core busy and took 100 ms a look.) `paths` is only touched on the watching thread.
final class InotifyWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private let tree: WatchedFolders
    /// The paths each watch is reached through. The kernel gives one watch per folder however
    /// it is reached, and a folder linked from two languages (`content/en/shared` and
    /// `content/fr/shared` both leading to `shared/`) holds the pages of both: a change in it
    /// is named under each path, so each page is rebuilt.
    private var paths: [Int32: Set<String>] = [:]
    /// Set when the watching task is cancelled; the thread ends at its next look.
    private let stopping = NSLock()
    private var stopped = false
    private var isStopped: Bool { stopping.withLock { stopped } }
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF)

    /// nil when inotify is not available (then the caller compares modification times).
    init?(_ tree: WatchedFolders) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.tree = tree
        for root in tree.roots {
            addWatch(root)
            for top in tree.tops(in: root) { watchFolders(from: top) }
        }
    }

    deinit { close(descriptor) }

    private func watchFolders(from top: String) {
        for folder in tree.folders(from: top) { addWatch(folder) }
    }

    private func addWatch(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        guard watch >= 0 else { return }
        paths[watch, default: []].insert(path)
    }

    /// Calls `changed` with the paths that changed, once the changes have settled (an editor's
    /// save can be several events: a temporary file, a rename). A thread of its own waits for
    /// the kernel, so an idle server does not wake up at all.
    func watch(_ changed: @Sendable ([String]) async -> Void) async {
        let (changes, continuation) = AsyncStream.makeStream(of: [String].self)
        let thread = Thread { [self] in
            while !isStopped {
                guard wait(milliseconds: 500) else { continue }
                var paths = readEvents()
                // Quiet for 10 ms, or 100 ms at most, counts as settled.
                let deadline = ContinuousClock.now + .milliseconds(100)
                while ContinuousClock.now < deadline, wait(milliseconds: 10) { paths.formUnion(readEvents()) }
                if !paths.isEmpty { continuation.yield(paths.sorted()) }
            }
            continuation.finish()
        }
        thread.start()
        await withTaskCancellationHandler {
            for await paths in changes { await changed(paths) }
        } onCancel: {
            stopping.withLock { stopped = true }
        }
    }

    /// Whether events arrived within `milliseconds`.
    private func wait(milliseconds: Int32) -> Bool {
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, milliseconds) > 0
    }

    /// The paths named by the events waiting to be read.
    private func readEvents() -> Set<String> {
        var changed: Set<String> = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return changed }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                let nameBytes = buffer[(offset + header)..<(offset + header + Int(event.len))].prefix { $0 != 0 }
                offset += header + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost: name the folders themselves, which asks for a full build.
                    changed.formUnion(paths.values.joined())
                    continue
                }
                guard let folders = paths[event.wd] else { continue }
                let name = String(decoding: nameBytes, as: UTF8.self)
                if event.mask & UInt32(IN_IGNORED) != 0 { paths[event.wd] = nil }
                if name.hasPrefix(".") || name.hasSuffix("~") { continue }
                let named = folders.map { name.isEmpty ? $0 : $0 + "/" + name }
                // A new folder, or a new link to one: watched as far as the build follows it,
                // walked again from its top so that the build's rules see the whole walk.
                if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let path = named.first, WatchedFolders.isFolder(path) {
                    for top in Set(named.compactMap(tree.top(containing:))) { watchFolders(from: top) }
                }
                changed.formUnion(named)
            }
        }
    }
}
#endif
