/// Values whose keys are the site's own: front matter `params`, site.yaml `params`.
struct OpenValues: TemplateLowerable, Sendable {
    var value: TemplateValue
    static var templateKind: TemplateKind { .open }
    var templateValue: TemplateValue? { value }
}

extension OpenValues {
    /// Front matter or site.yaml `params`.
    init(params: [YAMLNode.Entry]) {
        value = .map(YAMLNode.templateMap(params))
    }
}
