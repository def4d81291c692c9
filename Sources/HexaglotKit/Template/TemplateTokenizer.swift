/// A template syntax error at a byte offset of the template's text.
struct TemplateSyntaxError: Error, Equatable {
    let message: String
    let offset: Int
}

/// One token of a Mustache template: text without newlines, a newline, or a tag.
struct TemplateToken {
    enum Kind: Equatable {
        case text, newline
        /// Inserted where a line of the template starts, once standalone lines are gone.
        case lineStart
        case value, rawValue, section, invertedSection, close, comment, partial, parent, block, delimiters
    }

    var kind: Kind
    /// The token's bytes for text and newlines.
    var bytes: ArraySlice<UInt8> = []
    /// The tag's name, trimmed.
    var name = ""
    /// Byte offset of the name (or of the tag when it has none): where errors about the tag point.
    var offset: Int
    /// For standalone partial and parent tags: the whitespace before the tag. For blocks: the
    /// indentation their content takes (see `TemplateLines`).
    var indentation: [UInt8] = []
    /// For blocks: the block starts a line of the output, so its content's first line is indented
    /// like the others.
    var blockStartsLine = false

    var isTag: Bool { kind != .text && kind != .newline && kind != .lineStart }

    /// Tags that vanish with their line when they stand alone on it (Mustache spec, "standalone").
    var canStandAlone: Bool {
        switch kind {
        case .section, .invertedSection, .close, .comment, .partial, .parent, .block, .delimiters: return true
        default: return false
        }
    }

    var isBlank: Bool { kind == .text && bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
}

/// Splits a template into tokens, honouring `{{=<% %>=}}` delimiter changes, then applies the
/// rules for lines: standalone lines, line starts and block indentation (`TemplateLines`).
struct TemplateTokenizer {
    private let bytes: [UInt8]
    private var opening = Array("{{".utf8)
    private var closing = Array("}}".utf8)

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func tokens() throws(TemplateSyntaxError) -> [TemplateToken] {
        TemplateLines.resolve(try scan())
    }

    private mutating func scan() throws(TemplateSyntaxError) -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        var textStart = 0
        var index = 0
        func flushText(upTo end: Int) {
            if end > textStart { tokens.append(.init(kind: .text, bytes: bytes[textStart..<end], offset: textStart)) }
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                let start = index > textStart && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
                flushText(upTo: start)
                tokens.append(.init(kind: .newline, bytes: bytes[start...index], offset: start))
                index += 1
                textStart = index
            } else if matches(opening, at: index) {
                flushText(upTo: index)
                let (token, end) = try tag(at: index)
                tokens.append(token)
                index = end
                textStart = index
            } else {
                index += 1
            }
        }
        flushText(upTo: bytes.count)
        return tokens
    }

    /// Reads the tag that opens at `start`; returns it and the offset just past it.
    private mutating func tag(at start: Int) throws(TemplateSyntaxError) -> (TemplateToken, Int) {
        var inner = start + opening.count
        let sigil = inner < bytes.count ? bytes[inner] : 0
        let kind: TemplateToken.Kind
        var terminator = closing
        switch sigil {
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .invertedSection
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "&"): kind = .rawValue
        case UInt8(ascii: "{"): kind = .rawValue; terminator = Array("}".utf8) + closing
        case UInt8(ascii: "="): kind = .delimiters; terminator = Array("=".utf8) + closing
        default: kind = .value
        }
        if kind != .value { inner += 1 }
        // A tag that runs into the next tag's opening was left unclosed.
        let end = find(terminator, from: inner).flatMap { end in
            kind == .comment || find(opening, from: inner, before: end) == nil ? end : nil
        }
        guard let end else {
            let shown = String(decoding: terminator, as: UTF8.self)
            throw TemplateSyntaxError(message: "a tag is not closed with \(shown)", offset: start)
        }
        var token = TemplateToken(kind: kind, offset: start)
        let content = trimmed(inner..<end)
        token.name = String(decoding: bytes[content], as: UTF8.self)
        if !content.isEmpty { token.offset = content.lowerBound }
        switch kind {
        case .comment:
            break
        case .delimiters:
            try changeDelimiters(to: token.name, at: start)
        default:
            try checkName(token, kind: kind)
        }
        return (token, end + terminator.count)
    }

    private mutating func changeDelimiters(to text: String, at offset: Int) throws(TemplateSyntaxError) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw TemplateSyntaxError(message: "a delimiter change must be written {{=<open> <close>=}}", offset: offset)
        }
        opening = Array(parts[0].utf8)
        closing = Array(parts[1].utf8)
    }

    private func checkName(_ token: TemplateToken, kind: TemplateToken.Kind) throws(TemplateSyntaxError) {
        let name = token.name
        if name.isEmpty {
            throw TemplateSyntaxError(message: "a tag has no name", offset: token.offset)
        }
        if kind == .partial || kind == .parent {
            // The spec's optional dynamic names (`{{>*name}}` looks the partial's name up in the
            // data): a theme's templates are named by their paths, and the check that every named
            // template exists needs the names in the template.
            if name.hasPrefix("*") {
                let (what, example, instead) =
                    kind == .partial
                    ? ("partial", "{{>*name}}", "{{> partials/header}}") : ("parent", "{{<*name}}", "{{<base}}")
                throw TemplateSyntaxError(
                    message: "dynamic \(what) names (\(example)) are not supported: name the template by its path, such as \(instead)",
                    offset: token.offset)
            }
            if name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                throw TemplateSyntaxError(message: "'\(name)' is not a template name", offset: token.offset)
            }
            return
        }
        let isKey =
            name == "."
            || (!name.contains("..") && !name.hasSuffix(".")
                && !name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "(" || $0 == ")" || $0 == "{" || $0 == "}" }))
        guard isKey else {
            throw TemplateSyntaxError(
                message: "'\(name)' is not a value name (names are keys joined by dots, such as page.title)",
                offset: token.offset)
        }
    }

    private func matches(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    private func find(_ pattern: [UInt8], from start: Int, before limit: Int? = nil) -> Int? {
        var index = start
        let end = limit.map { min($0, bytes.count) } ?? bytes.count
        while index + pattern.count <= end {
            if matches(pattern, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
