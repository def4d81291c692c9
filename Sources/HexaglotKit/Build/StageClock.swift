#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// One stage of a build: how long it took, and how much processor time it used on all cores
/// (their ratio shows how well the stage spreads over the cores).
public struct BuildStage: Sendable {
    public var name: String
    public var seconds: Double
    public var cpuSeconds: Double
}

/// Times the build's stages, so `--verbose` shows where the time goes.
struct StageClock {
    private(set) var stages: [BuildStage] = []
    private let started = DispatchTime.now()
    private var mark = (wall: DispatchTime.now(), cpu: StageClock.processCPUSeconds())

    var total: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    /// Runs the stage's work and records it; what ran since the previous stage counts to it too,
    /// so the stages add up to the whole build.
    mutating func measure<T, E: Error>(_ name: String, _ work: () throws(E) -> T) throws(E) -> T {
        defer { record(name) }
        return try work()
    }

    mutating func measure<T, E: Error>(_ name: String, _ work: () async throws(E) -> T) async throws(E) -> T {
        defer { record(name) }
        return try await work()
    }

    /// Ends a stage that ran since the last one ended (or since the clock started).
    mutating func record(_ name: String) {
        let now = (wall: DispatchTime.now(), cpu: Self.processCPUSeconds())
        stages.append(BuildStage(name: name, seconds: Double(now.wall.uptimeNanoseconds - mark.wall.uptimeNanoseconds) / 1e9,
                                 cpuSeconds: now.cpu - mark.cpu))
        mark = now
    }

    /// User and system time of the whole process so far.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
