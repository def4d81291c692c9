import Foundation

/// A page's date as written in front matter or in the file name: a calendar date, or a date-time.
public struct PageDate: Hashable, Sendable, Comparable {
    /// The instant, for sorting and feeds. A date without a time is midnight UTC.
    public var instant: Date
    /// `YYYY-MM-DD`, the calendar date as written (not shifted by time zones).
    public var day: String
    /// The machine-readable value for `<time datetime>`: the date, or the full date-time as written.
    public var machineReadable: String
    public var year: Int, month: Int, dayOfMonth: Int

    public static func < (lhs: PageDate, rhs: PageDate) -> Bool { lhs.instant < rhs.instant }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fff]]` and `Z` or `±HH:MM`.
    public init?(parsing text: String) {
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
        var position = 0
        func number(_ digits: Int) -> Int? {
            guard position + digits <= scalars.count else { return nil }
            var value = 0
            for scalar in scalars[position..<position + digits] {
                guard scalar.properties.numericType != nil, scalar.isASCII,
                      let digit = Int(String(scalar)) else { return nil }
                value = value * 10 + digit
            }
            position += digits
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard position < scalars.count, Character(scalars[position]) == character else { return false }
            position += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), day >= 1, day <= PageDate.daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0
        var offsetSeconds = 0
        if position < scalars.count {
            guard expect("T") || expect("t") || expect(" ") else { return nil }
            guard let h = number(2), expect(":"), let m = number(2), h < 24, m < 60 else { return nil }
            hour = h; minute = m
            if expect(":") {
                guard let s = number(2), s < 60 else { return nil }
                second = s
                if expect(".") {
                    let start = position
                    while position < scalars.count, scalars[position].isASCII,
                          scalars[position].properties.numericType != nil { position += 1 }
                    guard position > start else { return nil }
                }
            }
            if expect("Z") || expect("z") {
            } else if position < scalars.count {
                let sign: Int
                if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
                guard let oh = number(2), expect(":") || true, let om = number(2), oh < 24, om < 60 else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
            guard position == scalars.count else { return nil }
        }
        // Plain arithmetic (proleptic Gregorian calendar): no calendar objects on every page.
        let seconds = PageDate.daysFromCivil(year: year, month: month, day: day) * 86_400
            + hour * 3_600 + minute * 60 + second - offsetSeconds
        self.instant = Date(timeIntervalSince1970: TimeInterval(seconds))
        self.year = year
        self.month = month
        self.dayOfMonth = day
        self.day = String(format: "%04d-%02d-%02d", year, month, day)
        self.machineReadable = String(String.UnicodeScalarView(scalars))
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
