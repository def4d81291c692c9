/// The JSON values `XMLEscaping.jsonForScript` writes (schema.org data: text, lists, objects).
public enum ScriptJSON: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case array([ScriptJSON])
    case object([String: ScriptJSON])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: ScriptJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, ScriptJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
