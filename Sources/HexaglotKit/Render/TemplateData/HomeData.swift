/// `home`: what a language's home page lists.
struct HomeData: TemplateData {
    var sections: [HomeSection]

    static let templateFields = TemplateFields<Self>(
        "home", "What a language's home page lists.",
        [
            .field("sections", \.sections, "the top-level folders")
        ])
}
