/// Writes a translated segment back as inline Markdown on one line (hard breaks aside), the
/// markup coming from the source's tags.
///
/// CommonMark's emphasis depends on the characters around the delimiters: in `**注意：**参见`
/// the closing `**` follows punctuation and precedes a letter, so it cannot close, and the text
/// would show literal asterisks. The writer then writes the letter as a character reference
/// (`&#x53C2;`), which counts as punctuation for the delimiter rule and as the letter in the text.
struct InlineMarkdownWriter {
    /// The source unit's tags.
    var tags: [Int: MarkdownInline]
    /// Translated image descriptions and link titles, by tag.
    var descriptions: [Int: String] = [:]
    var titles: [Int: String] = [:]
    /// What follows a hard line break: the paragraph's container prefix (`> `, spaces).
    var continuation = ""
    var emphasisDelimiter = "*"
    var inTable = false

    private var out = ""
    /// Set after a closing delimiter that needs the next character to be punctuation.
    private var encodeNextCharacter = false

    init(tags: [Int: MarkdownInline]) {
        self.tags = tags
    }

    /// The Markdown of `pieces`, on one line but for hard breaks.
    mutating func write(_ pieces: [SegmentPiece]) -> String {
        out = ""
        encodeNextCharacter = false
        append(Self.movingSpacesOutOfTags(pieces))
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// The inline structure the written Markdown must have.
    func expected(_ pieces: [SegmentPiece]) -> [MarkdownInline] {
        MarkdownInline.normalized(
            Self.movingSpacesOutOfTags(pieces).map { piece -> MarkdownInline in
                switch piece {
                case .text(let text): return .text(text)
                case .placeholder(let id):
                    switch tags[id] {
                    case .image(let url, let title, let description)?:
                        return .image(url: url, title: titles[id] ?? title, [.text(descriptions[id] ?? MarkdownInline.plainText(description))])
                    case let inline?: return inline
                    case nil: return .text("")
                    }
                case .paired(let id, let children):
                    let inner = expected(children)
                    switch tags[id] {
                    case .emphasis?: return .emphasis(inner)
                    case .strong?: return .strong(inner)
                    case .strikethrough?: return .strikethrough(inner)
                    case .link(let url, let title, _)?: return .link(url: url, title: titles[id] ?? title, inner)
                    default: return .text("")
                    }
                }
            }
        ).trimmingTextEnds()
    }

    private mutating func append(_ pieces: [SegmentPiece]) {
        for piece in pieces {
            switch piece {
            case .text(let text): appendText(text)
            case .placeholder(let id): appendPlaceholder(id)
            case .paired(let id, let children):
                switch tags[id] {
                case .emphasis?: delimited(emphasisDelimiter, children)
                case .strong?: delimited("**", children)
                case .strikethrough?: delimited("~~", children)
                case .link(let url, let title, _)?:
                    appendRaw("[")
                    append(children)
                    appendRaw("](" + Self.destination(url) + Self.title(titles[id] ?? title) + ")")
                default: append(children)
                }
            }
        }
    }

    private mutating func delimited(_ delimiter: String, _ children: [SegmentPiece]) {
        // Opening: followed by punctuation, it opens only after white space or punctuation.
        if let first = Self.firstCharacter(children), Self.isPunctuation(first), let last = out.last, !last.isWhitespace,
            !Self.isPunctuation(last)
        {
            out.removeLast()
            out += Self.reference(last)
        }
        appendRaw(delimiter)
        append(children)
        appendRaw(delimiter)
        // Closing: after punctuation, it closes only before white space or punctuation.
        if let last = Self.lastCharacter(children), Self.isPunctuation(last) { encodeNextCharacter = true }
    }

    private mutating func appendRaw(_ text: String) {
        encodeNextCharacter = false
        out += text
    }

    private mutating func appendText(_ text: String) {
        var text = text.replacingOccurrences(of: "\n", with: " ")
        if encodeNextCharacter, let first = text.first, !first.isWhitespace, !Self.isPunctuation(first) {
            out += Self.reference(first)
            text.removeFirst()
        }
        encodeNextCharacter = false
        let scalars = Array(text)
        for (index, character) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let atStart = out.trimmingCharacters(in: .whitespaces).isEmpty
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", "~": out += "\\" + String(character)
            case "|" where inTable: out += "\\|"
            case "!" where next == "[": out += "\\!"
            case "&" where next.map { $0.isLetter || $0.isNumber || $0 == "#" } ?? false: out += "\\&"
            case "#", ">", "+", "-", "=": out += atStart ? "\\" + String(character) : String(character)
            case "." where atStart || Self.endsInDigitsAtStart(out), ")" where Self.endsInDigitsAtStart(out):
                out += "\\" + String(character)
            default: out.append(character)
            }
        }
    }

    private mutating func appendPlaceholder(_ id: Int) {
        switch tags[id] {
        case .code(let code)?: appendRaw(Self.codeSpan(code))
        case .lineBreak?: appendRaw("\\\n" + continuation)
        case .html(let html)?: appendRaw(html)
        case .footnoteReference(let label)?: appendRaw("[^\(label)]")
        case .image(let url, let title, let description)?:
            appendRaw("![")
            appendText(descriptions[id] ?? MarkdownInline.plainText(description))
            appendRaw("](" + Self.destination(url) + Self.title(titles[id] ?? title) + ")")
        case .link(let url, _, let children)?:
            let text = MarkdownInline.plainText(children)
            if url == "http://" + text { appendRaw(text) } else { appendRaw("<" + (url == "mailto:" + text ? text : url) + ">") }
        default: break
        }
    }
}

extension InlineMarkdownWriter {
    /// `<url>`, so spaces and parentheses need no care; `<`, `>` and `\` escaped.
    static func destination(_ url: String) -> String {
        var result = "<"
        for character in url {
            if "<>\\".contains(character) { result += "\\" }
            result.append(character)
        }
        return result + ">"
    }

    static func title(_ title: String) -> String {
        guard !title.isEmpty else { return "" }
        var result = " \""
        for character in title {
            if character == "\"" || character == "\\" { result += "\\" }
            result.append(character == "\n" ? " " : character)
        }
        return result + "\""
    }

    /// A code span whose fence is longer than any run of backticks inside; padded with spaces
    /// (which the parser strips) when the code starts or ends with a backtick or a space.
    static func codeSpan(_ code: String) -> String {
        var longest = 0, run = 0
        for character in code {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = code.hasPrefix("`") || code.hasSuffix("`") || (code.hasPrefix(" ") && code.hasSuffix(" ") && code.contains { $0 != " " })
        return fence + (pad ? " " : "") + code + (pad ? " " : "") + fence
    }

    /// A numeric character reference: the character for the reader, punctuation for the parser.
    static func reference(_ character: Character) -> String {
        character.unicodeScalars.map { "&#x" + String($0.value, radix: 16, uppercase: true) + ";" }.joined()
    }

    /// CommonMark's punctuation: ASCII punctuation and Unicode's P categories.
    static func isPunctuation(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        if scalar.isASCII { return character.isPunctuation || character.isSymbol }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .closePunctuation, .finalPunctuation, .initialPunctuation, .otherPunctuation,
            .openPunctuation:
            return true
        default: return false
        }
    }

    static func firstCharacter(_ pieces: [SegmentPiece]) -> Character? {
        switch pieces.first {
        case .text(let text)?: return text.first
        case .paired(_, let children)?: return firstCharacter(children) == nil ? nil : "*"
        case .placeholder?: return "`"
        case nil: return nil
        }
    }

    static func lastCharacter(_ pieces: [SegmentPiece]) -> Character? {
        switch pieces.last {
        case .text(let text)?: return text.last
        case .paired?, .placeholder?: return ")"
        case nil: return nil
        }
    }

    /// Whether the output so far is only digits: `1.` or `1)` there would start a list.
    static func endsInDigitsAtStart(_ out: String) -> Bool {
        let trimmed = out.drop { $0 == " " }
        return !trimmed.isEmpty && trimmed.allSatisfy(\.isASCIIDigitCharacter)
    }

    /// Delimiters cannot open before or close after white space: a space a translator put just
    /// inside a tag goes just outside it.
    static func movingSpacesOutOfTags(_ pieces: [SegmentPiece]) -> [SegmentPiece] {
        var result: [SegmentPiece] = []
        for piece in pieces {
            guard case .paired(let id, let children) = piece else {
                result.append(piece)
                continue
            }
            var inner = movingSpacesOutOfTags(children)
            var leading = "", trailing = ""
            if case .text(let text)? = inner.first {
                leading = String(text.prefix { $0 == " " })
                inner[0] = .text(String(text.dropFirst(leading.count)))
            }
            if case .text(let text)? = inner.last {
                trailing = String(text.reversed().prefix { $0 == " " })
                inner[inner.count - 1] = .text(String(text.dropLast(trailing.count)))
            }
            if !leading.isEmpty { result.append(.text(leading)) }
            result.append(.paired(id: id, inner.filter { $0 != .text("") }))
            if !trailing.isEmpty { result.append(.text(trailing)) }
        }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension [MarkdownInline] {
    /// Leading and trailing spaces of a block are not part of its text.
    func trimmingTextEnds() -> [MarkdownInline] {
        var result = self
        if case .text(let text)? = result.first { result[0] = .text(String(text.drop { $0 == " " })) }
        if case .text(let text)? = result.last {
            result[result.count - 1] = .text(String(text.reversed().drop { $0 == " " }.reversed()))
        }
        return result.filter { $0 != .text("") }
    }
}
