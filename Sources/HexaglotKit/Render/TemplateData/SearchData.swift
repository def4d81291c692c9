/// `search`: on a language's search page, what its script needs and what it shows without it.
struct SearchData: TemplateData {
    var index: String
    var scriptURL: String
    var documentCount: Int
    var sections: [Crumb]

    static let templateFields = TemplateFields<Self>(
        "search", "The language's search index, on its search page.",
        [
            .field("index", \.index, "where the index files are and how they are split (JSON, for `data-search-index`)"),
            .field("scriptURL", \.scriptURL, "the search script (one file for every language, its name a hash of its content)"),
            .field("documentCount", \.documentCount, "how many pages the index holds"),
            .field("sections", \.sections, "the language's top-level sections, linked where search cannot run (no JavaScript)"),
        ])
}
