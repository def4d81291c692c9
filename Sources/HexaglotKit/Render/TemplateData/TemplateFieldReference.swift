/// The README's list of template fields, made from the shapes of the typed template data, so
/// the documentation is what the templates are checked against (a test compares the two).
enum TemplateFieldReference {
    /// The roots templates are rendered with, each with the layouts it is for.
    static let roots: [(shape: TemplateShape, layouts: String)] = [
        (PageContext.templateFields.shape, "`home`, `page`, `section`, `tag`, `tags`, `404`, `search` and layouts pages name"),
        (LanguageChoiceContext.templateFields.shape, "`languages` and `root-404`"),
    ]

    /// Markdown: one table per shape, each shape once, in the order they are first reached.
    static var markdown: String {
        var shapes: [TemplateShape] = []
        var seen: Set<String> = []
        func visit(_ kind: TemplateKind) {
            switch kind {
            case .list(let element): visit(element)
            case .keyed(let shape): visit(.object(shape))
            case .object(let shape):
                guard seen.insert(shape.name).inserted else { return }
                shapes.append(shape)
                for field in shape.fields { visit(field.kind) }
            default: break
            }
        }
        for root in roots { visit(.object(root.shape)) }
        let layouts = Dictionary(uniqueKeysWithValues: roots.map { ($0.shape.name, $0.layouts) })
        return shapes.map { shape in
            var text = "**\(shape.name)** — \(shape.summary)"
            if let forLayouts = layouts[shape.name] { text += " Layouts: \(forLayouts)." }
            text += "\n\n| field | holds | |\n|---|---|---|\n"
            for field in shape.fields {
                let optional = field.isOptional ? " (may be absent)" : ""
                text += "| `\(field.name)` | \(field.kind.description)\(optional) | \(field.documentation) |\n"
            }
            return text
        }.joined(separator: "\n")
    }
}
