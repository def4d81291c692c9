/// Every template of a set compiled into one flat list of instructions whose payloads are plain
/// integers, so walking them copies nothing that is reference counted. Walking the
/// `TemplateNode` tree retained and released each node's arrays on every visit: about a tenth
/// of a build's CPU time on the benchmark corpus.
struct TemplateProgram: Sendable {
    /// One step. Content (a section's, a block's defaults, a parent's block definitions) follows
    /// its instruction and ends where `end` says.
    enum Instruction: Sendable {
        /// `count` bytes of `bytes` from `start`, written at `offset` in its template.
        case text(start: Int32, count: Int32, offset: Int32)
        case lineStart
        case value(name: Int32, escaped: Bool)
        case section(name: Int32, end: Int32)
        case invertedSection(name: Int32, end: Int32)
        /// `template` is -1 for a template that does not exist: it renders as nothing.
        case partial(template: Int32, indentation: ByteRange)
        /// Its blocks are `overrides` (a range of `overrides`), their content up to `end`.
        case parent(template: Int32, indentation: ByteRange, overrides: ByteRange, end: Int32)
        case block(name: Int32, end: Int32, indentation: ByteRange, startsLine: Bool)
    }

    /// A run of `bytes` (or of `overrides`).
    struct ByteRange: Sendable {
        var start: Int32
        var count: Int32
    }

    /// A block a parent tag defines: its name and its content's instructions.
    struct Override: Sendable {
        var block: Int32
        var start: Int32
        var end: Int32
    }

    /// A tag's name with its keys in `keyIDs` / `keys` from `firstKey`.
    struct Name: Sendable {
        var firstKey: Int32
        var keyCount: Int32
        var isAnchored: Bool
        var offset: Int32
    }

    private(set) var instructions: [Instruction] = []
    private(set) var bytes: [UInt8] = []
    private(set) var names: [Name] = []
    /// Each key's number (`TemplateKey.id`), for typed values, beside the key itself for maps.
    private(set) var keyIDs: [Int] = []
    private(set) var keys: [TemplateKey] = []
    private(set) var overrides: [Override] = []
    /// Each template's instructions, by its index in `templateNames`.
    private(set) var bodies: [Range<Int32>] = []
    let templateNames: [String]
    private let indexes: [String: Int32]
    private var blockIndexes: [String: Int32] = [:]

    init(_ templates: [String: [TemplateNode]]) {
        templateNames = templates.keys.sorted()
        indexes = Dictionary(uniqueKeysWithValues: templateNames.enumerated().map { ($0.element, Int32($0.offset)) })
        for name in templateNames {
            let start = Int32(instructions.count)
            emit(templates[name]!)
            bodies.append(start..<Int32(instructions.count))
        }
    }

    /// The index of the template called `name`, or -1.
    func template(_ name: String) -> Int32 { indexes[name] ?? -1 }

    private mutating func emit(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let text, let offset):
                instructions.append(.text(start: Int32(bytes.count), count: Int32(text.count), offset: Int32(offset)))
                bytes += text
            case .lineStart:
                instructions.append(.lineStart)
            case .value(let name, let escaped):
                instructions.append(.value(name: intern(name), escaped: escaped))
            case .section(let name, let children):
                let at = open()
                emit(children)
                instructions[at] = .section(name: intern(name), end: Int32(instructions.count))
            case .invertedSection(let name, let children):
                let at = open()
                emit(children)
                instructions[at] = .invertedSection(name: intern(name), end: Int32(instructions.count))
            case .partial(let name, let indentation):
                instructions.append(.partial(template: template(name), indentation: store(indentation)))
            case .parent(let name, let indentation, let blocks):
                let at = open()
                var defined: [Override] = []
                // Sorted by name: the same program, byte for byte, whatever the dictionary's order.
                for (block, content) in blocks.sorted(by: { $0.key < $1.key }) {
                    let start = Int32(instructions.count)
                    emit(content)
                    defined.append(Override(block: blockIndex(block), start: start, end: Int32(instructions.count)))
                }
                let range = ByteRange(start: Int32(overrides.count), count: Int32(defined.count))
                overrides += defined
                instructions[at] = .parent(
                    template: template(name), indentation: store(indentation), overrides: range, end: Int32(instructions.count))
            case .block(let name, let defaults, let indentation, let startsLine):
                let at = open()
                emit(defaults)
                instructions[at] = .block(
                    name: blockIndex(name), end: Int32(instructions.count), indentation: store(indentation), startsLine: startsLine)
            }
        }
    }

    /// A place for an instruction whose `end` is known once its content is emitted.
    private mutating func open() -> Int {
        instructions.append(.lineStart)
        return instructions.count - 1
    }

    private mutating func store(_ run: [UInt8]) -> ByteRange {
        defer { bytes += run }
        return ByteRange(start: Int32(bytes.count), count: Int32(run.count))
    }

    private mutating func intern(_ name: TemplateName) -> Int32 {
        names.append(Name(firstKey: Int32(keys.count), keyCount: Int32(name.keys.count), isAnchored: name.isAnchored, offset: Int32(name.offset)))
        keys += name.keys
        keyIDs += name.keys.map(\.id)
        return Int32(names.count - 1)
    }

    private mutating func blockIndex(_ name: String) -> Int32 {
        if let index = blockIndexes[name] { return index }
        let index = Int32(blockIndexes.count)
        blockIndexes[name] = index
        return index
    }
}
