import Foundation
import Mustache

/// The theme's Mustache templates, compiled once per build.
public struct TemplateSet: Sendable {
    /// Layouts every theme must have.
    public static let requiredLayouts = ["home", "page", "section", "tag", "tags", "404", "languages", "root-404"]

    private let library: MustacheLibrary
    private let names: Set<String>
    /// A hash of every template's text: rendered pages are reused only while it stays the same.
    public let fingerprint: UInt64

    /// Loads every `.mustache` file below `folder`; a syntax error names the template file, line and column.
    public init(folder: URL, displayPath: String) async throws(BuildFailure) {
        let found = Self.templateNames(in: folder)
        do {
            library = try await MustacheLibrary(directory: folder.path)
        } catch let error as MustacheLibrary.ParserError {
            let location = SourceLocation(file: displayPath + "/" + error.filename,
                                          line: error.context.lineNumber, column: error.context.columnNumber)
            throw BuildFailure(diagnostics: [.error("template error: \(Self.describe(error.error))", at: location)])
        } catch {
            throw BuildFailure(diagnostics: [.error("cannot read templates: \(error)", at: nil)])
        }
        names = found
        fingerprint = StableHasher.hash(found.sorted().flatMap { name in
            [name, (try? String(contentsOf: folder.appendingPathComponent(name + ".mustache"), encoding: .utf8)) ?? ""]
        })
        let missing = Self.requiredLayouts.filter { !found.contains($0) }
        if !missing.isEmpty {
            throw BuildFailure(diagnostics: missing.map {
                .error("template '\($0)' is missing: create \(displayPath)/\($0).mustache", at: nil)
            })
        }
    }

    public func has(_ name: String) -> Bool { names.contains(name) }

    public func render(_ context: [String: Any], with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    private static func templateNames(in folder: URL) -> Set<String> {
        var names: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return names }
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            names.insert(String(path.dropLast(".mustache".count)))
        }
        return names
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with the wrong name"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is opened but never closed"
        default: return "\(error)"
        }
    }
}
