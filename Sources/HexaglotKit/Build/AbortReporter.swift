import Foundation

/// cmark-gfm calls `abort()` when its output buffer would pass its limit (one of the 2023
/// advisories' inputs makes the HTML grow with the square of the input). A handler cannot
/// recover, but it can say which file was being rendered, as a diagnostic, and exit 1 instead
/// of dying with SIGABRT. The files being rendered are kept, as text, in a fixed buffer the
/// handler can read without allocating.
public enum AbortReporter {
    private static let capacity = 8192
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
        return pointer
    }()
    nonisolated(unsafe) private static var length = 0
    private static let lock = NSLock()

    /// Called by the Markdown stage with the files it is rendering right now (twice a page:
    /// written into the buffer in place, as building the lines as strings cost more than the
    /// watchdog's other work).
    static func rendering(_ files: [String]) {
        let message: StaticString =
            ":1:1: error: cmark-gfm aborted while rendering this file's Markdown (one of its known pathological inputs); simplify the file\n"
        lock.lock()
        defer { lock.unlock() }
        var at = 0
        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            let count = min(bytes.count, capacity - at)
            guard count > 0 else { return }
            bytes.withMemoryRebound(to: CChar.self) { (buffer + at).update(from: $0.baseAddress!, count: count) }
            at += count
        }
        for file in files.count > 1 ? files.sorted() : files {
            var file = file
            file.withUTF8(put)
            put(UnsafeBufferPointer(start: message.utf8Start, count: message.utf8CodeUnitCount))
        }
        length = at
    }

    /// Installs the SIGABRT handler (the command line does; a library user may not want it).
    public static func install() {
        _ = buffer
        signal(SIGABRT) { _ in
            let note = "hexaglot: the Markdown library aborted; nothing was written\n"
            if AbortReporter.length > 0 { _ = write(2, AbortReporter.buffer, AbortReporter.length) }
            _ = note.withCString { write(2, $0, strlen($0)) }
            _exit(1)
        }
    }
}
