/// Renders compiled templates against lowered template data (`TemplateValue`), appending UTF-8
/// bytes to one buffer. Values are told apart by their case: no dynamic casts on the hot path.
struct TemplateRenderer: Sendable {
    let templates: [String: [TemplateNode]]
    private let program: TemplateProgram
    /// Partials and parents nested deeper than this stop the page: a template that includes
    /// itself without end would otherwise overflow the stack.
    static let maximumNesting = 100

    /// A block of a child template, in force while its parent renders.
    private struct ActiveOverride {
        var block: Int32
        var start: Int32
        var end: Int32
        /// The template it is written in.
        var template: Int32
    }

    private struct State {
        var output: [UInt8] = []
        var stack: [TemplateValue]
        /// The first one for a block wins: the most derived template's.
        var overrides: [ActiveOverride] = []
        var indentation: [UInt8] = []
        /// The partials and parents being expanded, outermost first.
        var including: [Int32] = []
        var tooDeep: [String]?
        /// The template the instructions being run are written in (a block override is its child's).
        var template: Int32
        /// What wrote each run of the output, when asked for (`check`).
        var trace: [TemplateWrite] = []
        var isTracing = false
    }

    init(templates: [String: [TemplateNode]]) {
        self.templates = templates
        program = TemplateProgram(templates)
    }

    /// The page, or the chain of templates that nests too deep; with `tracing`, also which
    /// template text and tag wrote each run of it.
    func render(_ name: String, context: TemplateValue, tracing: Bool = false) -> Result<
        (bytes: [UInt8], trace: [TemplateWrite]?), TemplateNestingError
    > {
        let template = program.template(name)
        guard template >= 0 else { return .success(([], tracing ? [] : nil)) }
        var state = State(stack: [context], template: template)
        state.output.reserveCapacity(32 * 1024)
        state.including = [template]
        state.isTracing = tracing
        let body = program.bodies[Int(template)]
        program.instructions.withUnsafeBufferPointer { instructions in
            program.bytes.withUnsafeBufferPointer { bytes in
                let walker = Walker(program: program, instructions: instructions, bytes: bytes)
                walker.run(body.lowerBound, body.upperBound, &state)
            }
        }
        if let chain = state.tooDeep { return .failure(TemplateNestingError(chain: chain)) }
        return .success((state.output, tracing ? state.trace : nil))
    }

    func render(_ name: String, context: TemplateValue) -> Result<[UInt8], TemplateNestingError> {
        render(name, context: context, tracing: false).map(\.bytes)
    }

    /// Runs the program over buffers it borrows for the whole page.
    private struct Walker {
        let program: TemplateProgram
        let instructions: UnsafeBufferPointer<TemplateProgram.Instruction>
        let bytes: UnsafeBufferPointer<UInt8>

        private func append(_ range: TemplateProgram.ByteRange, to output: inout [UInt8]) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(range.start)..<Int(range.start + range.count)]))
        }

        /// Expands a partial or parent unless the nesting limit is reached.
        private func include(_ template: Int32, _ state: inout State) {
            guard state.tooDeep == nil else { return }
            guard state.including.count < TemplateRenderer.maximumNesting else {
                state.tooDeep = (state.including + [template]).map { program.templateNames[Int($0)] }
                return
            }
            state.including.append(template)
            let outer = state.template
            state.template = template
            let body = program.bodies[Int(template)]
            run(body.lowerBound, body.upperBound, &state)
            state.template = outer
            state.including.removeLast()
        }

        func run(_ start: Int32, _ end: Int32, _ state: inout State) {
            var index = Int(start)
            let end = Int(end)
            while index < end {
                let instruction = instructions[index]
                index += 1
                switch instruction {
                case .text(let start, let count, let offset):
                    if state.isTracing {
                        state.trace.append(
                            TemplateWrite(
                                start: state.output.count, template: program.templateNames[Int(state.template)], offset: Int(offset), isText: true))
                    }
                    state.output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(start + count)]))
                case .lineStart:
                    if !state.indentation.isEmpty { state.output.append(contentsOf: state.indentation) }
                case .value(let name, let escaped):
                    guard let value = resolve(name, in: state.stack) else { continue }
                    if state.isTracing {
                        state.trace.append(
                            TemplateWrite(
                                start: state.output.count, template: program.templateNames[Int(state.template)],
                                offset: Int(program.names[Int(name)].offset), isText: false))
                    }
                    TemplateRenderer.write(value, escaped: escaped, to: &state.output)
                case .section(let name, let sectionEnd):
                    if let value = resolve(name, in: state.stack) { renderSection(value, Int32(index), sectionEnd, &state) }
                    index = Int(sectionEnd)
                case .invertedSection(let name, let sectionEnd):
                    if TemplateRenderer.isFalsey(resolve(name, in: state.stack)) { run(Int32(index), sectionEnd, &state) }
                    index = Int(sectionEnd)
                case .partial(let template, let indentation):
                    guard template >= 0 else { continue }
                    let saved = state.indentation.count
                    append(indentation, to: &state.indentation)
                    include(template, &state)
                    state.indentation.removeLast(state.indentation.count - saved)
                case .parent(let template, let indentation, let defined, let parentEnd):
                    index = Int(parentEnd)
                    guard template >= 0 else { continue }
                    let saved = (state.indentation.count, state.overrides.count)
                    append(indentation, to: &state.indentation)
                    // The most derived template's blocks win: those already in force stay.
                    for entry in program.overrides[Int(defined.start)..<Int(defined.start + defined.count)]
                    where !state.overrides.contains(where: { $0.block == entry.block }) {
                        state.overrides.append(ActiveOverride(block: entry.block, start: entry.start, end: entry.end, template: state.template))
                    }
                    include(template, &state)
                    state.indentation.removeLast(state.indentation.count - saved.0)
                    state.overrides.removeLast(state.overrides.count - saved.1)
                case .block(let block, let blockEnd, let indentation, let startsLine):
                    let saved = state.indentation.count
                    append(indentation, to: &state.indentation)
                    let outer = state.template
                    var content = (start: Int32(index), end: blockEnd)
                    if let override = state.overrides.first(where: { $0.block == block }) {
                        content = (override.start, override.end)
                        state.template = override.template
                    }
                    // Placed mid-line, the block continues that line: no indentation before its content.
                    if !startsLine, content.start < content.end, case .lineStart = instructions[Int(content.start)] { content.start += 1 }
                    run(content.start, content.end, &state)
                    state.template = outer
                    state.indentation.removeLast(state.indentation.count - saved)
                    index = Int(blockEnd)
                }
            }
        }

        private func renderSection(_ value: TemplateValue, _ start: Int32, _ end: Int32, _ state: inout State) {
            switch value {
            case .flag(let flag):
                if flag { run(start, end, &state) }
            case .list(let items):
                for item in items {
                    state.stack.append(item)
                    run(start, end, &state)
                    state.stack.removeLast()
                }
            default:
                state.stack.append(value)
                run(start, end, &state)
                state.stack.removeLast()
            }
        }

        /// Finds the name in the innermost value that has its first key, then follows the other keys.
        private func resolve(_ nameIndex: Int32, in stack: [TemplateValue]) -> TemplateValue? {
            let name = program.names[Int(nameIndex)]
            guard name.keyCount > 0 else { return stack.last }
            let first = Int(name.firstKey)
            var found: TemplateValue?
            if name.isAnchored {
                found = child(of: stack[stack.count - 1], key: first)
            } else {
                var index = stack.count - 1
                while index >= 0 {
                    if let value = child(of: stack[index], key: first) { found = value; break }
                    index -= 1
                }
            }
            var key = first + 1
            while key < first + Int(name.keyCount) {
                guard let value = found else { return nil }
                found = child(of: value, key: key)
                key += 1
            }
            return found
        }

        @inline(__always)
        private func child(of value: TemplateValue, key: Int) -> TemplateValue? {
            switch value {
            case .object(let object): return object[id: program.keyIDs[key]]
            case .map(let map): return map[program.keys[key].text]
            default: return nil
            }
        }
    }

    /// Absent, `false` and empty lists; everything else (an empty string, zero) opens a section.
    fileprivate static func isFalsey(_ value: TemplateValue?) -> Bool {
        switch value {
        case .none: return true
        case .flag(let flag)?: return !flag
        case .list(let items)?: return items.isEmpty
        default: return false
        }
    }

    /// An escaped value is inline text (a title, a name, a date) beside the template's own text,
    /// so its bidi controls are balanced: an unterminated override cannot reach past it, even in
    /// `<title>` or an attribute, where `<bdi>` cannot go. Raw (`{{{…}}}`) values are markup.
    /// Lists and objects write nothing (the template check names such tags).
    fileprivate static func write(_ value: TemplateValue, escaped: Bool, to output: inout [UInt8]) {
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
