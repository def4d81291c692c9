/// The date-prefix rule of file and folder names: `2026-11-20-montreal` (or `2026-11-20_montreal`)
/// is dated 2026-11-20 and published, and titled when it has no title, as `montreal`.
enum DatePrefix {
    /// The date a name starts with, if it starts with one.
    static func date(of name: String) -> PageDate? {
        split(name)?.date
    }

    /// The name without its date prefix; the name itself when it has none.
    static func stripped(_ name: String) -> String {
        split(name)?.rest ?? name
    }

    /// A date (`YYYY-MM-DD`), then `-` or `_`, then at least one more character.
    private static func split(_ name: String) -> (date: PageDate, rest: String)? {
        guard name.count > 11 else { return nil }
        let separator = name.index(name.startIndex, offsetBy: 10)
        guard name[separator] == "-" || name[separator] == "_", let date = PageDate(parsing: String(name[..<separator])) else {
            return nil
        }
        return (date, String(name[name.index(after: separator)...]))
    }
}
