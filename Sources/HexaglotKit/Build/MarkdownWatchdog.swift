import Dispatch
import Foundation

/// Watches the Markdown stage: cmark-gfm cannot be interrupted, and Debian's version has
/// known quadratic-time inputs, so a file whose rendering runs past the time limit stops the
/// build with its name instead of hanging CI. (The stuck worker cannot be killed; it ends
/// with the process, which the command line exits at once.)
final class MarkdownWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private struct Rendering {
        let file: String
        let started: UInt64
        /// Time spent waiting for another page (cmark-gfm's inline phase runs one page at a time).
        var waited: UInt64 = 0
        var waitingSince: UInt64?

        func elapsed(at now: UInt64) -> UInt64 { now - started - waited - (waitingSince.map { now - $0 } ?? 0) }
    }

    private var running: [Int: Rendering] = [:]
    let limit: Double

    init(limit: Double) {
        self.limit = limit
    }

    func begin(_ slot: Int, file: String) {
        lock.lock()
        running[slot] = Rendering(file: file, started: DispatchTime.now().uptimeNanoseconds)
        AbortReporter.rendering(running.values.map(\.file))
        lock.unlock()
    }

    func end(_ slot: Int) {
        lock.lock()
        running[slot] = nil
        AbortReporter.rendering(running.values.map(\.file))
        lock.unlock()
    }

    /// Marks the time `slot` waits for its turn, which does not count against the limit.
    func waiting(_ slot: Int, _ isWaiting: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        guard var rendering = running[slot] else { return }
        if isWaiting {
            rendering.waitingSince = now
        } else if let since = rendering.waitingSince {
            rendering.waited += now - since
            rendering.waitingSince = nil
        }
        running[slot] = rendering
    }

    /// The first file (by name) whose rendering has run longer than the limit.
    func overdue() -> String? {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        return running.values
            .filter { Double($0.elapsed(at: now)) / 1e9 > limit }
            .map(\.file).min()
    }

    /// Runs `work` on other threads and waits for it, checking the clock; throws naming the
    /// file when one runs past the limit.
    func run<T>(_ work: @escaping @Sendable () -> T) throws(BuildFailure) -> T {
        let box = ResultBox<T>()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = work()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        while finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if let file = overdue() {
                throw BuildFailure(diagnostics: [
                    .error(
                        "rendering this file's Markdown took longer than \(Self.seconds(limit)) and was stopped; it may contain one of cmark-gfm's known slow patterns (long runs of brackets, emphasis markers, table columns or autolinks): simplify it, or raise markdownTimeLimit in site.yaml",
                        at: SourceLocation(file: file))
                ])
            }
        }
        return box.value!
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%g s", value)
    }
}

/// Carries a result from the worker thread to the waiting one (the semaphore orders the accesses).
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
