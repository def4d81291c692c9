/// A YAML value as the rest of Hexaglot sees it: plain Swift values that remember where
/// they were written, so that every complaint about a field names its line and column.
public struct YAMLNode: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: YAMLNode
    }

    public enum Value: Equatable, Sendable {
        /// `isPlain` is false for quoted and block scalars: those are always strings.
        case scalar(String, isPlain: Bool)
        case sequence([YAMLNode])
        case mapping([Entry])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The entries of a mapping in written order; nil for other nodes.
    public var entries: [Entry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    /// What the YAML 1.2 core schema makes of this node.
    public var resolved: CoreSchemaValue {
        switch value {
        case .scalar(let text, let isPlain):
            return isPlain ? CoreSchemaValue.resolvePlain(text) : .string(text)
        case .sequence: return .sequence
        case .mapping: return .mapping
        }
    }

    /// Whether the core schema reads this node as null (`resolved == .null`), without working out
    /// what else a plain scalar would be: the check every text field makes.
    public var isNull: Bool {
        guard case .scalar(let text, isPlain: true) = value else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The scalar's text as written, whatever the schema would resolve it to (`title: 2026` is "2026").
    public var scalarText: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    /// A short description of the node for messages: `'maybe'`, `a list`, `a mapping`.
    public var shortDescription: String {
        switch value {
        case .scalar(let text, _):
            let clipped = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "'\(clipped)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The value as templates see it: strings, booleans, numbers, lists and open maps (a null is
    /// an empty string). Mapping keys are the site's own, so a map is open-ended.
    var templateValue: TemplateValue {
        switch value {
        case .scalar:
            switch resolved {
            case .null: return .text("")
            case .bool(let b): return .flag(b)
            case .int(let i): return .number(i)
            case .float(let d): return .decimal(d)
            case .string(let s): return .text(s)
            case .sequence, .mapping: return .text("")
            }
        case .sequence(let items): return .list(items.map(\.templateValue))
        case .mapping(let entries): return .map(Self.templateMap(entries))
        }
    }

    /// Entries as one open map; a key written twice keeps its last value, as before.
    static func templateMap(_ entries: [Entry]) -> [String: TemplateValue] {
        var map: [String: TemplateValue] = [:]
        for entry in entries { map[entry.key] = entry.value.templateValue }
        return map
    }
}
