/// One language's search index as published: its files and what the search page needs to
/// find them (`manifest`, JSON for the page's `data-search-index`).
struct SearchIndexFiles: Sendable {
    var languageCode: String
    /// `<lang>/search/<version>`, which holds every file and nothing else.
    var folder: String
    var files: [OutputFile]
    var manifest: String
    var documentCount: Int
}
