/// Everything of a page that its search index entry is made from, and nothing else: the index
/// cache's key (`SearchIndexCache.key`) is a fingerprint of these, so what the index reads and
/// what the key covers cannot drift apart.
struct SearchPageInput {
    var url: String
    var title: String
    var section: String
    /// The tags' display names, space-separated.
    var tags: String
    var summary: String?
    /// The body as the Markdown stage rendered it.
    var html: [UInt8]
    var boost: Float

    func add(to postings: inout SearchPostings) {
        let text = SearchPlainText.text(ofHTML: html)
        var fields = [SearchPostings.Field(text: title, weight: 3), .init(text: tags, weight: 2)]
        var excerpt = text
        // The summary is shown in lists and the page's description, not on the page: it counts half.
        if let summary {
            fields.append(.init(text: summary, weight: 0.5))
            excerpt = summary + " " + text
        }
        fields.append(.init(text: text, weight: 1))
        let document = SearchDocument(url: url, title: title, section: section, excerptText: excerpt)
        postings.add(document, fields: fields, boost: boost)
    }

    /// A fingerprint of everything above: the page's part of the index key, and how an earlier
    /// build's postings of the page are recognised (`SearchPostingsArchive`).
    var fingerprint: String {
        var fingerprint = ContentFingerprint()
        combine(into: &fingerprint)
        return fingerprint.hex
    }

    func combine(into fingerprint: inout ContentFingerprint) {
        for text in [url, title, section, tags] { fingerprint.combine(text) }
        fingerprint.combine(summary.map { 1 + $0.utf8.count } ?? 0)
        if let summary { fingerprint.combine(summary) }
        fingerprint.combine(html)
        fingerprint.combine(Int(boost.bitPattern))
    }
}
