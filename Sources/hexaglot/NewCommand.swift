import ArgumentParser
import Foundation
import HexaglotKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a page or a translation in content/.",
        discussion:
            "Never overwrites a file. Exit status: 0 created, 1 the file exists or the source page is missing or has errors, 2 usage errors (unknown language, unsafe path).",
        subcommands: [NewPage.self, NewTranslation.self]
    )
}

extension SiteFolderOption {
    var scaffolder: PageScaffolder {
        PageScaffolder(siteFolder: folder)
    }

    /// Runs a scaffolding step and prints the created file's path as it can be opened from here.
    func run(_ step: (PageScaffolder) throws(ScaffoldError) -> String) throws {
        do {
            print(TypedPath.join(source, try step(scaffolder)))
        } catch {
            switch error {
            case .usage(let message): throw ValidationError(message)
            case .content(let diagnostics):
                DiagnosticPrinter.standardError.source = scaffolder.siteFolder
                throw BuildFailure(diagnostics: diagnostics)
            }
        }
    }
}

struct NewPage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Create content/<lang>/<path>.md with a title and today's date.",
        discussion: "The date is today's in UTC, the clock the build uses for pages dated in the future."
    )

    @Argument(help: ArgumentHelp("The page: <lang>/<path>, with or without .md, such as fr/areas/pops.", valueName: "lang/path"))
    var page: String

    @Option(name: .long, help: "The title (default: from the file name).")
    var title: String?

    @OptionGroup var site: SiteFolderOption

    func run() throws {
        try site.run { scaffolder throws(ScaffoldError) in try scaffolder.createPage(page, title: title) }
    }
}

struct NewTranslation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translation",
        abstract: "Create the translation of a page, pre-filled with its text.",
        discussion: """
            Writes the same path in the --to language's folder with the source's front matter and body, \
            and a translatedFrom record of the source body's hash. Until the source changes, \
            hexaglot status shows the translation as current.
            """
    )

    @Argument(help: ArgumentHelp("The page to translate: <lang>/<path>, such as zh/areas/pops.", valueName: "lang/path"))
    var page: String

    @Option(name: .long, help: ArgumentHelp("The language to translate into.", valueName: "lang"))
    var to: String

    @OptionGroup var site: SiteFolderOption

    func run() throws {
        try site.run { scaffolder throws(ScaffoldError) in try scaffolder.createTranslation(of: page, into: to) }
    }
}
