import Foundation

/// The theme's Mustache templates, compiled once per build.
public struct TemplateSet: Sendable {
    /// Layouts every theme must have.
    public static let requiredLayouts = ["home", "page", "section", "tag", "tags", "404", "languages", "root-404"]

    private let renderer: TemplateRenderer
    private let nesting = NestingProblems()
    /// The templates folder as diagnostics show it (`templates`).
    public let displayPath: String
    /// Each template's text by name, as compiled: `check` reads its URL attributes from it.
    let texts: [String: [UInt8]]
    /// A hash of every template's text: rendered pages are reused only while it stays the same.
    public let fingerprint: UInt64

    /// Loads every `.mustache` file below `folder` (named by relative path without the extension:
    /// `partials/header`). Syntax errors and partials that do not exist name the template file,
    /// line and column; every template is checked, so one build reports them all.
    public init(folder: URL, displayPath: String) throws(BuildFailure) {
        let texts = Self.templateTexts(in: folder)
        var compiled: [String: [TemplateNode]] = [:]
        var references: [(template: String, bytes: [UInt8], name: String, offset: Int)] = []
        var diagnostics: [Diagnostic] = []
        for (name, bytes) in texts.sorted(by: { $0.key < $1.key }) {
            // Its bytes are copied into every page, which says it is UTF-8.
            guard String(validating: bytes, as: UTF8.self) != nil else {
                diagnostics.append(
                    .error("template is not valid UTF-8 text", at: SourceText.firstInvalidUTF8(in: bytes, file: "\(displayPath)/\(name).mustache")))
                continue
            }
            do {
                let result = try TemplateParser.parse(bytes)
                compiled[name] = result.nodes
                references += result.references.map { (name, bytes, $0.name, $0.offset) }
            } catch {
                let location = Self.location(of: error.offset, in: bytes, file: "\(displayPath)/\(name).mustache")
                diagnostics.append(.error("template error: \(error.message)", at: location))
            }
        }
        for reference in references where texts[reference.name] == nil {
            let location = Self.location(of: reference.offset, in: reference.bytes, file: "\(displayPath)/\(reference.template).mustache")
            diagnostics.append(
                .error(
                    "template error: there is no template '\(reference.name)' (\(displayPath)/\(reference.name).mustache)",
                    at: location))
        }
        diagnostics.sort { $0.location! < $1.location! }
        diagnostics += Self.requiredLayouts.filter { texts[$0] == nil }.map {
            .error("template '\($0)' is missing: create \(displayPath)/\($0).mustache", at: nil)
        }
        if !diagnostics.isEmpty { throw BuildFailure(diagnostics: diagnostics) }
        renderer = TemplateRenderer(templates: compiled)
        self.displayPath = displayPath
        self.texts = texts
        fingerprint = StableHasher.hash(texts.keys.sorted().flatMap { [$0, String(decoding: texts[$0]!, as: UTF8.self)] })
    }

    public func has(_ name: String) -> Bool { renderer.templates[name] != nil }

    /// Names templates use that their data does not have (`{{page.titel}}`), for every layout
    /// pages are rendered with (`pageLayouts`: the required ones and those front matter names)
    /// and the root pages; `i18n` keys that no language has are warnings.
    func fieldProblems(pageLayouts: Set<String>, knownStrings: Set<String>) -> [Diagnostic] {
        var checker = TemplateChecker(templates: renderer.templates, texts: texts, displayPath: displayPath, knownStrings: knownStrings)
        for layout in pageLayouts.sorted() { checker.check(layout: layout, root: PageContext.templateFields.shape) }
        for layout in Self.rootLayouts { checker.check(layout: layout, root: LanguageChoiceContext.templateFields.shape) }
        return checker.problems.sorted()
    }

    /// Layouts of the site's root pages, rendered with `LanguageChoiceContext`; every other
    /// layout is a page's, rendered with `PageContext`.
    static let rootLayouts = ["languages", "root-404"]

    /// The page `name` renders for `context`. Templates that include one another without end
    /// give an empty page and a problem in `renderProblems`.
    func render(_ context: TemplateObject, with name: String) -> Data {
        render(.object(context), with: name)
    }

    func render(_ context: TemplateValue, with name: String) -> Data {
        render(context, with: name, tracing: false).bytes
    }

    /// With `tracing`, also which template text and tag wrote each run of the page.
    func render(_ context: TemplateObject, with name: String, tracing: Bool) -> (bytes: Data, trace: [TemplateWrite]?) {
        render(.object(context), with: name, tracing: tracing)
    }

    func render(_ context: TemplateValue, with name: String, tracing: Bool) -> (bytes: Data, trace: [TemplateWrite]?) {
        switch renderer.render(name, context: context, tracing: tracing) {
        case .success(let result): return (Data(result.bytes), result.trace)
        case .failure(let error):
            nesting.record(error.chain)
            return (Data(), nil)
        }
    }

    /// The same for plain values as JSON reads them (test data such as the Mustache spec's).
    public func render(_ context: [String: Any], with name: String) -> Data {
        render(TemplateValue(plain: context), with: name)
    }

    /// Errors found while rendering (so far only endless inclusion), naming the template that
    /// repeats and the chain that leads to it.
    public var renderProblems: [Diagnostic] {
        guard let chain = nesting.first else { return [] }
        // Shown up to the first template that comes round again.
        var seen: Set<String> = []
        let loop = chain.firstIndex { !seen.insert($0).inserted } ?? chain.count - 1
        let shown = chain[...loop]
        return [
            .error(
                "template error: templates include one another without end (\(shown.joined(separator: " → ")) …)",
                at: SourceLocation(file: "\(displayPath)/\(chain[loop]).mustache"))
        ]
    }

    private static func templateTexts(in folder: URL) -> [String: [UInt8]] {
        var texts: [String: [UInt8]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return texts }
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { continue }
            texts[String(path.dropLast(".mustache".count))] = Array(data)
        }
        return texts
    }

    private static func location(of offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        let (line, column) = LineIndex(bytes).position(of: min(offset, bytes.count))
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// The first endless-inclusion chain met by any render thread.
private final class NestingProblems: @unchecked Sendable {
    private let lock = NSLock()
    private var chain: [String]?

    func record(_ chain: [String]) {
        lock.withLock { if self.chain == nil { self.chain = chain } }
    }

    var first: [String]? { lock.withLock { chain } }
}
