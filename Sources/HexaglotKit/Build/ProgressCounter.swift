import Foundation

/// Counts finished pages per language in a parallel stage and tells the caller's progress
/// display, e.g. `rendering: zh 1200/2000, en 900/2000, …`.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private let stage: String
    private let order: [String]
    private let totals: [String: Int]
    private var done: [String: Int] = [:]
    private let report: @Sendable (String) -> Void

    init?(stage: String, languages: [String], totals: [String: Int], report: (@Sendable (String) -> Void)?) {
        guard let report else { return nil }
        self.stage = stage
        self.order = languages
        self.totals = totals
        self.report = report
    }

    func finished(_ language: String) {
        lock.lock()
        done[language, default: 0] += 1
        let line =
            stage + ": "
            + order.compactMap { code in
                totals[code].map { "\(code) \(done[code] ?? 0)/\($0)" }
            }.joined(separator: ", ")
        lock.unlock()
        report(line)
    }
}
