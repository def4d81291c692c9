/// A value already lowered, shared by many pages (a list entry made once per page, the
/// language's values): lowering it again would only copy it.
struct Lowered<Data: TemplateData>: TemplateLowerable, Sendable {
    let object: TemplateObject
    init(_ data: Data) { object = data.lowered }
    static var templateKind: TemplateKind { Data.templateKind }
    var templateValue: TemplateValue? { .object(object) }
}
