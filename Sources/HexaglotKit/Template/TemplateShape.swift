/// The fields a typed template value has: their names, kinds and meaning. Templates are checked
/// against shapes before anything is rendered (`TemplateChecker`), and the README's list of
/// template fields is made from them.
final class TemplateShape: Sendable {
    /// How the README and messages name values of this shape (`page`, `list entry`).
    let name: String
    let summary: String
    let fields: [TemplateField]
    private let slots: [String: Int]
    /// The slot of each key by its `TemplateKey.id` (-1: no such field), for the renderer.
    private let slotsByKey: [Int]

    init(_ name: String, _ summary: String, fields: [TemplateField]) {
        self.name = name
        self.summary = summary
        self.fields = fields
        var slots: [String: Int] = [:]
        for (slot, field) in fields.enumerated() {
            precondition(slots.updateValue(slot, forKey: field.name) == nil, "\(name): field '\(field.name)' twice")
        }
        self.slots = slots
        let ids = fields.map { TemplateKeyRegistry.shared.id(of: $0.name) }
        var slotsByKey = [Int](repeating: -1, count: (ids.max() ?? -1) + 1)
        for (slot, id) in ids.enumerated() { slotsByKey[id] = slot }
        self.slotsByKey = slotsByKey
    }

    @inline(__always)
    func slot(of key: TemplateKey) -> Int? {
        guard key.id < slotsByKey.count else { return nil }
        let slot = slotsByKey[key.id]
        return slot < 0 ? nil : slot
    }

    func field(_ key: String) -> TemplateField? { slots[key].map { fields[$0] } }
}

/// One field of a shape.
struct TemplateField: Sendable {
    let name: String
    let kind: TemplateKind
    /// Some values of the shape have no such field (a page without a date).
    let isOptional: Bool
    let documentation: String
}

/// What a field holds, as far as a template can tell.
indirect enum TemplateKind: Sendable {
    case text
    case markup
    case number
    case flag
    case list(TemplateKind)
    case object(TemplateShape)
    /// The site's own keys (`params`): any name may be looked up in it.
    case open
    /// UI strings by key (`i18n`): a key no language has is warned about.
    case strings

    /// `text`, `list of page entry`: as the README shows it.
    var description: String {
        switch self {
        case .text: return "text"
        case .markup: return "HTML"
        case .number: return "number"
        case .flag: return "true/false"
        case .list(let element): return "list of " + element.description
        case .object(let shape): return shape.name
        case .open: return "the site's own keys"
        case .strings: return "UI strings by key"
        }
    }
}

/// A Swift value that templates can see.
protocol TemplateLowerable: SendableMetatype {
    static var templateKind: TemplateKind { get }
    static var isOptional: Bool { get }
    /// Nil when absent: the template then looks further out, as Mustache does for a missing key.
    var templateValue: TemplateValue? { get }
}

extension TemplateLowerable {
    static var isOptional: Bool { false }
}

/// A Swift type whose stored fields templates see, declared once in `templateFields`: the shape
/// (for checking and the README) and the lowering come from the same list, so they cannot drift.
protocol TemplateData: TemplateLowerable {
    static var templateFields: TemplateFields<Self> { get }
}

extension TemplateData {
    static var templateKind: TemplateKind { .object(templateFields.shape) }

    var templateValue: TemplateValue? { .object(lowered) }

    var lowered: TemplateObject {
        let fields = Self.templateFields
        return TemplateObject(shape: fields.shape, slots: fields.lowerings.map { $0(self) })
    }
}

/// A type's template fields: its shape, and for each field how to lower it from a value.
struct TemplateFields<Root>: Sendable {
    struct Field {
        let field: TemplateField
        let lowering: @Sendable (Root) -> TemplateValue?
    }

    let shape: TemplateShape
    let lowerings: [@Sendable (Root) -> TemplateValue?]

    init(_ name: String, _ summary: String, _ fields: [Field]) {
        shape = TemplateShape(name, summary, fields: fields.map(\.field))
        lowerings = fields.map(\.lowering)
    }
}

extension TemplateFields.Field {
    static func field<Value: TemplateLowerable>(
        _ name: String, _ path: KeyPath<Root, Value> & Sendable,
        _ documentation: String
    ) -> Self {
        Self(
            field: TemplateField(name: name, kind: Value.templateKind, isOptional: Value.isOptional, documentation: documentation),
            lowering: { $0[keyPath: path].templateValue })
    }
}

extension String: TemplateLowerable {
    static var templateKind: TemplateKind { .text }
    var templateValue: TemplateValue? { .text(self) }
}

extension Int: TemplateLowerable {
    static var templateKind: TemplateKind { .number }
    var templateValue: TemplateValue? { .number(self) }
}

extension Bool: TemplateLowerable {
    static var templateKind: TemplateKind { .flag }
    var templateValue: TemplateValue? { .flag(self) }
}

extension Array: TemplateLowerable where Element: TemplateLowerable {
    static var templateKind: TemplateKind { .list(Element.templateKind) }
    var templateValue: TemplateValue? { .list(compactMap(\.templateValue)) }
}

extension Optional: TemplateLowerable where Wrapped: TemplateLowerable {
    static var templateKind: TemplateKind { Wrapped.templateKind }
    static var isOptional: Bool { true }
    var templateValue: TemplateValue? { self?.templateValue }
}

/// HTML made by the build (a rendered body, JSON-LD), for `{{{…}}}`.
struct Markup: TemplateLowerable, Sendable {
    var html: [UInt8]

    init(html: [UInt8]) { self.html = html }
    init(html: String) { self.html = Array(html.utf8) }

    static var templateKind: TemplateKind { .markup }
    var templateValue: TemplateValue? { .markup(html) }
}

/// Values whose keys are the site's own: front matter `params`, site.yaml `params`.
struct OpenValues: TemplateLowerable, Sendable {
    var value: TemplateValue
    static var templateKind: TemplateKind { .open }
    var templateValue: TemplateValue? { value }
}

/// A value already lowered, shared by many pages (a list entry made once per page, the
/// language's values): lowering it again would only copy it.
struct Lowered<Data: TemplateData>: TemplateLowerable, Sendable {
    let object: TemplateObject
    init(_ data: Data) { object = data.lowered }
    static var templateKind: TemplateKind { Data.templateKind }
    var templateValue: TemplateValue? { .object(object) }
}

/// A language's UI strings by key (`templates/i18n/<code>.yaml`).
struct UIStrings: TemplateLowerable, Sendable {
    let value: TemplateValue
    init(_ strings: [String: String]) { value = .map(strings.mapValues(TemplateValue.text)) }
    static var templateKind: TemplateKind { .strings }
    var templateValue: TemplateValue? { value }
}
