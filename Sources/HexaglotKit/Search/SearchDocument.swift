/// What a search result shows of a page: its address, title, section and the text its
/// excerpt is cut from (the browser finds the matches in it).
struct SearchDocument: Sendable {
    var url: String
    var title: String
    var section: String
    var excerptText: String

    /// Longest excerpt text kept, in Unicode scalars: enough for the matches of nearly every
    /// page, bounded so one result's text stays a few kilobytes on a slow link.
    static let excerptLimit = 2500

    init(url: String, title: String, section: String, excerptText: String) {
        self.url = url
        self.title = title
        self.section = section
        let scalars = excerptText.unicodeScalars
        // Counting stops at the limit: most pages are longer, and counting them whole costs.
        if let end = scalars.index(scalars.startIndex, offsetBy: Self.excerptLimit, limitedBy: scalars.endIndex), end < scalars.endIndex {
            self.excerptText = String(scalars[..<end])
        } else {
            self.excerptText = excerptText
        }
    }
}
