import ArgumentParser
import Foundation
import HexaglotKit

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: "Any folder with content/ and templates/ is a site. Exit status: 0 built, 1 errors in the content or templates, 2 usage errors."
    )

    @Option(name: .long, help: "The site folder (holding content/ and templates/).")
    var source: String = "."

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

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--source '\(source)' is not a folder")
        }
    }

    func run() async throws {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var options = BuildOptions(source: URL(fileURLWithPath: source, relativeTo: current),
                                   output: output.map { URL(fileURLWithPath: $0, relativeTo: current) })
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
        let printer = DiagnosticPrinter.standardError
        printer.source = options.source
        let report = try await SiteBuilder(options: options).build()
        printer.print(report.warnings)
        print(report.summary)
        if verbose { print(report.stageTable) }
    }
}
