import ArgumentParser
import Foundation
import HexaglotKit

struct Translation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translation",
        abstract: "Exchange translations with CAT tools (Trados, memoQ, OmegaT) as XLIFF 1.2.",
        discussion: "Exit status: 0 done, 1 problems in the content or the XLIFF files (nothing is written), 2 usage errors.",
        subcommands: [TranslationExport.self, TranslationImport.self, TranslationMemoryCommand.self]
    )
}

struct TranslationExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the pages one language needs translated as an XLIFF 1.2 file, one <file> per page.",
        discussion: """
            Headings, paragraphs, list items, table cells, footnotes, image descriptions, link titles and \
            the title and summary fields become units; markup becomes <g> and <x/> tags; code is not exported.
            """
    )

    @OptionGroup var site: SiteFolderOption

    @Option(name: .long, help: ArgumentHelp("The language to translate into.", valueName: "lang"))
    var to: String

    @Option(
        name: .long,
        help: ArgumentHelp("The language to translate from (default: the default language); its page of each row is exported.", valueName: "lang"))
    var from: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Pages whose translation is: missing, outdated, untracked, current (comma-separated), or all.", valueName: "states"))
    var only: [String] = ["missing,outdated"]

    @Option(name: .long, help: ArgumentHelp("Only this page (a path below the language folder, as status shows it); repeatable.", valueName: "path"))
    var page: [String] = []

    @Flag(name: .customLong("prefill-target"), help: "Write a <target> copying the source (OmegaT opens only units with one).")
    var prefillTarget = false

    @Option(name: .long, help: ArgumentHelp("The XLIFF file to write; - for standard output.", valueName: "file.xlf"))
    var output: String

    func states() throws -> Set<TranslationState> {
        var states: Set<TranslationState> = []
        for name in only.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if name == "all" { return [.missing, .outdated, .untracked, .current] }
            guard let state = TranslationState(rawValue: name), state != .source else {
                throw ValidationError("--only: '\(name)' is not one of missing, outdated, untracked, current, all")
            }
            states.insert(state)
        }
        return states
    }

    func run() throws {
        var exporter = TranslationExporter(siteFolder: site.folder, targetLanguage: to)
        exporter.sourceLanguage = from
        exporter.states = try states()
        exporter.pages = page
        exporter.prefillTarget = prefillTarget
        DiagnosticPrinter.standardError.source = site.folder
        let export: TranslationExporter.Export
        do {
            export = try exporter.export()
        } catch let error as TranslationUsageError {
            throw ValidationError(error.description)
        }
        DiagnosticPrinter.standardError.print(export.warnings)
        // On standard error with the other summary lines, also when the XLIFF goes to standard output.
        defer {
            if export.handTranslatedPages > 0 {
                let pages = export.handTranslatedPages == 1 ? "1 outdated page" : "\(export.handTranslatedPages) outdated pages"
                FileHandle.standardError.write(
                    Data(
                        "\(pages) translated by hand, aligned by structure: \(export.unalignedUnits) unit\(export.unalignedUnits == 1 ? "" : "s") could not be aligned with the source version translated\n"
                            .utf8))
            }
        }
        if output == "-" {
            FileHandle.standardOutput.write(Data(export.xliff.utf8))
            return
        }
        let url = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do {
            try Data(export.xliff.utf8).write(to: url, options: .atomic)
        } catch {
            throw StatusFailure("cannot write \(output): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(
            Data(
                "wrote \(output): \(export.pageCount) page\(export.pageCount == 1 ? "" : "s"), \(export.unitCount) unit\(export.unitCount == 1 ? "" : "s")\n"
                    .utf8))
    }
}

struct TranslationImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write translated XLIFF files back as Markdown pages of their target language.",
        discussion: """
            Every file is checked first (tags, units, languages, pages, hand edits since the export); with any \
            problem, each is listed as FILE.xlf:line:col: error: unit ID: … and no page is written.
            """
    )

    @OptionGroup var site: SiteFolderOption

    @Argument(help: ArgumentHelp("The translated XLIFF files.", valueName: "file.xlf"))
    var files: [String]

    @Flag(name: .customLong("dry-run"), help: "Check and list the pages that would change; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Replace translations edited by hand since the export.")
    var force = false

    func run() throws {
        var inputs: [(path: String, data: Data)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            inputs.append((file, data))
        }
        var importer = TranslationImporter(siteFolder: site.folder)
        importer.force = force
        let pages = try importer.plan(inputs)
        if !dryRun {
            do {
                try importer.write(pages)
            } catch {
                throw StatusFailure("cannot write the pages: \(error.localizedDescription)")
            }
        }
        for page in pages {
            print("\(page.changes ? (dryRun ? "would write" : "wrote") : "unchanged") \(TypedPath.join(site.source, page.file))")
        }
    }
}

struct TranslationMemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Write a TMX 1.4b of the segments of current translations, to seed a CAT tool's memory.",
        discussion: "Tags are in OmegaT's shorthand (<g0>…</g0>, <x1/>), the form OmegaT matches."
    )

    @OptionGroup var site: SiteFolderOption

    @Option(name: .long, help: ArgumentHelp("The language translated into.", valueName: "lang"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("The language translated from (the default language).", valueName: "lang"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The TMX file to write; - for standard output.", valueName: "file.tmx"))
    var output: String

    func run() throws {
        DiagnosticPrinter.standardError.source = site.folder
        let export: TranslationMemoryExporter.Export
        do {
            var exporter = TranslationMemoryExporter(siteFolder: site.folder, targetLanguage: to)
            exporter.sourceLanguage = from
            export = try exporter.export()
        } catch let error as TranslationUsageError {
            throw ValidationError(error.description)
        }
        if output == "-" {
            FileHandle.standardOutput.write(Data(export.tmx.utf8))
        } else {
            let url = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            do {
                try Data(export.tmx.utf8).write(to: url, options: .atomic)
            } catch {
                throw StatusFailure("cannot write \(output): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(output): \(export.segmentCount) segments\n".utf8))
        }
        if export.pagesAligned > 0 {
            FileHandle.standardError.write(
                Data(
                    "\(export.pagesAligned) translations made outside import aligned by structure; \(export.unalignedUnits) units could not be aligned\n"
                        .utf8))
        }
    }
}
