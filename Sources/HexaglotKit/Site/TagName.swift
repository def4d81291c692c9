/// What makes two tags one, and the URL part of a tag.
///
/// A tag is its NFKC case-folded name: `Ozone`, `OZONE` and full-width `ＯＺＯＮＥ` are one tag,
/// shown as first spelled. Its slug keeps letters and digits as heading ids do, and spells out
/// the symbols that make names such as `C++`, `C#` and `C` different, as Hugo users expect
/// separate tags there: `c-plus-plus`, `c-sharp`, `c`. Slugs never depend on which other tags
/// exist, so a tag's URL stays the same when tags are added.
enum TagName {
    static func key(_ name: String) -> String {
        UnicodeForms.nfkcCaseFolded(name)
    }

    private static let spelledOut: [Unicode.Scalar: String] = ["+": "plus", "#": "sharp", "&": "and", "@": "at", "%": "percent"]

    /// The tag's URL part, from its name in any spelling; nil when the name has no letter, digit
    /// or spelled-out symbol to make one from (`!`).
    static func slug(_ name: String) -> String? {
        let key = key(name)
        guard key.unicodeScalars.contains(where: { spelledOut[$0] != nil }) else { return headingSlug(key) }
        var text = String.UnicodeScalarView()
        var afterWord = false
        func separate() {
            if let last = text.last, last != " ", last != "-" { text.append("-") }
        }
        for scalar in key.unicodeScalars {
            if let word = spelledOut[scalar] {
                separate()
                text.append(contentsOf: word.unicodeScalars)
                afterWord = true
            } else {
                if afterWord, scalar != " ", scalar != "-" { separate() }
                text.append(scalar)
                afterWord = false
            }
        }
        return headingSlug(String(text))
    }

    /// HeadingSlugger's slug, without its "section" for text that keeps nothing.
    private static func headingSlug(_ text: String) -> String? {
        let slug = HeadingSlugger.slug(text)
        return slug == "section" && !text.contains("section") ? nil : slug
    }
}
