import ArgumentParser
import Foundation
import HexaglotKit

struct Status: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html
    }

    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which pages are translated, outdated or missing in each language.",
        discussion: """
            A translation is current when its front matter's translatedFrom record holds the hash of the \
            page it was translated from, as that page is now. Coverage is current translations / pages of \
            the default language. Exit status: 0 ok, 1 errors in the content or a failed --fail-under / \
            --fail-on-outdated check, 2 usage errors.
            """
    )

    @OptionGroup var site: SiteFolderOption

    @Option(name: .long, help: "text (a table), json (for CI) or html (a page to share).")
    var format: Format = .text

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to write the report; - for standard output.",
            discussion: "Default: standard output for text and json; translation-status.html in the site folder for html."))
    var output: String?

    @Option(name: .customLong("fail-under"), help: ArgumentHelp("Exit 1 when a language's coverage is under this percentage.", valueName: "percent"))
    var failUnder: Double?

    @Option(
        name: .customLong("fail-on-outdated"),
        help: ArgumentHelp("Exit 1 when these languages (comma-separated) have outdated pages.", valueName: "languages"))
    var failOnOutdated: [String] = []

    func validate() throws {
        if let failUnder, !(0...100).contains(failUnder) {
            throw ValidationError("--fail-under must be a percentage from 0 to 100, got \(failUnder)")
        }
    }

    func run() throws {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let site = site.folder
        let printer = DiagnosticPrinter.standardError
        printer.source = site
        let (status, warnings) = try TranslationStatus.read(siteFolder: site)
        printer.print(warnings)

        let codes = failOnOutdated.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let gates = StatusGates(minimumCoverage: failUnder, languagesWithoutOutdated: codes)
        if let problem = gates.problem(for: status) { throw ValidationError(problem) }

        let destination = output ?? (format == .html ? TypedPath.join(self.site.source, "translation-status.html") : "-")
        let report: String
        switch format {
        case .text:
            let colour = destination == "-" && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            report = StatusTextReport(status: status, usesColour: colour).text
        case .json: report = StatusJSONReport(status: status).text
        case .html: report = StatusHTMLReport(status: status).html
        }
        if destination == "-" {
            FileHandle.standardOutput.write(Data(report.utf8))
        } else {
            do {
                try Data(report.utf8).write(to: URL(fileURLWithPath: destination, relativeTo: current), options: .atomic)
            } catch {
                throw StatusFailure("cannot write \(destination): \(error.localizedDescription)")
            }
            print("wrote \(destination)")
        }

        let failures = gates.failures(in: status)
        if !failures.isEmpty {
            throw StatusFailure("translation status check failed\n" + failures.map { "  " + $0 }.joined(separator: "\n"))
        }
    }
}

/// A command that ran but did not succeed (a failed check, a file it could not write): exit
/// status 1, the message printed after "Error: ".
struct StatusFailure: LocalizedError {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var errorDescription: String? { message }
}

/// Paths as the user typed them, for messages.
enum TypedPath {
    /// `translation-status.html` for the current folder, `site/translation-status.html` for `--source site`.
    static func join(_ folder: String, _ name: String) -> String {
        var folder = folder
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        if folder == "." || folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
