import Foundation

/// GitHub-compatible heading ids: NFC, lowercase, Unicode letters, marks and digits kept,
/// punctuation dropped, spaces to `-`, and `-1`, `-2` … for repeats within a page.
/// So `## 消除持久性有机污染物` keeps its characters and `## Привет мир` becomes `привет-мир`.
public struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    /// Room for `count` headings, so the table is not grown while a page's headings are named.
    public init(expectedCount count: Int) {
        used.reserveCapacity(count)
    }

    public mutating func slug(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        if let count = used[base] {
            var next = count
            repeat {
                next += 1
                candidate = "\(base)-\(next)"
            } while used[candidate] != nil
            used[base] = next
        }
        used[candidate] = 0
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
            for scalar in (hasCase ? normalized.lowercased() : normalized).unicodeScalars {
                let traits = traitsOf(scalar.value)
                if traits.contains(.keptInSlugs) || scalar == "-" {
                    UTF8.encode(scalar) { bytes.append($0) }
                } else if traits.contains(.spaceSeparator) || scalar == "\t" {
                    bytes.append(UInt8(ascii: "-"))
                } else {
                    dropped = true
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
