import Foundation

/// Writes a translated page from its source file and the translations of its units: the source's
/// bytes everywhere but where a unit's text was (block structure, code and HTML blocks, list
/// markers and table layout stay as written), its translated front matter fields, and the
/// `translatedFrom` record. A unit whose Markdown would not parse back to its markup is a problem,
/// not a page written wrong.
struct TranslatedPageWriter {
    struct Problem: Error, Equatable {
        var unitID: String
        var message: String
    }

    let sourceFile: String
    let units: PageUnits
    /// By unit id; units without one keep their source text.
    let translations: [String: [SegmentPiece]]
    let record: TranslationRecord
    /// Paragraphs and headings kept as a hand translation wrote them (`HandTranslation.lines`),
    /// by unit id: written as they are instead of from their segments.
    var keptLines: [String: [String]] = [:]

    func write() throws(Problem) -> String {
        let parts: FrontMatterSplitter.Parts
        do {
            parts = try FrontMatterSplitter().split(sourceFile, file: "skeleton")
        } catch {
            throw Problem(unitID: "-", message: "the exported source page cannot be read: \(error.message)")
        }
        return frontMatter(parts) + (try body(parts.body))
    }

    // MARK: Front matter

    private func frontMatter(_ parts: FrontMatterSplitter.Parts) -> String {
        var lines: [String] = ["---"]
        if let yaml = parts.yaml, let root = try? YAMLReader(file: "skeleton", lineOffset: 0).read(yaml), let entries = root.entries {
            let yamlLines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let starts = entries.map(\.keyLocation.line)
            for (index, entry) in entries.enumerated() {
                let end = index + 1 < starts.count ? starts[index + 1] - 1 : yamlLines.count
                if entry.key == "translatedFrom" { continue }
                let fieldUnit = units.allUnits.first { $0.place == .field(entry.key) }
                if let translated = fieldUnit.flatMap({ translations[$0.id] }).map(Self.plainText) {
                    lines.append("\(entry.key): \(YAMLScalar.text(translated))")
                } else {
                    lines += yamlLines[(starts[index] - 1)..<end]
                }
            }
            while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        }
        lines.append(record.yamlLine)
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func plainText(_ pieces: [SegmentPiece]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .paired(_, let children): return plainText(children)
            case .placeholder: return ""
            }
        }.joined().replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: Body

    private func body(_ body: String) throws(Problem) -> String {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var descriptions: [String: [Int: String]] = [:], titles: [String: [Int: String]] = [:]
        for unit in units.allUnits {
            guard let translation = translations[unit.id] else { continue }
            switch unit.place {
            case .imageDescription(let owner, let tag): descriptions[owner, default: [:]][tag] = Self.plainText(translation)
            case .linkTitle(let owner, let tag): titles[owner, default: [:]][tag] = Self.plainText(translation)
            default: break
            }
        }
        // Edits from the bottom up, so that line numbers above stay valid.
        var edits: [(first: Int, last: Int, replacement: [String])] = []
        var rows: [Int: (prefix: String, cells: [String])] = [:]
        for unit in units.allUnits {
            let translated = translations[unit.id]
            guard translated != nil || descriptions[unit.id] != nil || titles[unit.id] != nil else { continue }
            var writer = InlineMarkdownWriter(tags: unit.tags)
            writer.descriptions = descriptions[unit.id] ?? [:]
            writer.titles = titles[unit.id] ?? [:]
            let pieces = translated ?? unit.source
            switch unit.place {
            case .paragraph(let start, let endLine):
                let prefix = Self.prefix(lines[start.line - 1], byteColumn: start.byteColumn)
                if let kept = keptLines[unit.id] {
                    edits.append((start.line, endLine, [prefix + kept[0]] + kept.dropFirst()))
                    continue
                }
                writer.continuation = String(prefix.map { $0 == ">" ? ">" : " " })
                let text = try markdown(&writer, pieces, unit: unit)
                edits.append((start.line, endLine, [prefix + text]))
            case .heading(let start, _, let level):
                let line = lines[start.line - 1]
                let prefix = Self.prefix(line, byteColumn: start.byteColumn)
                let rest = line.dropFirst(prefix.count).drop { $0 == " " }
                let underline =
                    rest.hasPrefix("#") ? nil : (start.line..<lines.count).first { Self.isSetextUnderline(lines[$0].dropFirst(prefix.count)) }
                // Kept as written when both are ATX (`## …`) or both setext (the underline stays).
                if let kept = keptLines[unit.id], kept[0].drop { $0 == " " }.hasPrefix("#") == rest.hasPrefix("#"),
                    rest.hasPrefix("#") || underline != nil
                {
                    edits.append((start.line, underline ?? start.line, [prefix + kept[0]] + kept.dropFirst()))
                    continue
                }
                let text = try markdown(&writer, pieces, unit: unit)
                if rest.hasPrefix("#") {
                    edits.append((start.line, start.line, [prefix + String(repeating: "#", count: level) + " " + text]))
                } else if let underline {
                    edits.append((start.line, underline, [prefix + text]))
                }
            case .tableCell(let row, let index, let count):
                writer.inTable = true
                let text = try markdown(&writer, pieces, unit: unit)
                var entry =
                    rows[row.line] ?? (
                        Self.prefix(lines[row.line - 1], byteColumn: row.byteColumn), Self.cells(of: lines[row.line - 1], count: count)
                    )
                if index < entry.cells.count { entry.cells[index] = text }
                rows[row.line] = entry
            case .field, .imageDescription, .linkTitle: break
            }
        }
        for (line, row) in rows { edits.append((line, line, [row.prefix + "| " + row.cells.joined(separator: " | ") + " |"])) }
        for edit in edits.sorted(by: { $0.first > $1.first }) {
            lines.replaceSubrange((edit.first - 1)..<min(edit.last, lines.count), with: edit.replacement)
        }
        return lines.joined(separator: "\n")
    }

    /// The unit's Markdown, checked by parsing it: `*` for emphasis, else `_`, else a problem.
    private func markdown(_ writer: inout InlineMarkdownWriter, _ pieces: [SegmentPiece], unit: TranslationUnit) throws(Problem) -> String {
        let expected = writer.expected(pieces)
        var firstTry = ""
        for delimiter in ["*", "_"] {
            writer.emphasisDelimiter = delimiter
            let text = writer.write(pieces)
            if firstTry.isEmpty { firstTry = text }
            // A footnote reference is one only where its note is defined: define them after it.
            let notes = unit.tags.values.compactMap { tag -> String? in
                if case .footnoteReference(let label) = tag { return "\n\n[^\(label)]: note" }
                return nil
            }
            let parsed = MarkdownRenderer.parse(text + notes.sorted().joined()).blocks
            let inlines = parsed.first?.kind == .paragraph ? MarkdownInline.normalized(parsed[0].inlines) : []
            if Self.withoutBreaks(inlines) == Self.withoutBreaks(expected) { return text }
        }
        throw Problem(
            unitID: unit.id,
            message: "the translation cannot be written as Markdown that keeps its markup (it would read back differently: \(firstTry))")
    }

    /// Hard breaks are checked as breaks; soft ones cannot occur.
    private static func withoutBreaks(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        MarkdownInline.normalized(inlines.filter { $0 != .softBreak }).trimmingTextEnds()
    }

    /// The text of a line before a byte column: the containers' markers (`> `, `- `, indentation).
    private static func prefix(_ line: String, byteColumn: Int) -> String {
        String(decoding: Array(line.utf8).prefix(max(byteColumn - 1, 0)), as: UTF8.self)
    }

    private static func isSetextUnderline(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && (trimmed.allSatisfy { $0 == "=" } || trimmed.allSatisfy { $0 == "-" })
    }

    /// A table row's cells as written (`\|` is not a separator), for cells that keep their text.
    private static func cells(of line: String, count: Int) -> [String] {
        var cells: [String] = [], current = "", escaped = false
        var body = line.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("|") { body.removeFirst() }
        for character in body {
            if character == "|" && !escaped {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { cells.append(current.trimmingCharacters(in: .whitespaces)) }
        while cells.count < count { cells.append("") }
        return cells
    }
}
