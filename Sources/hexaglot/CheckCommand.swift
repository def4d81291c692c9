import ArgumentParser
import Foundation
import HexaglotKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
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

    @OptionGroup var site: SiteFolderOption

    @Flag(name: .long, help: "List every external link (http, https, mailto) with the pages using it; nothing is fetched.")
    var external = false

    @Option(name: .long, help: "text (diagnostics like the build's) or json (an array of problems).")
    var format: Format = .text

    func run() throws {
        let options = BuildOptions(source: site.folder)
        let report: CheckReport
        do {
            report = try SiteChecker(options: options).check()
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
            let printer = DiagnosticPrinter.standardError
            printer.source = options.source
            printer.print(report.buildWarnings + report.problems, failureNote: nil)
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

    private struct JSONReport: Encodable {
        var problems: [DiagnosticJSON]
        var externalLinks: [JSONExternalLink]
    }

    private struct JSONExternalLink: Encodable {
        var url: String
        var pages: [String]
    }

    /// An array of problems; with --external, an object `{problems, externalLinks}`.
    private func printJSON(problems: [Diagnostic], external: [CheckReport.ExternalLink]?) {
        let items = problems.map(DiagnosticJSON.init)
        let encoder = DiagnosticJSON.encoder
        let data: Data?
        if let external {
            data = try? encoder.encode(JSONReport(problems: items, externalLinks: external.map { JSONExternalLink(url: $0.url, pages: $0.pages) }))
        } else {
            data = try? encoder.encode(items)
        }
        FileHandle.standardOutput.write((data ?? Data("[]".utf8)) + Data("\n".utf8))
    }
}
