/// Reads the small subset of YAML that front matter almost always is, without libyaml: a block
/// mapping of plain keys whose values are one-line scalars (plain, single- or double-quoted),
/// one-line flow sequences and mappings of such scalars, or nested block mappings and sequences of
/// them; comments and blank lines anywhere.
///
/// Composing a node tree with Yams costs ~90 µs for a five-line document; this reads one in a few.
/// It declines (returns nil) anything it is not sure to read exactly as Yams would, and
/// `YAMLReader` then reads that text with Yams: the values, the `isPlain` flags and every
/// location are Yams' own either way, and so are the errors, which only Yams ever reports. A
/// property test (`SimpleYAMLReaderProperties`) holds the two readers to that.
struct SimpleYAMLReader: Sendable {
    /// Deeper text is left to Yams, which reports nesting past `YAMLReader.maximumDepth`.
    static let maximumDepth = 16

    var file: String
    var lineOffset: Int

    /// The document's root mapping, or nil when the text is outside the subset.
    func read(_ text: String) -> YAMLNode? {
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> YAMLNode? in
            guard Self.hasOnlySimpleCharacters(bytes) else { return nil }
            var document = SimpleYAMLDocument(bytes: bytes, file: file, lineOffset: lineOffset)
            return try? document.readRoot()
        }
        return result ?? nil
    }

    /// Printable text and `\n` only. libyaml refuses other controls (or reads them as line breaks:
    /// NEL, U+2028, U+2029), skips a byte order mark and counts a tab as blank; all that is Yams'.
    static func hasOnlySimpleCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                guard (byte >= 0x20 && byte != 0x7F) || byte == 0x0A else { return false }
                index += 1
                continue
            }
            // The text is valid UTF-8 (it is a String): only lead bytes need a look.
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            switch byte {
            case 0xC2 where next < 0xA0: return false  // U+0080…U+009F
            case 0xE2 where next == 0x80 && (third == 0xA8 || third == 0xA9): return false  // U+2028, U+2029
            case 0xEF where next == 0xBB && third == 0xBF: return false  // U+FEFF
            case 0xEF where next == 0xBF && third >= 0xBE: return false  // U+FFFE, U+FFFF
            default: break
            }
            index += 1
        }
        return true
    }
}
