import Dispatch

/// Times the build's stages, so `--verbose` shows where the time goes.
struct StageClock {
    private(set) var stages: [(name: String, seconds: Double)] = []
    private let started = DispatchTime.now()

    private var mark = DispatchTime.now()

    var total: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    mutating func measure<T, E: Error>(_ name: String, _ work: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now()
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)) }
        return try work()
    }

    /// Ends a stage that ran since the last one recorded (or since the clock started).
    mutating func record(_ name: String) {
        let now = DispatchTime.now()
        stages.append((name, Double(now.uptimeNanoseconds - mark.uptimeNanoseconds) / 1e9))
        mark = now
    }

    mutating func measure<T, E: Error>(_ name: String, _ work: () async throws(E) -> T) async throws(E) -> T {
        let start = DispatchTime.now()
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)) }
        return try await work()
    }
}
