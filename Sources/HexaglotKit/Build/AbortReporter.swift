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

    /// Called by the Markdown stage with the files it is rendering right now.
    static func rendering(_ files: [String]) {
        let lines = files.sorted().map {
            "\($0):1:1: error: cmark-gfm aborted while rendering this file's Markdown (one of its known pathological inputs); simplify the file\n"
        }.joined()
        let bytes = Array(lines.utf8.prefix(capacity))
        lock.lock()
        bytes.withUnsafeBufferPointer { source in
            source.withMemoryRebound(to: CChar.self) { buffer.update(from: $0.baseAddress!, count: bytes.count) }
        }
        length = bytes.count
        lock.unlock()
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
