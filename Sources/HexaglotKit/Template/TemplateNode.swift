/// A compiled piece of a Mustache template. Text is kept as UTF-8 bytes so rendering is appending.
enum TemplateNode: Sendable {
    /// Literal text, newlines included, and the byte offset in its template where it starts
    /// (its bytes are contiguous there: text is merged only across nothing).
    case text([UInt8], offset: Int)
    /// The start of a line in the template: where a standalone partial's indentation goes.
    case lineStart
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (raw).
    case value(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`.
    case section(TemplateName, [TemplateNode])
    /// `{{^name}}…{{/name}}`.
    case invertedSection(TemplateName, [TemplateNode])
    /// `{{> name}}`, with the indentation of a standalone tag.
    case partial(String, indentation: [UInt8])
    /// `{{< name}}{{$block}}…{{/block}}{{/name}}`: renders `name` with these blocks replaced.
    case parent(String, indentation: [UInt8], overrides: [String: [TemplateNode]])
    /// `{{$name}}default{{/name}}` outside a parent tag: a block a child template may replace.
    /// Its content (the defaults or a child's) is indented by `indentation`; content that begins
    /// on its opening tag's line starts with a `lineStart`, skipped unless the block `startsLine`.
    case block(String, defaults: [TemplateNode], indentation: [UInt8], startsLine: Bool)
}

/// A tag's name: `.` (the current value), or dot-separated keys. A leading dot (`{{.title}}`)
/// looks only at the current value instead of searching the enclosing ones.
struct TemplateName: Sendable, Equatable, CustomStringConvertible {
    let keys: [TemplateKey]
    let isAnchored: Bool
    /// Byte offset of the name in its template: where the template check points.
    let offset: Int

    init(_ text: String, offset: Int = 0) {
        self.offset = offset
        if text == "." {
            keys = []
            isAnchored = true
        } else {
            isAnchored = text.hasPrefix(".")
            keys = text.split(separator: ".").map { TemplateKey(String($0)) }
        }
    }

    var description: String { keys.isEmpty ? "." : (isAnchored ? "." : "") + keys.map(\.text).joined(separator: ".") }
}
