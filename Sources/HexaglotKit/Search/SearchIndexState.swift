/// The search indexes of a build and the pages each holds, so that `serve` can index an edited
/// page's language again (`SearchStage.update`).
struct SearchIndexState: Sendable {
    /// One language's index: its pages (in document order) and its files.
    struct Language: Sendable {
        var pages: [Int]
        var files: SearchIndexFiles
        /// Pages whose text this build read (the others' postings came from the search cache).
        var pagesRead: Int
    }

    /// By language code.
    var languages: [String: Language]

    /// Every language's index, in `order`.
    func indexes(in order: [String]) -> [SearchIndexFiles] {
        order.compactMap { languages[$0]?.files }
    }
}
