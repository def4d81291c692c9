import Foundation

/// Work started on a thread of its own at once, its result taken when it is needed: the search
/// index is made while the pages are rendered, as only the search pages need it.
final class BackgroundTask<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    /// Set by the worker before it signals, read only after the wait (the semaphore orders them).
    private var value: Value?
    private var isTaken = false

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            value = work()
            finished.signal()
        }
        // As the Markdown stage's threads: the work may recurse as deeply as on the main thread.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The work's result, waiting for it when it has not finished.
    func result() -> Value {
        lock.withLock {
            if !isTaken {
                finished.wait()
                isTaken = true
            }
            return value!
        }
    }
}
