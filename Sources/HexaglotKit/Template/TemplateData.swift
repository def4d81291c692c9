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
