import Foundation

/// GitHub-compatible heading ids: NFC, lowercase, Unicode letters, marks and digits kept,
/// punctuation dropped, spaces to `-`, and `-1`, `-2` … for repeats within a page.
/// So `## 消除持久性有机污染物` keeps its characters and `## Привет мир` becomes `привет-мир`.
public struct HeadingSlugger: Sendable {
    /// Slugs given so far, by their bytes: hashing a non-ASCII String normalises it first, and
    /// slugs are already in NFC.
    private var used: [SlugKey: Int] = [:]

    public init() {}

    /// Room for `count` headings, so the table is not grown while a page's headings are named.
    public init(expectedCount count: Int) {
        used.reserveCapacity(count)
    }

    public mutating func slug(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        if let count = used[SlugKey(base)] {
            var next = count
            repeat {
                next += 1
                candidate = "\(base)-\(next)"
            } while used[SlugKey(candidate)] != nil
            used[SlugKey(base)] = next
        }
        used[SlugKey(candidate)] = 0
        return candidate
    }

    /// The slug of one text, without the repeat suffix.
    public static func slug(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(text) }
        // lowercased() maps scalar by scalar; Chinese or Arabic headings have nothing it changes.
        let normalized = UnicodeForms.nfc(text)
        // The kept scalars as UTF-8 bytes: appending to a String.UnicodeScalarView scalar by
        // scalar was a third of a heading's cost. One access to the traits table for both loops
        // (`ScalarTraits.of` reads the global each time).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(normalized.utf8.count)
        var dropped = false
        ScalarTraits.withTable { traitsOf in
            let hasCase = normalized.unicodeScalars.contains { traitsOf($0.value).contains(.changesWhenLowercased) }
            func keep(_ scalar: Unicode.Scalar) {
                let traits = traitsOf(scalar.value)
                if traits.contains(.keptInSlugs) || scalar == "-" {
                    UTF8.encode(scalar) { bytes.append($0) }
                } else if traits.contains(.spaceSeparator) || scalar == "\t" {
                    bytes.append(UInt8(ascii: "-"))
                } else {
                    dropped = true
                }
            }
            // Scalar by scalar, as String.lowercased() maps them, but without making a lowercased
            // copy of the whole text (that was most of a Cyrillic heading's cost).
            for scalar in normalized.unicodeScalars {
                guard hasCase, traitsOf(scalar.value).contains(.changesWhenLowercased) else {
                    keep(scalar)
                    continue
                }
                if let lower = Self.simpleLowercase(scalar.value) {
                    keep(lower)
                } else {
                    for mapped in scalar.properties.lowercaseMapping.unicodeScalars { keep(mapped) }
                }
            }
            if hasCase { dropped = true }
        }
        // Normalise again when lowercasing or a dropped character may have left a decomposed
        // sequence (a mark after removed punctuation); text kept whole is still in NFC.
        let kept = String(decoding: bytes, as: UTF8.self)
        let slug = dropped ? UnicodeForms.nfc(kept) : kept
        return slug.isEmpty ? "section" : slug
    }

    /// The lowercase of a capital letter whose mapping is one scalar at a fixed distance (Latin,
    /// Latin-1, Greek and Cyrillic capitals); nil for the others, which use Unicode's mapping.
    static func simpleLowercase(_ value: UInt32) -> Unicode.Scalar? {
        switch value {
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE, 0x391...0x3A1, 0x3A3...0x3AB, 0x410...0x42F: return Unicode.Scalar(value + 0x20)
        case 0x400...0x40F: return Unicode.Scalar(value + 0x50)
        default: return nil
        }
    }

    /// The same rules on ASCII (most tags, English headings), byte by byte: ASCII is already in
    /// NFC and lowercases to ASCII.
    private static func asciiSlug(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "-"):
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                bytes.append(byte + 0x20)
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                bytes.append(UInt8(ascii: "-"))
            default:
                break
            }
        }
        return bytes.isEmpty ? "section" : String(decoding: bytes, as: UTF8.self)
    }
}

/// A slug as a table key, hashed by its UTF-8 bytes in one call.
private struct SlugKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (left: SlugKey, right: SlugKey) -> Bool { left.text.utf8.elementsEqual(right.text.utf8) }
}
