import Foundation
import HexaglotKit

/// A diagnostic as JSON for CI annotations: `{file, line, column, severity, message}`.
struct DiagnosticJSON: Encodable {
    var file: String?
    var line: Int?
    var column: Int?
    var severity: String
    var message: String

    init(_ diagnostic: Diagnostic) {
        file = diagnostic.location?.file
        line = diagnostic.location?.line
        column = diagnostic.location?.column
        severity = diagnostic.severity.rawValue
        message = diagnostic.message
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The whole list, one JSON array.
    static func encode(_ diagnostics: [Diagnostic]) -> Data {
        (try? encoder.encode(diagnostics.map(DiagnosticJSON.init))) ?? Data("[]".utf8)
    }
}
