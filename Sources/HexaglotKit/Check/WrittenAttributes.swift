import Foundation

/// URL attribute values as written in a source text that is not a template (raw HTML in
/// Markdown, a copied HTML or CSS file), with their places: to find which source line a URL in
/// the built site came from. (Templates are traced as they render: `TemplateTraceLocator`.)
struct WrittenAttributes {
    struct Value {
        /// With character references decoded.
        var text: String
        /// As written: `photo&amp;1.jpg`.
        var raw: String
        var location: SourceLocation
    }

    private static let attribute = try! NSRegularExpression(
        pattern: #"\b(?:href|src|srcset|content|poster|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)')"#, options: [.caseInsensitive])

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
                        column: lines.column(of: range.lowerBound))))
        }
        self.values = values
    }

    /// Places where the value is exactly `url` (or, for `srcset`, contains it).
    func literalPlaces(of url: String) -> [SourceLocation] {
        let exact = values.filter { Self.same($0.text, url) }
        if !exact.isEmpty { return exact.map(\.location) }
        return values.filter { $0.text.contains(url) && $0.text.contains(",") }.map(\.location)
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
}
