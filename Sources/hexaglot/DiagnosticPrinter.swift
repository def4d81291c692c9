import Foundation
import HexaglotKit

/// Prints diagnostics as compilers do: `file:line:col: error: message`, the offending line and a
/// caret under the column, then a count. Colour only when writing to a terminal.
final class DiagnosticPrinter: @unchecked Sendable {
    nonisolated(unsafe) static let standardError = DiagnosticPrinter(handle: .standardError, descriptor: 2)

    let handle: FileHandle
    let useColour: Bool
    /// The site folder, to find the source lines diagnostics point at.
    var source = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

    init(handle: FileHandle, descriptor: Int32) {
        self.handle = handle
        self.useColour = isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// `failureNote` closes the count line when there are errors (the build writes nothing then).
    func print(_ diagnostics: [Diagnostic], failureNote: String? = "nothing was written") {
        guard !diagnostics.isEmpty else { return }
        var text = ""
        for diagnostic in diagnostics {
            text += line(for: diagnostic) + "\n"
            if let excerpt = excerpt(for: diagnostic) { text += excerpt }
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var counts: [String] = []
        if errors > 0 { counts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { counts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        text += counts.joined(separator: ", ") + (errors > 0 && failureNote != nil ? "; \(failureNote!)\n" : "\n")
        handle.write(Data(text.utf8))
    }

    private func line(for diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map { "\($0): " } ?? ""
        let severity = diagnostic.severity.rawValue
        guard useColour else { return "\(place)\(severity): \(diagnostic.message)" }
        let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;35m"
        return "\u{1B}[1m\(place)\u{1B}[0m\(colour)\(severity):\u{1B}[0m \u{1B}[1m\(diagnostic.message)\u{1B}[0m"
    }

    /// The source line and a caret under the column. Only for a diagnostic about a line (not a
    /// whole file) of a regular file inside the site: never through a link leading out of it,
    /// never a FIFO or device (see `ContainedFile`).
    private func excerpt(for diagnostic: Diagnostic) -> String? {
        guard let location = diagnostic.location, !location.isWholeFile,
            let data = ContainedFile.contents(of: location.file, inside: source),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return nil }
        let sourceLine = lines[location.line - 1].replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\t", with: " ")
        var scalars = Array(sourceLine.unicodeScalars)
        var column = location.column - 1
        // A long line (a minified file, a 200 KB line of YAML) is shown around the column only:
        // printed whole, one error was half a megabyte.
        if scalars.count > Self.longestShownLine {
            let start = max(0, min(column - Self.longestShownLine / 2, scalars.count - Self.longestShownLine))
            let end = min(scalars.count, start + Self.longestShownLine)
            let window = Array(scalars[start..<end])
            scalars = (start > 0 ? ["…"] : []) + window + (end < scalars.count ? ["…"] : [])
            column = column - start + (start > 0 ? 1 : 0)
        }
        // East Asian wide characters take two terminal columns.
        let width = scalars.prefix(max(column, 0)).reduce(0) { $0 + (CJKTextWidth.isWide($1) ? 2 : 1) }
        return "    \(String(String.UnicodeScalarView(scalars)))\n    \(String(repeating: " ", count: width))^\n"
    }

    /// The most characters of a source line shown under a diagnostic.
    static let longestShownLine = 160
}

enum CJKTextWidth {
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        CJKText.isWideScript(scalar) || (0xAC00...0xD7A3).contains(scalar.value)
    }
}
