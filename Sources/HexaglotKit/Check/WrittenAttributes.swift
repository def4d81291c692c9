import Foundation

/// URL attribute values as written in a source text (a template, raw HTML in Markdown), with
/// their places: to find which source line a URL in the built site came from.
struct WrittenAttributes {
    struct Value {
        /// With character references decoded.
        var text: String
        /// As written: `{{site.root}}css/site.css`.
        var raw: String
        var location: SourceLocation
        /// For a value built from Mustache tags (`{{site.root}}css/site.css`): matches the values
        /// it can produce. Nil for literal values and for values that are nothing but tags.
        var pattern: NSRegularExpression?
        var isLiteral: Bool { pattern == nil && !text.contains("{{") }
    }

    private static let attribute = try! NSRegularExpression(
        pattern: #"\b(?:href|src|srcset|content|poster|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)')"#, options: [.caseInsensitive])
    private static let mustacheTag = try! NSRegularExpression(pattern: #"\{\{\{?[^}]*\}?\}\}"#)

    let values: [Value]
    let text: String
    let file: String

    init(text: String, file: String) {
        self.text = text
        self.file = file
        let lines = LineIndex(text)
        var values: [Value] = []
        for match in Self.attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range(at: 1), in: text) ?? Range(match.range(at: 2), in: text) else { continue }
            let raw = String(text[range])
            values.append(
                Value(
                    text: CharacterReferences.decode(raw), raw: raw,
                    location: SourceLocation(
                        file: file, line: lines.line(of: range.lowerBound),
                        column: lines.column(of: range.lowerBound)),
                    pattern: Self.pattern(for: raw)))
        }
        self.values = values
    }

    /// Places where the value is exactly `url` (or, for `srcset`, contains it).
    func literalPlaces(of url: String) -> [SourceLocation] {
        let exact = values.filter { $0.isLiteral && Self.same($0.text, url) }
        if !exact.isEmpty { return exact.map(\.location) }
        return values.filter { $0.isLiteral && $0.text.contains(url) && $0.text.contains(",") }.map(\.location)
    }

    /// Values with Mustache tags that can produce `url`.
    func patternMatches(of url: String) -> [Value] {
        values.filter { value in
            guard let pattern = value.pattern else { return false }
            return pattern.firstMatch(in: url, range: NSRange(url.startIndex..., in: url)) != nil
        }
    }

    /// The first place `url` appears anywhere in the text: the last resort for a link written
    /// in a form neither cmark nor an HTML attribute shows.
    func textPlace(of url: String) -> SourceLocation? {
        guard url.count >= 3, let range = text.range(of: url) ?? text.range(of: HTMLEscaping.attribute(url)) else { return nil }
        let lines = LineIndex(text)
        return SourceLocation(file: file, line: lines.line(of: range.lowerBound), column: lines.column(of: range.lowerBound))
    }

    /// URLs compare as requested: percent-encoded or not.
    static func same(_ written: String, _ url: String) -> Bool {
        written == url || SiteAddress.decode(written) == SiteAddress.decode(url)
    }

    /// A pattern for values mixing text and Mustache tags; nil unless the text is specific
    /// enough (a bare `{{url}}` would match every link).
    private static func pattern(for raw: String) -> NSRegularExpression? {
        guard raw.contains("{{") else { return nil }
        var literals: [String] = []
        var cursor = raw.startIndex
        for match in mustacheTag.matches(in: raw, range: NSRange(raw.startIndex..., in: raw)) {
            guard let range = Range(match.range, in: raw) else { continue }
            literals.append(String(raw[cursor..<range.lowerBound]))
            cursor = range.upperBound
        }
        literals.append(String(raw[cursor...]))
        let fixed = literals.joined()
        guard fixed.filter({ $0 != "/" && $0 != "#" }).count >= 3 else { return nil }
        let body = literals.map { NSRegularExpression.escapedPattern(for: CharacterReferences.decode($0)) }.joined(separator: ".*")
        return try? NSRegularExpression(pattern: "^" + body + "$")
    }
}
