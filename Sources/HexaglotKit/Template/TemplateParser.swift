/// Builds the node tree of one template from its tokens, checking that sections nest.
struct TemplateParser {
    private struct OpenTag {
        let token: TemplateToken
        var nodes: [TemplateNode] = []
        /// For a parent tag: the blocks its content defines.
        var overrides: [String: [TemplateNode]] = [:]
        var isBlockDefinition = false
    }

    /// A parsed template and the partials and parents it names, with the offsets of their names.
    struct Result {
        let nodes: [TemplateNode]
        let references: [(name: String, offset: Int)]
    }

    /// Parses a whole template.
    static func parse(_ bytes: [UInt8]) throws(TemplateSyntaxError) -> Result {
        var tokenizer = TemplateTokenizer(bytes)
        let tokens = try tokenizer.tokens()
        let nodes = try TemplateParser().build(tokens)
        let references = tokens.filter { $0.kind == .partial || $0.kind == .parent }.map { ($0.name, $0.offset) }
        return Result(nodes: nodes, references: references)
    }

    private func build(_ tokens: [TemplateToken]) throws(TemplateSyntaxError) -> [TemplateNode] {
        var stack = [OpenTag(token: .init(kind: .section, offset: 0))]
        for token in tokens {
            switch token.kind {
            case .text, .newline:
                append(.text(Array(token.bytes), offset: token.offset), to: &stack)
            case .lineStart:
                append(.lineStart, to: &stack)
            case .value, .rawValue:
                append(.value(TemplateName(token.name, offset: token.offset), escaped: token.kind == .value), to: &stack)
            case .partial:
                append(.partial(token.name, indentation: token.indentation), to: &stack)
            case .section, .invertedSection, .parent, .block:
                var open = OpenTag(token: token)
                open.isBlockDefinition = token.kind == .block && stack[stack.count - 1].token.kind == .parent
                stack.append(open)
            case .close:
                try close(token, in: &stack)
            case .comment, .delimiters:
                break
            }
        }
        if stack.count > 1 {
            let open = stack[stack.count - 1].token
            throw TemplateSyntaxError(message: "section '\(open.name)' is opened but never closed", offset: open.offset)
        }
        return stack[0].nodes
    }

    private func close(_ token: TemplateToken, in stack: inout [OpenTag]) throws(TemplateSyntaxError) {
        guard stack.count > 1 else {
            throw TemplateSyntaxError(message: "'\(token.name)' is closed but was never opened", offset: token.offset)
        }
        let open = stack.removeLast()
        guard open.token.name == token.name else {
            throw TemplateSyntaxError(message: "a section is closed with the wrong name", offset: token.offset)
        }
        let name = open.token.name
        switch open.token.kind {
        case .section:
            append(.section(TemplateName(name, offset: open.token.offset), open.nodes), to: &stack)
        case .invertedSection:
            append(.invertedSection(TemplateName(name, offset: open.token.offset), open.nodes), to: &stack)
        case .parent:
            append(.parent(name, indentation: open.token.indentation, overrides: open.overrides), to: &stack)
        default:
            if open.isBlockDefinition {
                // The first definition wins, as in a dictionary literal read top to bottom.
                if stack[stack.count - 1].overrides[name] == nil { stack[stack.count - 1].overrides[name] = open.nodes }
            } else {
                append(
                    .block(name, defaults: open.nodes, indentation: open.token.indentation, startsLine: open.token.blockStartsLine),
                    to: &stack)
            }
        }
    }

    /// Adds a node to the innermost open tag. Inside a parent tag only block definitions count;
    /// adjacent text is merged so rendering appends fewer, longer runs.
    private func append(_ node: TemplateNode, to stack: inout [OpenTag]) {
        let last = stack.count - 1
        guard stack[last].token.kind != .parent else { return }
        if case .text(let bytes, let offset) = node, case .text(let previous, let start)? = stack[last].nodes.last,
            start + previous.count == offset
        {
            stack[last].nodes[stack[last].nodes.count - 1] = .text(previous + bytes, offset: start)
        } else {
            stack[last].nodes.append(node)
        }
    }
}
