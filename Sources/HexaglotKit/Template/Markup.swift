/// HTML made by the build (a rendered body, JSON-LD), for `{{{…}}}`.
struct Markup: TemplateLowerable, Sendable {
    var html: [UInt8]

    init(html: [UInt8]) { self.html = html }
    init(html: String) { self.html = Array(html.utf8) }

    static var templateKind: TemplateKind { .markup }
    var templateValue: TemplateValue? { .markup(html) }
}
