/// The search indexes of a build and the documents they were made from, so that `serve` can
/// index an edited page again without analysing every other page (`SearchStage.update`).
struct SearchIndexState: Sendable {
    /// One language's index: its pages (in document order), their documents, its files.
    struct Language: Sendable {
        var pages: [Int]
        /// Kept only for in-place updates (empty otherwise: they are large).
        var documents: [SearchDocument]
        var files: SearchIndexFiles
    }

    /// By language code.
    var languages: [String: Language]

    /// Every language's index, in `order`.
    func indexes(in order: [String]) -> [SearchIndexFiles] {
        order.compactMap { languages[$0]?.files }
    }
}
