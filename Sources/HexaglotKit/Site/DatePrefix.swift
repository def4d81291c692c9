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

    /// The first ten characters of a name that is shaped like a dated one (`2026-02-30-visit`:
    /// digits, `-`, digits, `-`, digits, then `-` or `_`) but whose date is not one; else nil.
    static func impossibleDate(in name: String) -> String? {
        let scalars = Array(name.unicodeScalars.prefix(11))
        guard scalars.count == 11, split(name) == nil, scalars[4] == "-", scalars[7] == "-", scalars[10] == "-" || scalars[10] == "_",
            [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ ("0"..."9").contains(scalars[$0]) })
        else { return nil }
        return String(String.UnicodeScalarView(scalars[..<10]))
    }

    /// A date (`YYYY-MM-DD`), then `-` or `_`, then at least one more character.
    private static func split(_ name: String) -> (date: PageDate, rest: String)? {
        // On the bytes: a date is ASCII, and most names have none (counting Characters first cost
        // more than the rest of making a page).
        let bytes = name.utf8
        guard bytes.count > 11, let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            bytes.prefix(10).allSatisfy({ $0 < 0x80 })
        else { return nil }
        let separator = bytes.index(bytes.startIndex, offsetBy: 10)
        guard bytes[bytes.index(bytes.startIndex, offsetBy: 4)] == UInt8(ascii: "-"),
            bytes[bytes.index(bytes.startIndex, offsetBy: 7)] == UInt8(ascii: "-"),
            bytes[separator] == UInt8(ascii: "-") || bytes[separator] == UInt8(ascii: "_"),
            let date = PageDate(parsing: String(name[..<separator]))
        else { return nil }
        return (date, String(name[bytes.index(after: separator)...]))
    }
}
