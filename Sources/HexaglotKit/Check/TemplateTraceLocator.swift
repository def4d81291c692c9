import Foundation

/// Finds the template text that wrote a URL of a built page, from the trace the renderer kept
/// while rendering it (`TemplateWrite`): exact, where matching the templates' attributes against
/// the URL could only guess between look-alikes.
struct TemplateTraceLocator {
    /// Where the URL was written and how (`{{lang.homeURL}}contact/`, when it differs from the URL).
    struct Found {
        var location: SourceLocation
        var written: String?
    }

    let output: URL
    let traces: [String: [TemplateWrite]]
    let texts: [String: [UInt8]]
    let displayPath: String
    private var files: [String: [UInt8]] = [:]

    init(output: URL, products: BuildProducts) {
        self.output = output
        var traces: [String: [TemplateWrite]] = [:]
        for file in products.outputs { if let trace = file.templateTrace { traces[file.path] = trace } }
        self.traces = traces
        texts = products.templates.texts
        displayPath = products.templates.displayPath
    }

    /// The template place of `url`, written on `line` (or later: a tag may span lines) of the
    /// built `file`; nil when the file has no trace, the URL is not found, or raw markup wrote it
    /// (a page's body: its own source says where).
    mutating func place(of url: String, line: Int, in file: String) -> Found? {
        guard let trace = traces[file], !trace.isEmpty else { return nil }
        let bytes = builtFile(file)
        let lineStart = LineIndex(bytes).offset(ofLine: line)
        guard let offset = Self.firstOffset(of: [HTMLEscaping.attribute(url), url], in: bytes, from: lineStart) else { return nil }
        // The last write that started at or before the URL wrote its first byte.
        var low = 0, high = trace.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if trace[middle].start <= offset { low = middle } else { high = middle - 1 }
        }
        let write = trace[low]
        guard write.start <= offset, let text = texts[write.template] else { return nil }
        let position = write.isText ? write.offset + (offset - write.start) : write.offset
        guard position < text.count, write.isText || !Self.isRawTag(at: position, in: text) else { return nil }
        let (start, raw) = Self.attributeValue(around: position, in: text)
        let (lineNumber, column) = LineIndex(text).position(of: start)
        let written = raw.isEmpty || CharacterReferences.decode(raw) == url ? nil : raw
        return Found(
            location: SourceLocation(file: "\(displayPath)/\(write.template).mustache", line: lineNumber, column: column),
            written: written)
    }

    private mutating func builtFile(_ path: String) -> [UInt8] {
        if let cached = files[path] { return cached }
        let bytes = FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map(Array.init) ?? []
        files[path] = bytes
        return bytes
    }

    private static func firstOffset(of candidates: [String], in bytes: [UInt8], from start: Int) -> Int? {
        for candidate in candidates {
            let needle = Array(candidate.utf8)
            guard !needle.isEmpty, bytes.count >= needle.count else { continue }
            var index = start
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
                index += 1
            }
        }
        return nil
    }

    /// `{{{…}}}` or `{{&…}}`: markup inserted as it is (a rendered body), not a URL a template wrote.
    private static func isRawTag(at nameOffset: Int, in text: [UInt8]) -> Bool {
        var index = nameOffset - 1
        while index >= 0, text[index] == UInt8(ascii: " ") { index -= 1 }
        return index >= 0
            && (text[index] == UInt8(ascii: "{") && index >= 2 && text[index - 2] == UInt8(ascii: "{")
                || text[index] == UInt8(ascii: "&"))
    }

    /// The quoted attribute value holding `position` on its line (its start and its text as
    /// written), or the position alone when it is not in quotes (a URL in text or CSS).
    private static func attributeValue(around position: Int, in text: [UInt8]) -> (start: Int, raw: String) {
        let newline = UInt8(ascii: "\n")
        var open = position - 1
        // Back over the tags and text of the value to its opening quote.
        while open >= 0, text[open] != UInt8(ascii: "\""), text[open] != UInt8(ascii: "'"), text[open] != newline { open -= 1 }
        guard open >= 0, text[open] != newline else { return (position, "") }
        let quote = text[open]
        var close = position
        while close < text.count, text[close] != quote, text[close] != newline { close += 1 }
        guard close < text.count, text[close] == quote else { return (position, "") }
        return (open + 1, String(decoding: text[(open + 1)..<close], as: UTF8.self))
    }
}
