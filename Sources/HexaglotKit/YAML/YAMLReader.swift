import Yams

/// Reads YAML text into `YAMLNode`s, mapping libyaml's positions to the file's own lines.
///
/// Everything is read with Yams' basic resolver (no implicit typing) and typed afterwards by the
/// YAML 1.2 core schema. Aliases are refused, so an alias bomb fails at its first alias, and
/// nesting is bounded, so hostile input gives an error rather than a stack overflow.
public struct YAMLReader: Sendable {
    public static let maximumDepth = 32

    /// The file the YAML comes from, relative to the site folder.
    public var file: String
    /// Lines in the file before the YAML starts (1 for front matter after its `---` line).
    public var lineOffset: Int

    public init(file: String, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
    }

    public func read(_ text: String) throws(Diagnostic) -> YAMLNode? {
        // Most front matter is a few `key: value` lines, which libyaml takes ~90 µs to compose.
        if let simple = SimpleYAMLReader(file: file, lineOffset: lineOffset).read(text) { return simple }
        return try readWithYams(text)
    }

    /// What `read` gives for text outside `SimpleYAMLReader`'s subset (and, the tests check, inside it).
    func readWithYams(_ text: String) throws(Diagnostic) -> YAMLNode? {
        let root: Node?
        do {
            // An explicit encoding: the default one reads the process environment on every call.
            root = try Yams.compose(yaml: text, Resolver.basic, .default, .utf8)
        } catch let error as YamlError {
            throw diagnostic(for: error, in: text)
        } catch {
            throw Diagnostic.error("invalid YAML: \(error)", at: location(line: 1, column: 1))
        }
        guard let root else { return nil }
        var lastMark: (line: Int, column: Int) = (0, 0)
        return try convert(root, depth: 0, lastMark: &lastMark, aliasPlace: location(of: root), text: text)
    }

    /// Text hygiene: no control characters in any value or key, reported where they were written.
    private func checkControlCharacters(_ scalar: Node.Scalar, of node: Node, isKey: Bool, text: String) throws(Diagnostic) {
        guard let (_, control) = TextHygiene.firstForbiddenControl(in: scalar.string) else { return }
        var place = location(of: node)
        if let mark = node.mark,
            let written = YAMLControlCharacters(text).place(
                inScalarAt: (mark.line, mark.column),
                doubleQuoted: scalar.style == .doubleQuoted)
        {
            place = location(line: written.line, column: written.column)
        }
        throw .error(YAMLControlCharacters.message(control, inKey: isKey), at: place)
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column)
    }

    private func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return location(line: 1, column: 1) }
        return location(line: mark.line, column: mark.column)
    }

    /// Converts in document order. Yams expands each alias into a copy of its anchored node, so a
    /// node that starts before the previous one is an alias: that is how aliases are recognised.
    private func convert(
        _ node: Node, depth: Int, lastMark: inout (line: Int, column: Int),
        aliasPlace: SourceLocation, text: String
    ) throws(Diagnostic) -> YAMLNode {
        let here = location(of: node)
        let mark = (line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        if node.mark != nil {
            guard mark >= lastMark else {
                throw .error("YAML aliases (*name) are not supported here; write the value out", at: aliasPlace)
            }
            lastMark = mark
        }
        guard depth < Self.maximumDepth else {
            throw .error("YAML nested more than \(Self.maximumDepth) levels deep", at: here)
        }
        switch node {
        case .alias:
            throw .error("YAML aliases (*name) are not supported here; write the value out", at: aliasPlace)
        case .scalar(let scalar):
            try checkControlCharacters(scalar, of: node, isKey: false, text: text)
            return YAMLNode(.scalar(scalar.string, isPlain: scalar.style == .plain && scalar.tag.rawValue.isEmpty), at: here)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            var previous = here
            for item in sequence {
                let converted = try convert(item, depth: depth + 1, lastMark: &lastMark, aliasPlace: previous, text: text)
                previous = converted.location
                items.append(converted)
            }
            return YAMLNode(.sequence(items), at: here)
        case .mapping(let mapping):
            var entries: [YAMLNode.Entry] = []
            var seen: Set<String> = []
            for (key, value) in mapping {
                let keyLocation = location(of: key)
                guard case .scalar(let keyScalar) = key else {
                    throw .error("mapping keys must be plain text", at: keyLocation)
                }
                if let keyMark = key.mark {
                    guard (keyMark.line, keyMark.column) >= lastMark else {
                        throw .error("YAML aliases (*name) are not supported here; write the value out", at: keyLocation)
                    }
                    lastMark = (keyMark.line, keyMark.column)
                }
                try checkControlCharacters(keyScalar, of: key, isKey: true, text: text)
                guard seen.insert(keyScalar.string).inserted else {
                    throw .error("'\(keyScalar.string)' is given twice", at: keyLocation)
                }
                entries.append(
                    .init(
                        key: keyScalar.string, keyLocation: keyLocation,
                        value: try convert(value, depth: depth + 1, lastMark: &lastMark, aliasPlace: keyLocation, text: text)))
            }
            return YAMLNode(.mapping(entries), at: here)
        }
    }

    private func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) that starts at line \(context.mark.line + lineOffset), column \(context.mark.column))"
            }
            return .error(message, at: location(line: mark.line, column: mark.column))
        case .reader(let problem, let offset, _, _):
            // libyaml refuses control characters written as they are; say which and where.
            guard let offset else { return .error("invalid YAML: \(problem)", at: location(line: 1, column: 1)) }
            let place = YAMLControlCharacters.place(ofCharacterOffset: offset, in: text)
            let message =
                place.scalar.map { TextHygiene.isForbiddenControl($0) } == true
                ? YAMLControlCharacters.message(place.scalar!) : "invalid YAML: \(problem)"
            return .error(message, at: location(line: place.line, column: place.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "'\(duplicates.joined(separator: "', '"))' is given twice",
                at: location(line: context.mark.line, column: context.mark.column))
        default:
            return .error("invalid YAML: \(error)", at: location(line: 1, column: 1))
        }
    }
}
