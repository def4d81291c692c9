import ArgumentParser
import Foundation
import HexaglotKit

@main
struct Hexaglot: AsyncParsableCommand {
    // Every command names itself: a name left to ArgumentParser is made from the type's name
    // (`String(describing:)`, a look-up through the runtime's metadata), 11 M instructions a run.
    static let configuration = CommandConfiguration(
        commandName: "hexaglot",
        abstract: "A static site generator for multilingual outreach sites.",
        subcommands: [Build.self, Serve.self, Status.self, New.self, Check.self, Translation.self]
    )

    /// Exit statuses: 0 success, 1 content or template errors, 2 usage errors.
    static func main() async {
        AbortReporter.install()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as BuildFailure {
            DiagnosticPrinter.standardError.print(failure.diagnostics)
            Foundation.exit(failure.kind == .usage ? 2 : 1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            if code == .validationFailure {
                FileHandle.standardError.write(Data((helpMessage() + "\n").utf8))
                Foundation.exit(2)
            }
            Foundation.exit(code == .failure ? 1 : code.rawValue)
        }
    }
}
