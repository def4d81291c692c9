/// Renders compiled templates against lowered template data (`TemplateValue`), appending UTF-8
/// bytes to one buffer. Values are told apart by their case: no dynamic casts on the hot path.
struct TemplateRenderer: Sendable {
    let templates: [String: [TemplateNode]]
    /// Partials and parents nested deeper than this stop the page: a template that includes
    /// itself without end would otherwise overflow the stack.
    static let maximumNesting = 100

    /// A block of a child template, in force while its parent renders.
    private struct Override {
        var nodes: [TemplateNode]
        /// The template it is written in.
        var template: String
    }

    private struct State {
        var output: [UInt8] = []
        var stack: [TemplateValue]
        var overrides: [String: Override] = [:]
        var indentation: [UInt8] = []
        /// The partials and parents being expanded, outermost first.
        var including: [String] = []
        var tooDeep: [String]?
        /// The template the nodes being rendered are written in (a block override is its child's).
        var template: String
        /// What wrote each run of the output, when asked for (`check`).
        var trace: [TemplateWrite] = []
        /// A plain flag: testing the optional array for nil on every node copied it.
        var isTracing = false
    }

    /// The page, or the chain of templates that nests too deep; with `tracing`, also which
    /// template text and tag wrote each run of it.
    func render(_ name: String, context: TemplateValue, tracing: Bool = false) -> Result<
        (bytes: [UInt8], trace: [TemplateWrite]?), TemplateNestingError
    > {
        guard let nodes = templates[name] else { return .success(([], tracing ? [] : nil)) }
        var state = State(stack: [context], template: name)
        state.output.reserveCapacity(32 * 1024)
        state.including = [name]
        state.isTracing = tracing
        render(nodes, &state)
        if let chain = state.tooDeep { return .failure(TemplateNestingError(chain: chain)) }
        return .success((state.output, tracing ? state.trace : nil))
    }

    func render(_ name: String, context: TemplateValue) -> Result<[UInt8], TemplateNestingError> {
        render(name, context: context, tracing: false).map(\.bytes)
    }

    /// Expands a partial or parent unless the nesting limit is reached.
    private func include(_ name: String, _ nodes: [TemplateNode], _ state: inout State) {
        guard state.tooDeep == nil else { return }
        guard state.including.count < Self.maximumNesting else {
            state.tooDeep = state.including + [name]
            return
        }
        state.including.append(name)
        let template = state.template
        state.template = name
        render(nodes, &state)
        state.template = template
        state.including.removeLast()
    }

    private func render(_ nodes: [TemplateNode], from start: Int = 0, _ state: inout State) {
        for node in nodes[start...] {
            switch node {
            case .text(let bytes, let offset):
                if state.isTracing {
                    state.trace.append(TemplateWrite(start: state.output.count, template: state.template, offset: offset, isText: true))
                }
                state.output.append(contentsOf: bytes)
            case .lineStart:
                if !state.indentation.isEmpty { state.output.append(contentsOf: state.indentation) }
            case .value(let name, let escaped):
                guard let value = Self.resolve(name, in: state.stack) else { continue }
                if state.isTracing {
                    state.trace.append(TemplateWrite(start: state.output.count, template: state.template, offset: name.offset, isText: false))
                }
                Self.write(value, escaped: escaped, to: &state.output)
            case .section(let name, let children):
                guard let value = Self.resolve(name, in: state.stack) else { continue }
                renderSection(value, children, &state)
            case .invertedSection(let name, let children):
                if Self.isFalsey(Self.resolve(name, in: state.stack)) { render(children, &state) }
            case .partial(let name, let indentation):
                guard let partial = templates[name] else { continue }
                let saved = state.indentation
                state.indentation += indentation
                include(name, partial, &state)
                state.indentation = saved
            case .parent(let name, let indentation, let overrides):
                guard let parent = templates[name] else { continue }
                let saved = (state.indentation, state.overrides)
                state.indentation += indentation
                // The most derived template's blocks win: those already in force stay.
                for (block, nodes) in overrides where state.overrides[block] == nil {
                    state.overrides[block] = Override(nodes: nodes, template: state.template)
                }
                include(name, parent, &state)
                (state.indentation, state.overrides) = saved
            case .block(let name, let defaults, let indentation, let startsLine):
                let saved = state.indentation
                state.indentation += indentation
                let override = state.overrides[name]
                let content = override?.nodes ?? defaults
                let template = state.template
                if let override { state.template = override.template }
                // Placed mid-line, the block continues that line: no indentation before its content.
                if !startsLine, case .lineStart? = content.first { render(content, from: 1, &state) } else { render(content, &state) }
                state.template = template
                state.indentation = saved
            }
        }
    }

    private func renderSection(_ value: TemplateValue, _ children: [TemplateNode], _ state: inout State) {
        switch value {
        case .flag(let flag):
            if flag { render(children, &state) }
        case .list(let items):
            for item in items {
                state.stack.append(item)
                render(children, &state)
                state.stack.removeLast()
            }
        default:
            state.stack.append(value)
            render(children, &state)
            state.stack.removeLast()
        }
    }

    /// Absent, `false` and empty lists; everything else (an empty string, zero) opens a section.
    private static func isFalsey(_ value: TemplateValue?) -> Bool {
        switch value {
        case .none: return true
        case .flag(let flag)?: return !flag
        case .list(let items)?: return items.isEmpty
        default: return false
        }
    }

    /// Finds `name` in the innermost value that has its first key, then follows the other keys.
    private static func resolve(_ name: TemplateName, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = name.keys.first else { return stack.last }
        var found: TemplateValue?
        if name.isAnchored {
            found = stack[stack.count - 1].child(first)
        } else {
            var index = stack.count - 1
            while index >= 0 {
                if let child = stack[index].child(first) { found = child; break }
                index -= 1
            }
        }
        for key in name.keys.dropFirst() {
            guard let value = found else { return nil }
            found = value.child(key)
        }
        return found
    }

    /// An escaped value is inline text (a title, a name, a date) beside the template's own text,
    /// so its bidi controls are balanced: an unterminated override cannot reach past it, even in
    /// `<title>` or an attribute, where `<bdi>` cannot go. Raw (`{{{…}}}`) values are markup.
    /// Lists and objects write nothing (the template check names such tags).
    private static func write(_ value: TemplateValue, escaped: Bool, to output: inout [UInt8]) {
        switch value {
        case .text(let text):
            if escaped { HTMLEscaping.append(TextHygiene.balancingBidiControls(text), to: &output) } else { output.append(contentsOf: text.utf8) }
        case .markup(let html):
            if escaped {
                HTMLEscaping.append(TextHygiene.balancingBidiControls(String(decoding: html, as: UTF8.self)), to: &output)
            } else {
                output.append(contentsOf: html)
            }
        case .number(let number):
            output.append(contentsOf: String(number).utf8)
        case .decimal(let number):
            output.append(contentsOf: String(describing: number).utf8)
        case .flag(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .list, .object, .map:
            break
        }
    }
}

/// Templates that include one another without end: the chain from the page's layout.
struct TemplateNestingError: Error, Equatable {
    let chain: [String]
}
