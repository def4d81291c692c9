import Foundation
import HexaglotKit

/// Rebuilds the site for `serve` and tells the browsers. A failed build keeps the last good
/// pages in place (the build writes nothing then) and shows its diagnostics in the terminal
/// and over the open pages.
actor SiteRebuilder {
    let options: BuildOptions
    let broadcaster: ReloadBroadcaster
    let printer: DiagnosticPrinter
    let verbose: Bool
    private let cache = BuildCache()
    private var builds = 0
    /// The site's language codes as of the last good build, for the server's 404 pages (read
    /// from request handlers, outside the actor).
    nonisolated let languageCodes = LockedValue<[String]>([])

    init(options: BuildOptions, broadcaster: ReloadBroadcaster, printer: DiagnosticPrinter, verbose: Bool = false) {
        self.options = options
        self.verbose = verbose
        self.broadcaster = broadcaster
        self.printer = printer
    }

    @discardableResult
    func rebuild(reason: String?, changed: [String] = []) async -> Bool {
        var options = self.options
        options.cache = cache
        do {
            // Page bodies alone are updated in place; anything else builds the site again.
            let report = try SiteBuilder(options: options).build(changed: changed)
            builds += 1
            languageCodes.value = report.pagesPerLanguage.map(\.code)
            printer.print(report.warnings)
            FileHandle.standardOutput.write(Data(((reason.map { "\($0): " } ?? "") + report.summary + "\n").utf8))
            if verbose { FileHandle.standardError.write(Data((report.stageTable + "\n").utf8)) }
            await broadcaster.reload(build: builds)
            return true
        } catch {
            printer.print(error.diagnostics)
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            await broadcaster.fail(text)
            return false
        }
    }
}

/// A value read and written from any thread.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
