/// Text a translator sees, with the page's markup as numbered tags: paired tags around
/// emphasis, strong, strikethrough and links, placeholders for code, images, breaks, footnote
/// references and raw HTML. Tag ids count from 1 within a unit.
public indirect enum SegmentPiece: Hashable, Sendable {
    case text(String)
    case paired(id: Int, [SegmentPiece])
    case placeholder(id: Int)

    /// Every tag id, in reading order.
    static func tagIDs(_ pieces: [SegmentPiece]) -> [Int] {
        pieces.flatMap { piece -> [Int] in
            switch piece {
            case .text: return []
            case .placeholder(let id): return [id]
            case .paired(let id, let children): return [id] + tagIDs(children)
            }
        }
    }

    /// The text without its markup; a placeholder counts as the plain text of what `tags` says it
    /// stands for (a code span's code), or as nothing.
    static func plainText(_ pieces: [SegmentPiece], tags: [Int: MarkdownInline]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .placeholder(let id): return tags[id].map { MarkdownInline.plainText([$0]) } ?? ""
            case .paired(_, let children): return plainText(children, tags: tags)
            }
        }.joined()
    }

    /// Whether there is any text to translate: letters or digits outside the tags.
    static func hasWords(_ pieces: [SegmentPiece]) -> Bool {
        pieces.contains { piece in
            switch piece {
            case .text(let text): return text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            case .placeholder: return false
            case .paired(_, let children): return hasWords(children)
            }
        }
    }
}

/// Where a unit's translation goes back into the page.
public enum UnitPlace: Hashable, Sendable {
    /// A front matter field.
    case field(String)
    /// A paragraph: from `start` to the end of line `endLine`.
    case paragraph(start: MarkdownPosition, endLine: Int)
    /// A heading; `setext` headings end with their underline.
    case heading(start: MarkdownPosition, endLine: Int, level: Int)
    /// Cell `index` of the table row that starts at `row`.
    case tableCell(row: MarkdownPosition, index: Int, count: Int)
    /// The description of image tag `tag` of unit `unit`.
    case imageDescription(unit: String, tag: Int)
    /// The title of link or image tag `tag` of unit `unit`.
    case linkTitle(unit: String, tag: Int)
}

/// One piece of text to translate: a block's inline content, a front matter field, an image's
/// description or a link's title.
public struct TranslationUnit: Hashable, Sendable {
    /// Stable: made from the unit's kind and source text, so units keep their ids when others
    /// are added, removed or edited.
    public var id: String
    /// What the unit is (`title`, `heading`, `paragraph`, `table-cell`, `alt`, `link-title`).
    public var resname: String
    /// Context for the translator: the field, or the heading the block sits under.
    public var note: String
    public var source: [SegmentPiece]
    public var place: UnitPlace
    /// What each tag stands for in the source Markdown (for paired tags, children left out).
    public var tags: [Int: MarkdownInline]

    /// Whether there is text to translate (a paragraph of only an image or code has none).
    public var hasWords: Bool { SegmentPiece.hasWords(source) }

    public init(id: String, resname: String, note: String, source: [SegmentPiece], place: UnitPlace, tags: [Int: MarkdownInline] = [:]) {
        self.id = id
        self.resname = resname
        self.note = note
        self.source = source
        self.place = place
        self.tags = tags
    }
}
