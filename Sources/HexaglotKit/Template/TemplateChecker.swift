/// Checks, before anything is rendered, that every name a template uses exists in the data it
/// is rendered with: the shapes of the typed template data (`PageContext` and what it holds).
/// A typo such as `{{page.titel}}` would otherwise render as nothing on every page.
///
/// Templates are followed as the renderer follows them (sections push the element's shape,
/// partials and parents are checked where they are included, blocks with the overrides in
/// force), so a partial is checked in each context it is used in.
struct TemplateChecker {
    let templates: [String: [TemplateNode]]
    let texts: [String: [UInt8]]
    let displayPath: String
    /// UI string keys of any language: an `i18n` key outside them is warned about.
    let knownStrings: Set<String>

    private(set) var problems: Set<Diagnostic> = []

    /// Nodes with the template file they are written in (a child's blocks live in the child).
    private struct Overrides {
        var blocks: [String: (nodes: [TemplateNode], template: String)] = [:]
    }

    init(templates: [String: [TemplateNode]], texts: [String: [UInt8]], displayPath: String, knownStrings: Set<String>) {
        self.templates = templates
        self.texts = texts
        self.displayPath = displayPath
        self.knownStrings = knownStrings
    }

    /// Checks the layout `name` rendered with values of `root`'s shape.
    mutating func check(layout name: String, root: TemplateShape) {
        guard let nodes = templates[name] else { return }
        check(nodes, in: name, stack: [.object(root)], overrides: Overrides(), depth: 0)
    }

    private mutating func check(_ nodes: [TemplateNode], in template: String, stack: [TemplateKind], overrides: Overrides, depth: Int) {
        // Deeper nesting is an endless inclusion, which rendering reports with its chain.
        guard depth < TemplateRenderer.maximumNesting else { return }
        for node in nodes {
            switch node {
            case .text, .lineStart:
                continue
            case .value(let name, _):
                guard let kind = resolve(name, in: template, stack: stack) else { continue }
                switch kind {
                case .list, .object, .keyed:
                    report(
                        .error(
                            "template error: '\(name)' is \(Self.article(kind)); it cannot be written as text\(Self.hint(name, kind))",
                            at: location(name.offset, in: template)))
                default:
                    continue
                }
            case .section(let name, let children):
                guard let kind = resolve(name, in: template, stack: stack) else { continue }
                switch kind {
                case .flag: check(children, in: template, stack: stack, overrides: overrides, depth: depth)
                case .list(let element): check(children, in: template, stack: stack + [element], overrides: overrides, depth: depth)
                default: check(children, in: template, stack: stack + [kind], overrides: overrides, depth: depth)
                }
            case .invertedSection(let name, let children):
                _ = resolve(name, in: template, stack: stack)
                check(children, in: template, stack: stack, overrides: overrides, depth: depth)
            case .partial(let name, _):
                guard let partial = templates[name] else { continue }
                check(partial, in: name, stack: stack, overrides: overrides, depth: depth + 1)
            case .parent(let name, _, let blocks):
                guard let parent = templates[name] else { continue }
                var inForce = overrides
                // The most derived template's blocks win: those already in force stay.
                for (block, nodes) in blocks where inForce.blocks[block] == nil { inForce.blocks[block] = (nodes, template) }
                check(parent, in: name, stack: stack, overrides: inForce, depth: depth + 1)
            case .block(let name, let defaults, _, _):
                if let override = overrides.blocks[name] {
                    check(override.nodes, in: override.template, stack: stack, overrides: overrides, depth: depth)
                } else {
                    check(defaults, in: template, stack: stack, overrides: overrides, depth: depth)
                }
            }
        }
    }

    /// The kind `name` has where it is used, as the renderer looks it up (the innermost value
    /// with the first key, then the others); nil, and a problem, when nothing there has it.
    private mutating func resolve(_ name: TemplateName, in template: String, stack: [TemplateKind]) -> TemplateKind? {
        guard let first = name.keys.first?.text else { return stack.last }
        let frames = name.isAnchored ? [stack[stack.count - 1]] : Array(stack.reversed())
        var found: TemplateKind?
        for frame in frames {
            if let kind = Self.child(first, of: frame) { found = kind; break }
        }
        guard var kind = found else {
            let names = frames.flatMap(Self.fieldNames)
            report(
                .error(
                    "template error: there is no field '\(name)' here\(Self.suggestion(for: first, among: names, keys: name.keys.map(\.text)))",
                    at: location(name.offset, in: template)))
            return nil
        }
        var path = [first]
        for key in name.keys.dropFirst().map(\.text) {
            if case .strings = kind, !knownStrings.contains(key) {
                report(
                    .warning(
                        "'\(name)' is not a UI string: no templates/i18n file has the key '\(key)'",
                        at: location(name.offset, in: template)))
                return .text
            }
            guard let next = Self.child(key, of: kind) else {
                let owner = path.joined(separator: ".")
                let problem =
                    Self.fieldNames(of: kind).isEmpty
                    ? "'\(owner)' is \(Self.article(kind)); it has no field '\(key)'"
                    : "'\(owner)' has no field '\(key)'" + Self.suggestion(for: key, among: Self.fieldNames(of: kind), keys: path + [key])
                report(.error("template error: " + problem, at: location(name.offset, in: template)))
                return nil
            }
            path.append(key)
            kind = next
        }
        return kind
    }

    private static func child(_ key: String, of kind: TemplateKind) -> TemplateKind? {
        switch kind {
        case .object(let shape): return shape.field(key)?.kind
        case .open: return .open
        case .keyed(let shape): return .object(shape)
        case .strings: return .text
        default: return nil
        }
    }

    private static func fieldNames(of kind: TemplateKind) -> [String] {
        if case .object(let shape) = kind { return shape.fields.map(\.name) }
        return []
    }

    private static func article(_ kind: TemplateKind) -> String {
        switch kind {
        case .list: return "a " + kind.description
        case .object(let shape): return "a " + shape.name
        default: return kind.description
        }
    }

    private static func hint(_ name: TemplateName, _ kind: TemplateKind) -> String {
        switch kind {
        case .list: return " (go through it with {{#\(name)}}…{{/\(name)}})"
        case .object(let shape): return " (write one of its fields: \(shape.fields.map(\.name).joined(separator: ", ")))"
        default: return ""
        }
    }

    /// `; did you mean page.title?` for the nearest name, when one is near enough.
    private static func suggestion(for key: String, among names: [String], keys: [String]) -> String {
        let scored = names.map { (name: $0, distance: EditDistance.between(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance || $0.distance == $1.distance && $0.name < $1.name }),
            best.distance <= max(2, key.count / 3)
        else { return "" }
        return "; did you mean \((keys.dropLast() + [best.name]).joined(separator: "."))?"
    }

    private mutating func report(_ diagnostic: Diagnostic) {
        problems.insert(diagnostic)
    }

    private func location(_ offset: Int, in template: String) -> SourceLocation {
        let file = "\(displayPath)/\(template).mustache"
        guard let bytes = texts[template] else { return SourceLocation(file: file) }
        let (line, column) = LineIndex(bytes).position(of: min(offset, bytes.count))
        return SourceLocation(file: file, line: line, column: column)
    }
}
