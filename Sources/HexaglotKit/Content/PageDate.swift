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
    public init?(parsing written: String) {
        // Every accepted character is ASCII, so the bytes are parsed; Unicode white space
        // around the value is trimmed first (only looked for when an end is not plain ASCII).
        var text = written
        if let first = text.utf8.first, let last = text.utf8.last, Self.mayBeSpace(first) || Self.mayBeSpace(last) {
            text = text.trimmingCharacters(in: .whitespaces)
        }
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ digits: Int) -> Int? {
            guard position + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<position + digits] {
                guard byte &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + Int(byte &- UInt8(ascii: "0"))
            }
            position += digits
            return value
        }
        func expect(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(character.value) else { return false }
            position += 1
            return true
        }
        // Year 0000 would be 1 BC in the proleptic calendar, which no locale writes as "0".
        guard let year = number(4), year >= 1, expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), day >= 1, day <= PageDate.daysIn(month: month, year: year)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var offsetSeconds = 0
        if position < bytes.count {
            guard expect("T") || expect("t") || expect(" ") else { return nil }
            guard let h = number(2), expect(":"), let m = number(2), h < 24, m < 60 else { return nil }
            hour = h; minute = m
            if expect(":") {
                guard let s = number(2), s < 60 else { return nil }
                second = s
                if expect(".") {
                    let start = position
                    while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
                    guard position > start else { return nil }
                }
            }
            if expect("Z") || expect("z") {
            } else if position < bytes.count {
                let sign: Int
                if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
                guard let oh = number(2), expect(":") || true, let om = number(2), oh < 24, om < 60 else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
            guard position == bytes.count else { return nil }
        }
        // Plain arithmetic (proleptic Gregorian calendar): no calendar objects on every page.
        let seconds =
            PageDate.daysFromCivil(year: year, month: month, day: day) * 86_400
            + hour * 3_600 + minute * 60 + second - offsetSeconds
        self.instant = Date(timeIntervalSince1970: TimeInterval(seconds))
        self.year = year
        self.month = month
        self.dayOfMonth = day
        self.day = Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-" + Self.digits(day, 2)
        self.machineReadable = text
    }

    /// Space, tab, or the first byte of a non-ASCII character (which may be Unicode white space).
    private static func mayBeSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte >= 0x80
    }

    /// `value` with leading zeros to `count` digits (`String(format:)` is slow on Linux).
    private static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        return text.count >= count ? text : String(repeating: "0", count: count - text.count) + text
    }

    /// RFC 3339 in UTC (`1500-03-01T00:00:00Z`), counted in the proleptic Gregorian calendar
    /// like `instant` itself: Foundation's Gregorian calendar turns Julian before 1582-10-15.
    public static func timestampUTC(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2) + "T" + digits(secondOfDay / 3_600, 2) + ":"
            + digits(secondOfDay / 60 % 60, 2) + ":" + digits(secondOfDay % 60, 2) + "Z"
    }

    /// The civil date of a day counted from 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
