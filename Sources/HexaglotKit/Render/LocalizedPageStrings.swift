import Foundation

/// Strings formatted with each page's locale, made once per build (formatters are costly).
struct LocalizedPageStrings {
    var dates: [Int: String] = [:]
    var readingTimes: [Int: String] = [:]

    init() {}

    init(site: Site, bodies: [RenderedBody], localization: Localization) {
        var dateFormatters: [String: LongDateFormatter] = [:]
        var dateCache: [String: String] = [:]
        var timeCache: [String: String] = [:]
        for (index, page) in site.pages.enumerated() {
            let language = page.language
            if let date = page.date {
                let key = language.code + date.day
                if dateCache[key] == nil {
                    let formatter = dateFormatters[language.code] ?? LongDateFormatter(language: language)
                    dateFormatters[language.code] = formatter
                    dateCache[key] = formatter.string(from: date)
                }
                dates[index] = dateCache[key]
            }
            let minutes = bodies[index].readingMinutes
            guard minutes > 0 else { continue }
            let key = language.code + "\(minutes)"
            if timeCache[key] == nil { timeCache[key] = Self.readingTime(minutes, in: language, localization: localization) }
            readingTimes[index] = timeCache[key]
        }
    }

    /// "3 minutes' read" in the language's words; none for an empty page.
    static func readingTime(_ minutes: Int, in language: Language, localization: Localization) -> String? {
        minutes > 0 ? localization.plural("reading_time", count: minutes, in: language) : nil
    }
}
