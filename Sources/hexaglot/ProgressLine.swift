import Foundation

/// A one-line progress display on a terminal (`rendering pages: zh 1200/2000 …`), redrawn in
/// place and cleared at the end. Only on a TTY: logs and CI get the plain summary alone.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast

    static func forStandardError() -> ProgressLine? {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil ? ProgressLine() : nil
    }

    func show(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        // Redrawing more than ten times a second only costs time.
        guard Date().timeIntervalSince(last) > 0.1 else { return }
        last = Date()
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
