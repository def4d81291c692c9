/// A parsed Markdown document as Swift values: the block tree with where each block was written,
/// and each leaf block's inline content. `MarkdownRenderer.parse(_:)` makes it from cmark-gfm's
/// tree, so code that reads Markdown structure (translation export and import) never sees C types.
public struct MarkdownDocument: Sendable, Equatable {
    public var blocks: [MarkdownBlock]

    public init(blocks: [MarkdownBlock]) {
        self.blocks = blocks
    }
}

/// A place in the Markdown text as cmark-gfm counts it: 1-based line, 1-based byte column.
public struct MarkdownPosition: Sendable, Hashable {
    public var line: Int
    public var byteColumn: Int

    public init(line: Int, byteColumn: Int) {
        self.line = line
        self.byteColumn = byteColumn
    }
}

public struct MarkdownBlock: Sendable, Equatable {
    public enum Kind: Sendable, Hashable {
        case paragraph
        case heading(level: Int)
        case blockQuote
        case list(ordered: Bool)
        case item
        case codeBlock
        case htmlBlock
        case thematicBreak
        case table
        case tableRow(isHeader: Bool)
        case tableCell
        case footnoteDefinition(label: String)
        /// Anything else cmark-gfm may produce (custom blocks), by its type name.
        case other(String)
    }

    public var kind: Kind
    public var start: MarkdownPosition
    public var end: MarkdownPosition
    /// The text of code and HTML blocks, as cmark-gfm holds it.
    public var literal: String
    public var children: [MarkdownBlock]
    /// The inline content of paragraphs, headings and table cells.
    public var inlines: [MarkdownInline]

    public init(
        kind: Kind, start: MarkdownPosition, end: MarkdownPosition, literal: String = "", children: [MarkdownBlock] = [],
        inlines: [MarkdownInline] = []
    ) {
        self.kind = kind
        self.start = start
        self.end = end
        self.literal = literal
        self.children = children
        self.inlines = inlines
    }

    /// Blocks whose content is inline text.
    public var holdsInlines: Bool {
        switch kind {
        case .paragraph, .heading, .tableCell: return true
        default: return false
        }
    }
}

public indirect enum MarkdownInline: Sendable, Hashable {
    case text(String)
    case code(String)
    case softBreak
    case lineBreak
    case html(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case strikethrough([MarkdownInline])
    case link(url: String, title: String, [MarkdownInline])
    case image(url: String, title: String, [MarkdownInline])
    case footnoteReference(String)

    /// The text without markup, as an image's description becomes its `alt`.
    public static func plainText(_ inlines: [MarkdownInline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text), .code(let text): return text
            case .softBreak, .lineBreak: return " "
            case .html, .footnoteReference: return ""
            case .emphasis(let children), .strong(let children), .strikethrough(let children): return plainText(children)
            case .link(_, _, let children), .image(_, _, let children): return plainText(children)
            }
        }.joined()
    }

    /// Adjacent text nodes joined: cmark-gfm splits text at characters that might have been
    /// markup (`[`, `!`, `*`), so two parses of the same content compare equal only when merged.
    public static func normalized(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for inline in inlines {
            let normalizedInline: MarkdownInline
            switch inline {
            case .emphasis(let children): normalizedInline = .emphasis(normalized(children))
            case .strong(let children): normalizedInline = .strong(normalized(children))
            case .strikethrough(let children): normalizedInline = .strikethrough(normalized(children))
            case .link(let url, let title, let children): normalizedInline = .link(url: url, title: title, normalized(children))
            case .image(let url, let title, let children): normalizedInline = .image(url: url, title: title, normalized(children))
            default: normalizedInline = inline
            }
            if case .text(let next) = normalizedInline, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else {
                result.append(normalizedInline)
            }
        }
        return result
    }
}
