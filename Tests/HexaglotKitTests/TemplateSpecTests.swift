import Foundation
import Testing

@testable import HexaglotKit

// The official Mustache spec (Fixtures/mustache-spec, see SOURCE there): every test of the core
// files and of the optional inheritance file renders exactly as expected. The two other optional
// files are left out on purpose: template data is not code, so there are no lambdas, and dynamic
// names are rejected with an error (checked below).

/// One test of a spec file: a template, its partials, its data and the exact expected output.
struct MustacheSpecCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let template: String
    let partials: [String: String]
    let data: SpecValue
    let expected: String

    var testDescription: String { "\(file): \(name)" }

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    static let all: [MustacheSpecCase] = files.flatMap { file -> [MustacheSpecCase] in
        let url = Fixtures.folder.appendingPathComponent("mustache-spec/\(file).json")
        guard let data = try? Data(contentsOf: url), let spec = try? JSONDecoder().decode(SpecFile.self, from: data) else {
            // An unreadable file shows up as a failing case rather than as fewer cases.
            return [
                MustacheSpecCase(
                    file: file, name: "(the file could not be read)", template: "", partials: [:],
                    data: .null, expected: "\(url.path) is a readable spec file")
            ]
        }
        return spec.tests.map {
            MustacheSpecCase(
                file: file, name: $0.name, template: $0.template, partials: $0.partials ?? [:],
                data: $0.data, expected: $0.expected)
        }
    }

    private struct SpecFile: Decodable {
        struct Test: Decodable {
            let name: String
            let data: SpecValue
            let template: String
            let partials: [String: String]?
            let expected: String
        }
        let tests: [Test]
    }
}

/// A JSON value of the spec's data, kept apart as integer and decimal so both render as written.
enum SpecValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case decimal(Double)
    case string(String)
    case list([SpecValue])
    case object([String: SpecValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else if let decimal = try? container.decode(Double.self) {
            self = .decimal(decimal)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let list = try? container.decode([SpecValue].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: SpecValue].self))
        }
    }

    /// The value as the renderer's context holds values. A null becomes a missing key: the
    /// renderer's data has no null, and the spec's nulls (all at the top level) render as missing
    /// values do (no list holds a null).
    var contextValue: TemplateValue? {
        switch self {
        case .null: return nil
        case .bool(let flag): return .flag(flag)
        case .integer(let integer): return .number(integer)
        case .decimal(let decimal): return .decimal(decimal)
        case .string(let text): return .text(text)
        case .list(let list): return .list(list.compactMap(\.contextValue))
        case .object(let object): return .map(object.compactMapValues(\.contextValue))
        }
    }
}

@Suite struct TemplateSpecTests {
    /// The template under test is compiled under a name no tag can write (tag names are trimmed),
    /// so it cannot collide with a partial.
    static let templateName = " template"

    private static func render(_ templates: [String: String], data: TemplateValue, name: String = templateName) throws -> String {
        var compiled: [String: [TemplateNode]] = [:]
        for (templateName, text) in templates { compiled[templateName] = try TemplateParser.parse(Array(text.utf8)).nodes }
        return String(decoding: try TemplateRenderer(templates: compiled).render(name, context: data).get(), as: UTF8.self)
    }

    @Test(arguments: MustacheSpecCase.all)
    func rendersAsTheSpecExpects(_ spec: MustacheSpecCase) throws {
        let templates = spec.partials.merging([Self.templateName: spec.template]) { _, template in template }
        let output = try Self.render(templates, data: spec.data.contextValue ?? .map([:]))
        #expect(
            output == spec.expected,
            "template \(spec.template.debugDescription), partials \(spec.partials.debugDescription): \(output.debugDescription)")
    }

    /// Every file is there and none lost a test: the counts of the copied spec commit.
    @Test func everySpecFileIsRead() {
        let counts = Dictionary(grouping: MustacheSpecCase.all, by: \.file).mapValues(\.count)
        #expect(
            counts == [
                "comments": 12, "delimiters": 14, "interpolation": 42, "inverted": 22, "partials": 12,
                "sections": 34, "~inheritance": 27,
            ])
    }

    /// What the spec leaves open, decided here: a standalone block's default content renders as
    /// written (its indentation is the block's), a child's content takes the block's indentation,
    /// and two section tags on a line keep the line, as in swift-mustache and most engines.
    @Test func blockIndentationAndSeveralTagsOnALine() throws {
        let list = "<ul>\n  {{$items}}\n  <li>default</li>\n  {{/items}}\n</ul>\n"
        #expect(try Self.render(["list": list], data: .map([:]), name: "list") == "<ul>\n  <li>default</li>\n</ul>\n")
        let child = "{{<list}}\n{{$items}}\n<li>a</li>\n<li>b</li>\n{{/items}}\n{{/list}}\n"
        #expect(
            try Self.render(["list": list, "child": child], data: .map([:]), name: "child")
                == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        // A block placed mid-line continues the line, even inside an indented partial.
        let card = "<h2>{{$title}}Title{{/title}}</h2>\n"
        #expect(
            try Self.render(["card": card, "main": "<div>\n  {{> card}}\n</div>"], data: .map([:]), name: "main")
                == "<div>\n  <h2>Title</h2>\n</div>")
        #expect(try Self.render(["main": "a\n{{#flag}}{{/flag}}\nb"], data: .map(["flag": .flag(true)]), name: "main") == "a\n\nb")
    }

    /// `~dynamic-names` is not supported: a theme names its templates by path, and the build checks
    /// that each named template exists. (`~lambdas` needs code in the data, which data never is.)
    @Test func dynamicNamesAreRejectedWhereTheyAreWritten() async throws {
        func error(_ text: String) -> TemplateSyntaxError? {
            do { _ = try TemplateParser.parse(Array(text.utf8)); return nil } catch { return error }
        }
        let partial = "dynamic partial names ({{>*name}}) are not supported: name the template by its path, such as {{> partials/header}}"
        let parent = "dynamic parent names ({{<*name}}) are not supported: name the template by its path, such as {{<base}}"
        #expect(error("ab{{>*dynamic}}") == TemplateSyntaxError(message: partial, offset: 5))
        #expect(error("|{{> * dynamic }}|") == TemplateSyntaxError(message: partial, offset: 5))
        #expect(error("{{<*dynamic}}{{/*dynamic}}") == TemplateSyntaxError(message: parent, offset: 3))

        var theme = TestSite.minimalTheme
        theme["page.mustache"] = "{{<base}}{{$main}}\n<p>{{>*byline}}</p>\n{{/main}}{{/base}}"
        theme["tag.mustache"] = "{{=<% %>=}}\n  <%<*layout%><%/*layout%>"
        let site = try TestSite(["content/en/a.md": "# A\n"], theme: theme)
        #expect(
            await site.errors() == [
                "templates/page.mustache:2:7: error: template error: \(partial)",
                "templates/tag.mustache:2:6: error: template error: \(parent)",
            ])
    }
}
