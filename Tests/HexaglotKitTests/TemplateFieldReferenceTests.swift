import Foundation
import Testing

@testable import HexaglotKit

/// The README's list of template fields is made from the typed template data: it cannot say a
/// field exists that templates are refused, or leave one out. `HEXAGLOT_RECORD=1` rewrites it.
@Suite struct TemplateFieldReferenceTests {
    static let begin = "<!-- template-fields:begin -->\n"
    static let end = "<!-- template-fields:end -->"

    @Test func theReadmeListsExactlyTheTemplateFields() throws {
        let readme = Fixtures.repositoryRoot.appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin))
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex))
        let generated = TemplateFieldReference.markdown
        if Fixtures.recording {
            try text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: generated)
                .write(to: readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(text[start.upperBound..<stop.lowerBound]) == generated)
    }

    /// Every field the README lists is one a template may use; a near miss is refused with it.
    @Test func theCheckerAcceptsEveryListedFieldAndNamesTheNearestForATypo() throws {
        let page = PageContext.templateFields.shape
        var text = ""
        for field in page.fields {
            text += "{{#\(field.name)}}{{/\(field.name)}}"
            if case .object(let shape) = field.kind {
                for inner in shape.fields { text += "{{#\(field.name).\(inner.name)}}{{/\(field.name).\(inner.name)}}" }
            }
        }
        text += "{{page.titel}}"
        let bytes = Array(text.utf8)
        var checker = TemplateChecker(
            templates: ["page": try TemplateParser.parse(bytes).nodes], texts: ["page": bytes],
            displayPath: "templates", knownStrings: [])
        checker.check(layout: "page", root: page)
        #expect(checker.problems.map(\.message) == ["template error: 'page' has no field 'titel'; did you mean page.title?"])
    }
}
