import Foundation

/// Integers written each language's way (`٣` in Arabic), one formatter a locale: setting a
/// `NumberFormatter` up (ICU) for each count cost 400,000 instructions a call, 2.5 % of a warm
/// build of the bench site. Shared by the threads that render pages, so behind a lock.
final class LocalizedIntegers: @unchecked Sendable {
    private let lock = NSLock()
    private var formatters: [String: NumberFormatter] = [:]
    private var written: [String: [Int: String]] = [:]

    func string(_ value: Int, locale: String) -> String {
        lock.withLock {
            if let known = written[locale]?[value] { return known }
            let formatter = formatters[locale] ?? Self.formatter(locale)
            formatters[locale] = formatter
            let text = formatter.string(from: NSNumber(value: value)) ?? String(value)
            written[locale, default: [:]][value] = text
            return text
        }
    }

    private static func formatter(_ locale: String) -> NumberFormatter {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: locale)
        return formatter
    }
}
