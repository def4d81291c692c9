/// Mustache's rules for lines, applied to a template's tokens before they are parsed, so the
/// renderer only appends text and indentation where the nodes say.
///
/// - A standalone line (whitespace and one section, comment, partial, parent, block or delimiter
///   tag) leaves no trace in the output. Several tags on one line are standalone only when they
///   are the frame of an inheritance (`{{<base}}{{$main}}`, `{{/main}}{{/base}}`,
///   `{{<base}}{{/base}}`), whose tags write nothing themselves; the spec defines the rule for one
///   tag otherwise, so `{{#a}}{{/a}}` keeps its line as before.
/// - Every other line starts with a `lineStart` token, where a standalone partial's indentation goes.
/// - Blocks are re-indented (spec, `~inheritance`): a block's content loses the indentation it has
///   where it is written and takes that of the place it is expanded at. That indentation is the
///   whitespace starting the line after a standalone opening tag ("intrinsic"), or the whitespace
///   before an opening tag that starts its line. Content that begins on the opening tag's line
///   starts with a `lineStart`, which the renderer skips where the block sits mid-line.
struct TemplateLines {
    private struct OpenTag {
        let kind: TemplateToken.Kind
        let isBlockDefinition: Bool
        /// Bytes of leading whitespace removed from each line of the content.
        let strip: Int
    }

    private typealias Line = (tokens: ArraySlice<TemplateToken>, newline: TemplateToken?)

    private var open: [OpenTag] = []
    private var result: [TemplateToken] = []
    private var strip: Int { open.last?.strip ?? 0 }
    private var isInParent: Bool { open.last?.kind == .parent }

    static func resolve(_ tokens: [TemplateToken]) -> [TemplateToken] {
        var lines: [Line] = []
        var start = 0
        for index in tokens.indices where tokens[index].kind == .newline {
            lines.append((tokens[start..<index], tokens[index]))
            start = index + 1
        }
        if start < tokens.count { lines.append((tokens[start...], nil)) }
        var resolver = TemplateLines()
        resolver.result.reserveCapacity(tokens.count + tokens.count / 2)
        for index in lines.indices {
            resolver.add(lines[index], next: index + 1 < lines.count ? lines[index + 1].tokens : nil)
        }
        return resolver.result
    }

    private mutating func add(_ line: Line, next: ArraySlice<TemplateToken>?) {
        let tags = line.tokens.filter(\.isTag)
        if !tags.isEmpty, line.tokens.allSatisfy({ $0.isTag || $0.isBlank }), isStandalone(tags) {
            addStandalone(tags, indentation: Self.leadingWhitespace(of: line.tokens, after: strip), next: next)
        } else {
            addLine(line)
        }
    }

    private mutating func addStandalone(_ tags: [TemplateToken], indentation: ArraySlice<UInt8>, next: ArraySlice<TemplateToken>?) {
        for (position, var tag) in tags.enumerated() {
            if position == 0, tag.kind == .partial || tag.kind == .parent { tag.indentation = Array(indentation) }
            if tag.kind == .block {
                if isInParent {
                    push(tag, strip: next.map { Self.leadingWhitespace(of: $0, after: 0).count } ?? 0)
                } else {
                    // Intrinsic indentation: that of the content's first line (of the tag's own
                    // line when nothing follows), relative to the lines around the block.
                    let intrinsic = next.map { Self.leadingWhitespace(of: $0, after: strip) } ?? indentation
                    tag.indentation = Array(intrinsic)
                    tag.blockStartsLine = true
                    push(tag, strip: strip + intrinsic.count)
                }
            } else {
                track(tag)
            }
            result.append(tag)
        }
    }

    private mutating func addLine(_ line: Line) {
        var tokens = Array(line.tokens)
        Self.removeLeadingWhitespace(strip, from: &tokens)
        // A block expansion that starts the line indents all of its content by the whitespace
        // before it, instead of writing that whitespace once.
        let firstTag = tokens.firstIndex(where: \.isTag)
        if let firstTag, tokens[firstTag].kind == .block, !isInParent, tokens[..<firstTag].allSatisfy(\.isBlank) {
            tokens[firstTag].indentation = tokens[..<firstTag].flatMap(\.bytes)
            tokens[firstTag].blockStartsLine = true
            tokens.removeSubrange(..<firstTag)
        } else {
            result.append(.init(kind: .lineStart, offset: line.tokens.first?.offset ?? line.newline?.offset ?? 0))
        }
        var textBefore = false
        for token in tokens {
            result.append(token)
            if token.kind == .block {
                if isInParent {
                    // A definition whose content starts on this line: it loses the whitespace
                    // that starts this line (when only tags come before it) from its other lines.
                    push(token, strip: textBefore ? 0 : Self.leadingWhitespace(of: line.tokens, after: 0).count)
                } else {
                    push(token, strip: strip + token.indentation.count)
                }
                result.append(.init(kind: .lineStart, offset: token.offset))
            } else {
                track(token)
            }
            if token.kind == .text, !token.isBlank { textBefore = true }
        }
        if let newline = line.newline { result.append(newline) }
    }

    /// One tag, or only the frame of an inheritance: parent tags, the block definitions directly
    /// inside a parent, their closing tags, and comments or delimiter changes between them.
    private func isStandalone(_ tags: [TemplateToken]) -> Bool {
        if tags.count == 1 { return tags[0].canStandAlone }
        var kinds = open.map { ($0.kind, $0.isBlockDefinition) }
        var framesInheritance = false
        for tag in tags {
            let inParent = kinds.last?.0 == .parent
            switch tag.kind {
            case .comment, .delimiters:
                continue
            case .parent:
                kinds.append((.parent, false))
            case .block where inParent:
                kinds.append((.block, true))
            case .close where inParent || kinds.last?.1 == true:
                kinds.removeLast()
            default:
                return false
            }
            framesInheritance = true
        }
        return framesInheritance
    }

    private mutating func push(_ tag: TemplateToken, strip: Int) {
        open.append(OpenTag(kind: tag.kind, isBlockDefinition: tag.kind == .block && isInParent, strip: strip))
    }

    /// Follows sections, inverted sections and parents as they open and close (blocks are pushed
    /// by the callers, which know their indentation).
    private mutating func track(_ tag: TemplateToken) {
        switch tag.kind {
        case .section, .invertedSection, .parent: push(tag, strip: strip)
        case .close: if !open.isEmpty { open.removeLast() }
        default: break
        }
    }

    /// The spaces and tabs that start a line, past the first `skip` of them.
    private static func leadingWhitespace(of line: ArraySlice<TemplateToken>, after skip: Int) -> ArraySlice<UInt8> {
        guard let first = line.first, first.kind == .text else { return [] }
        let end = first.bytes.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? first.bytes.endIndex
        return first.bytes[min(first.bytes.startIndex + skip, end)..<end]
    }

    /// Removes up to `count` spaces and tabs from the start of a line.
    private static func removeLeadingWhitespace(_ count: Int, from line: inout [TemplateToken]) {
        guard count > 0, let first = line.first, first.kind == .text else { return }
        let removed = leadingWhitespace(of: line[...], after: 0).prefix(count).count
        if removed == first.bytes.count {
            line.removeFirst()
        } else {
            line[0].bytes = first.bytes.dropFirst(removed)
            line[0].offset += removed
        }
    }
}
