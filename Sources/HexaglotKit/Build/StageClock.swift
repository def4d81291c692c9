import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One stage of a build: how long it took, and how much processor time it used on all cores
/// (their ratio shows how well the stage spreads over the cores).
public struct BuildStage: Sendable {
    public var name: String
    public var seconds: Double
    public var cpuSeconds: Double
}

/// Times the build's stages, so `--verbose` shows where the time goes. A stage is exactly the
/// work given to `measure`: what runs between stages is not booked to any of them (the table
/// shows it as "other"), so the names match the code.
struct StageClock {
    private(set) var stages: [BuildStage] = []
    private let started = DispatchTime.now()

    var total: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    mutating func measure<T, E: Error>(_ name: String, _ work: () throws(E) -> T) throws(E) -> T {
        let start = (wall: DispatchTime.now(), cpu: Self.processCPUSeconds())
        defer { record(name, since: start) }
        return try work()
    }

    private mutating func record(_ name: String, since start: (wall: DispatchTime, cpu: Double)) {
        let now = (wall: DispatchTime.now(), cpu: Self.processCPUSeconds())
        stages.append(
            BuildStage(
                name: name, seconds: Double(now.wall.uptimeNanoseconds - start.wall.uptimeNanoseconds) / 1e9,
                cpuSeconds: now.cpu - start.cpu))
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
