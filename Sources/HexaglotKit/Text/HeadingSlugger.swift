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
        var result = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
                result.append(scalar)
            case .spaceSeparator:
                result.append("-")
            case .dashPunctuation where scalar == "-":
                result.append(scalar)
            default:
                if scalar == " " || scalar == "\t" { result.append("-") }
            }
        }
        // Normalise again: lowercasing and dropping characters can leave decomposed sequences.
        let slug = String(result).precomposedStringWithCanonicalMapping
        return slug.isEmpty ? "section" : slug
    }
}
