/// A page in a list (a section, a tag page, the home page's sections).
struct ListEntry: TemplateData {
    var title: String
    var url: String
    var kind: String
    var tags: [TagLink]
    var summary: String?
    var date: DateData?

    static let templateFields = TemplateFields<Self>(
        "list entry", "A page in a list.",
        [
            .field("title", \.title, "its title"),
            .field("url", \.url, "its URL path"),
            .field("kind", \.kind, "`page` or `section`"),
            .field("tags", \.tags, "its tags"),
            .field("summary", \.summary, "its summary (absent if empty)"),
            .field("date", \.date, "its date (absent if none)"),
        ])
}

/// `section`: the folder a list page shows.
struct SectionData: TemplateData {
    var title: String
    var url: String
    var content: Markup
    var pages: [Lowered<ListEntry>]
    var subsections: [Lowered<ListEntry>]
    var hasPages: Bool

    static let templateFields = TemplateFields<Self>(
        "section", "The folder a list page shows (home and section pages).",
        [
            .field("title", \.title, "its title"),
            .field("url", \.url, "its URL path"),
            .field("content", \.content, "its `_index.md` body, rendered"),
            .field("pages", \.pages, "its pages on this list page, newest first"),
            .field("subsections", \.subsections, "its subfolders"),
            .field("hasPages", \.hasPages, "this list page lists any page"),
        ])
}

/// `pagination`: the links between the pages of a long list.
struct PaginationData: TemplateData {
    var current: Int
    var total: Int
    var pages: [PageNumber]
    var prevURL: String?
    var nextURL: String?

    static let templateFields = TemplateFields<Self>(
        "pagination", "Links between the pages of a list (lists of more than one page).",
        [
            .field("current", \.current, "this page's number"),
            .field("total", \.total, "how many pages"),
            .field("pages", \.pages, "the first, the last and two pages each side of the current one"),
            .field("prevURL", \.prevURL, "the previous page (absent on the first)"),
            .field("nextURL", \.nextURL, "the next page (absent on the last)"),
        ])
}

/// A page number of a pagination, or a gap where numbers are left out.
struct PageNumber: TemplateData {
    var number: Int?
    var url: String?
    var isCurrent: Bool?
    var isGap: Bool?

    static let templateFields = TemplateFields<Self>(
        "page number", "A page number, or a gap.",
        [
            .field("number", \.number, "the number"),
            .field("url", \.url, "its page"),
            .field("isCurrent", \.isCurrent, "the page being rendered"),
            .field("isGap", \.isGap, "numbers are left out here (then the other fields are absent)"),
        ])
}

/// `home`: what a language's home page lists.
struct HomeData: TemplateData {
    var sections: [HomeSection]

    static let templateFields = TemplateFields<Self>(
        "home", "What a language's home page lists.",
        [
            .field("sections", \.sections, "the top-level folders")
        ])
}

/// A top-level folder on the home page, with its newest pages.
struct HomeSection: TemplateData {
    var title: String
    var url: String
    var pages: [Lowered<ListEntry>]
    var hasMore: Bool
    var summary: String?

    static let templateFields = TemplateFields<Self>(
        "home section", "A top-level folder with its six newest pages.",
        [
            .field("title", \.title, "its title"),
            .field("url", \.url, "its list"),
            .field("pages", \.pages, "its six newest pages"),
            .field("hasMore", \.hasMore, "it has more than six"),
            .field("summary", \.summary, "its summary (absent if empty)"),
        ])
}

/// `tag`: the tag a tag page lists.
struct TagData: TemplateData {
    var name: String
    var slug: String
    var pages: [Lowered<ListEntry>]

    static let templateFields = TemplateFields<Self>(
        "tag", "The tag a tag page lists.",
        [
            .field("name", \.name, "its name"),
            .field("slug", \.slug, "its URL name"),
            .field("pages", \.pages, "its pages on this list page"),
        ])
}

/// A tag on the tags page.
struct TagIndexEntry: TemplateData {
    var name: String
    var url: String
    var count: Int
    var countLabel: String

    static let templateFields = TemplateFields<Self>(
        "tag entry", "A tag of the language, on its tags page.",
        [
            .field("name", \.name, "its name"),
            .field("url", \.url, "its tag page"),
            .field("count", \.count, "how many pages have it"),
            .field("countLabel", \.countLabel, "the same in words, plural-aware (`i18n` `page_count`)"),
        ])
}
