import Foundation

/// GitHub-compatible heading ids: NFC, lowercase, Unicode letters, marks and digits kept,
/// punctuation dropped, spaces to `-`, and `-1`, `-2` … for repeats within a page.
/// So `## 消除持久性有机污染物` keeps its characters and `## Привет мир` becomes `привет-мир`.
public struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

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
        var result = String.UnicodeScalarView()
        // lowercased() maps scalar by scalar; Chinese or Arabic headings have nothing it changes.
        let normalized = UnicodeForms.nfc(text)
        let hasCase = ScalarTraits.withTable { traitsOf in
            normalized.unicodeScalars.contains { traitsOf($0.value).contains(.changesWhenLowercased) }
        }
        // One access to the traits table for the whole loop (`ScalarTraits.of` reads the global each time).
        ScalarTraits.withTable { traitsOf in
            for scalar in (hasCase ? normalized.lowercased() : normalized).unicodeScalars {
                let traits = traitsOf(scalar.value)
                if traits.contains(.keptInSlugs) || scalar == "-" {
                    result.append(scalar)
                } else if traits.contains(.spaceSeparator) || scalar == "\t" {
                    result.append("-")
                }
            }
        }
        // Normalise again: lowercasing and dropping characters can leave decomposed sequences.
        let slug = UnicodeForms.nfc(String(result))
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
