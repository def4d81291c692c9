/// A language's UI strings by key (`templates/i18n/<code>.yaml`).
struct UIStrings: TemplateLowerable, Sendable {
    let value: TemplateValue
    init(_ strings: [String: String]) { value = .map(strings.mapValues(TemplateValue.text)) }
    static var templateKind: TemplateKind { .strings }
    var templateValue: TemplateValue? { value }
}
