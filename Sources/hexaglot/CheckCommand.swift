import ArgumentParser
import Foundation
import HexaglotKit

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into a temporary folder and check its links.",
        discussion: """
        Checks every internal link and #anchor in every language (from Markdown, raw HTML and templates), \
        every image and asset, hreflang alternates, feed and sitemap entries, and that every page links the \
        official channels. Each problem is reported at the source line that wrote it. External links are \
        listed with --external, never fetched. Exit status: 0 no problems, 1 problems (or build errors), 2 usage errors.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "The site folder (holding content/ and templates/).")
    var source: String = "."

    @Flag(name: .long, help: "List every external link (http, https, mailto) with the pages using it; nothing is fetched.")
    var external = false

    @Option(name: .long, help: "text (diagnostics like the build's) or json (an array of problems).")
    var format: Format = .text

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--source '\(source)' is not a folder")
        }
    }

    func run() async throws {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let options = BuildOptions(source: URL(fileURLWithPath: source, relativeTo: current))
        let report: CheckReport
        do {
            report = try await SiteChecker(options: options).check()
        } catch {
            // A site that does not build has nothing to check; JSON readers still get its errors as JSON.
            guard format == .json else { throw error }
            printJSON(problems: error.diagnostics, external: nil)
            Foundation.exit(1)
        }
        switch format {
        case .json:
            printJSON(problems: report.buildWarnings + report.problems, external: external ? report.externalLinks : nil)
        case .text:
            let printer = CheckPrinter(source: options.source)
            printer.print(report.buildWarnings + report.problems)
            if external { print(Self.externalList(report.externalLinks), terminator: "") }
            print(report.summary)
        }
        if !report.problems.isEmpty {
            // Not `throw ExitCode(1)`: that prints an empty message line after the report.
            Foundation.exit(1)
        }
    }

    /// `https://www.unido.org  (81 pages: /ar/, /ar/about/, /ar/areas/ and 78 more)`
    static func externalList(_ links: [CheckReport.ExternalLink]) -> String {
        guard !links.isEmpty else { return "no external links\n" }
        var text = "\(links.count) external link\(links.count == 1 ? "" : "s") (not fetched):\n"
        for link in links {
            let shown = link.pages.prefix(3).joined(separator: ", ")
            let more = link.pages.count > 3 ? " and \(link.pages.count - 3) more" : ""
            let count = link.pages.count == 1 ? "1 page" : "\(link.pages.count) pages"
            text += "  \(link.url)  (\(count): \(shown)\(more))\n"
        }
        return text
    }

    private struct JSONProblem: Encodable {
        var file: String?
        var line: Int?
        var column: Int?
        var severity: String
        var message: String
    }

    private struct JSONReport: Encodable {
        var problems: [JSONProblem]
        var externalLinks: [JSONExternalLink]
    }

    private struct JSONExternalLink: Encodable {
        var url: String
        var pages: [String]
    }

    /// An array of problems; with --external, an object `{problems, externalLinks}`.
    private func printJSON(problems: [Diagnostic], external: [CheckReport.ExternalLink]?) {
        let items = problems.map {
            JSONProblem(file: $0.location?.file, line: $0.location?.line, column: $0.location?.column,
                        severity: $0.severity.rawValue, message: $0.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data?
        if let external {
            data = try? encoder.encode(JSONReport(problems: items, externalLinks: external.map { JSONExternalLink(url: $0.url, pages: $0.pages) }))
        } else {
            data = try? encoder.encode(items)
        }
        FileHandle.standardOutput.write((data ?? Data("[]".utf8)) + Data("\n".utf8))
    }
}

/// Prints check problems as the build prints its errors (`file:line:col: error: …`, the line,
/// a caret), then a count. Not DiagnosticPrinter: its count line says "nothing was written".
private struct CheckPrinter {
    let source: URL
    let useColour = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = ""
        for diagnostic in diagnostics {
            let place = diagnostic.location.map { "\($0): " } ?? ""
            let severity = diagnostic.severity.rawValue
            if useColour {
                let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;35m"
                text += "\u{1B}[1m\(place)\u{1B}[0m\(colour)\(severity):\u{1B}[0m \u{1B}[1m\(diagnostic.message)\u{1B}[0m\n"
            } else {
                text += "\(place)\(severity): \(diagnostic.message)\n"
            }
            if let location = diagnostic.location, let excerpt = excerpt(at: location) { text += excerpt }
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var counts: [String] = []
        if errors > 0 { counts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { counts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        FileHandle.standardError.write(Data((text + counts.joined(separator: ", ") + "\n").utf8))
    }

    /// The source line and a caret under the column, when the place is a line of a readable file.
    private func excerpt(at location: SourceLocation) -> String? {
        let url = location.file.hasPrefix("/") ? URL(fileURLWithPath: location.file) : source.appendingPathComponent(location.file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line <= lines.count else { return nil }
        let line = lines[location.line - 1].replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\t", with: " ")
        let width = line.unicodeScalars.prefix(location.column - 1).reduce(0) { $0 + (CJKTextWidth.isWide($1) ? 2 : 1) }
        return "    \(line)\n    \(String(repeating: " ", count: width))^\n"
    }
}
