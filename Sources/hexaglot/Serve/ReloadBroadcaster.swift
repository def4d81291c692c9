import Foundation

/// Tells open pages what happened: `reload` after a good rebuild, `error` (with the
/// diagnostics) after a failed one. Each browser tab holds one Server-Sent Events stream.
actor ReloadBroadcaster {
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]
    /// The last failure, sent to pages that connect while the site is broken.
    private var currentError: String?

    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        continuation.yield("retry: 500\n\n")
        if let currentError { continuation.yield(Self.event("error", currentError)) }
        return stream
    }

    private func remove(_ id: UUID) {
        listeners[id] = nil
    }

    func reload(build: Int) {
        currentError = nil
        send(Self.event("reload", String(build)))
    }

    func fail(_ diagnostics: String) {
        currentError = diagnostics
        send(Self.event("error", diagnostics))
    }

    var listenerCount: Int { listeners.count }

    private func send(_ message: String) {
        for continuation in listeners.values { continuation.yield(message) }
    }

    /// One SSE event; every line of the data gets its own `data:` field.
    static func event(_ name: String, _ data: String) -> String {
        "event: \(name)\n" + data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined() + "\n"
    }
}
