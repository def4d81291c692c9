import Foundation

/// The temporary output folders of `serve` and `check`: named with the process id, so that a
/// later run can tell those of killed processes and remove them.
public enum TemporaryOutput {
    public enum Purpose: String, Sendable {
        case serve, check
    }

    /// `/tmp/hexaglot-serve-<pid>-<n>`: a new folder for this process.
    public static func folder(_ purpose: Purpose) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(prefix(purpose) + StaleStaging.token())
    }

    /// Removes the folders (and their builds' staging folders) of processes that have ended.
    public static func sweep(_ purpose: Purpose) {
        StaleStaging.sweep(temporaryOutputs: prefix(purpose), in: FileManager.default.temporaryDirectory)
    }

    private static func prefix(_ purpose: Purpose) -> String { "hexaglot-\(purpose.rawValue)-" }
}
