import ArgumentParser
import Foundation
import HexaglotKit

struct Build: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: "Any folder with content/ and templates/ is a site. Exit status: 0 built, 1 errors in the content or templates, 2 usage errors."
    )

    @OptionGroup var site: SiteFolderOption

    @Option(name: .long, help: "Where to write the site (default: public/ in the site folder).")
    var output: String?

    @Option(name: .customLong("base-url"), help: "Base URL to use instead of site.yaml's (preview deployments).")
    var baseURL: String?

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include pages dated in the future.")
    var future = false

    @Flag(name: .long, help: "Print the time each stage took.")
    var verbose = false

    @Flag(name: .long, help: "Build even when nothing changed since the last build.")
    var force = false

    @Flag(
        name: .customLong("clean-destination"),
        help: "Let the build replace everything in the output folder except hidden entries (.git, .nojekyll), also files no Hexaglot build wrote.")
    var cleanDestination = false

    @Option(
        name: .long, help: "text; json: diagnostics as a JSON array on standard output; github: GitHub Actions annotations (::error file=…,line=…::)."
    )
    var format: Format = .text

    /// The last build's products, held for the life of the process (see `run`).
    nonisolated(unsafe) private static var keptUntilExit: BuildProducts?

    func run() throws {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var options = BuildOptions(
            source: site.folder,
            output: output.map { URL(fileURLWithPath: $0, relativeTo: current) })
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
        options.skipsUnchangedBuilds = !force
        options.cleansDestination = cleanDestination
        let printer = DiagnosticPrinter.standardError
        printer.source = options.source
        let progress = ProgressLine.forStandardError()
        if let progress { options.progress = { @Sendable text in progress.show(text) } }
        let report: BuildReport
        do {
            let products: BuildProducts?
            (report, products) = try SiteBuilder(options: options).run()
            // Kept until the process exits, never freed: freeing every page, body and file of the
            // site just before exit is work no one needs (as clang's -disable-free).
            Build.keptUntilExit = products
            progress?.clear()
        } catch {
            progress?.clear()
            switch format {
            case .text: throw error
            case .json: FileHandle.standardOutput.write(DiagnosticJSON.encode(error.diagnostics) + Data("\n".utf8))
            case .github: FileHandle.standardOutput.write(Data(GitHubAnnotations.lines(error.diagnostics).utf8))
            }
            Foundation.exit(error.kind == .usage ? 2 : 1)
        }
        switch format {
        case .text:
            printer.print(report.warnings)
            print(report.summary)
        case .json:
            FileHandle.standardOutput.write(DiagnosticJSON.encode(report.warnings) + Data("\n".utf8))
            FileHandle.standardError.write(Data((report.summary + "\n").utf8))
        case .github:
            FileHandle.standardOutput.write(Data((GitHubAnnotations.lines(report.warnings) + report.summary + "\n").utf8))
        }
        if verbose { FileHandle.standardError.write(Data((report.stageTable + "\n").utf8)) }
    }
}
