import Foundation

/// Collects diagnostics from every stage (also from parallel workers) so that a build
/// reports all its problems at once, not only the first.
public final class DiagnosticEngine: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Diagnostic] = []

    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        lock.lock()
        collected.append(diagnostic)
        lock.unlock()
    }

    public func emit(_ diagnostics: [Diagnostic]) {
        lock.lock()
        collected.append(contentsOf: diagnostics)
        lock.unlock()
    }

    /// All diagnostics so far, sorted by place and without repeats.
    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return Array(Set(collected)).sorted()
    }

    public var hasErrors: Bool {
        lock.lock()
        defer { lock.unlock() }
        return collected.contains { $0.severity == .error }
    }
}
