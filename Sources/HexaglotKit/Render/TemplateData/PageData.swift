/// `page`: the page being rendered. Generated pages (tag lists, 404) have only some fields.
struct PageData: TemplateData {
    var title: String
    var kind: String
    var isHome: Bool
    var content: Markup
    var url: String
    var permalink: String
    var canonical: String
    var tags: [TagLink]
    var params: OpenValues
    var hasTags: Bool?
    var readingMinutes: Int?
    var readingTime: String?
    var toc: [TocEntry]?
    var date: DateData?
    var summary: String?
    var image: String?
    var isFallback: Bool?
    var noindex: Bool?
    var fallback: FallbackData?
    var alternates: [Alternate]?
    var ogLocaleAlternates: [String]?
    var jsonLD: Markup?

    static let templateFields = TemplateFields<Self>(
        "page", "The page being rendered.",
        [
            .field("title", \.title, "its title"),
            .field("kind", \.kind, "`home`, `page`, `section`, `tag`, `tags` or `404`"),
            .field("isHome", \.isHome, "a language's home page"),
            .field("content", \.content, "the rendered Markdown body: `{{{page.content}}}`"),
            .field("url", \.url, "its URL path"),
            .field("permalink", \.permalink, "its absolute URL"),
            .field("canonical", \.canonical, "the absolute URL search engines should index (a fallback copy's original)"),
            .field("tags", \.tags, "its tags"),
            .field("params", \.params, "front matter `params`, as written"),
            .field("hasTags", \.hasTags, "it has tags"),
            .field("readingMinutes", \.readingMinutes, "minutes to read the body"),
            .field("readingTime", \.readingTime, "the same in words, plural-aware (`i18n` `reading_time`)"),
            .field("toc", \.toc, "the body's second-level headings"),
            .field("date", \.date, "its date (absent if none)"),
            .field("summary", \.summary, "plain-text summary: front matter's, the text before `<!--more-->`, or the first paragraph"),
            .field("image", \.image, "absolute URL of its image for sharing: front matter `image` or the body's first"),
            .field("isFallback", \.isFallback, "a copy of another language's page, published where no translation exists"),
            .field("noindex", \.noindex, "search engines should not index it"),
            .field("fallback", \.fallback, "for a fallback copy: the language it is in"),
            .field("alternates", \.alternates, "its translations for `<link rel=\"alternate\" hreflang>`, with x-default"),
            .field("ogLocaleAlternates", \.ogLocaleAlternates, "Open Graph locales of its translations"),
            .field("jsonLD", \.jsonLD, "schema.org Organization JSON for the home page: `{{{page.jsonLD}}}`"),
        ])
}

/// A date as pages show it.
struct DateData: TemplateData {
    var iso: String
    var display: String

    static let templateFields = TemplateFields<Self>(
        "date", "A date.",
        [
            .field("iso", \.iso, "machine-readable, for `<time datetime>`"),
            .field("display", \.display, "written out in the page's language (`2026年11月20日`)"),
        ])
}

/// A tag of a page, linking its tag page.
struct TagLink: TemplateData {
    var name: String
    var url: String

    static let templateFields = TemplateFields<Self>(
        "tag link", "A tag of a page.",
        [
            .field("name", \.name, "its name (i18n `tag.<slug>`, else its first spelling on the site)"),
            .field("url", \.url, "its tag page"),
        ])
}

/// A heading of a page's table of contents.
struct TocEntry: TemplateData {
    var title: String
    var id: String

    static let templateFields = TemplateFields<Self>(
        "heading", "A second-level heading of the body.",
        [
            .field("title", \.title, "its text"),
            .field("id", \.id, "its anchor"),
        ])
}

/// The language a fallback copy is in.
struct FallbackData: TemplateData {
    var code: String
    var name: String
    var locale: String
    var dir: String
    var url: String

    static let templateFields = TemplateFields<Self>(
        "fallback", "The page a fallback copy shows.",
        [
            .field("code", \.code, "its language's code"),
            .field("name", \.name, "its language's name"),
            .field("locale", \.locale, "its language's BCP 47 tag"),
            .field("dir", \.dir, "its language's direction"),
            .field("url", \.url, "the original page"),
        ])
}

/// A translation of the page for `<link rel="alternate" hreflang>`.
struct Alternate: TemplateData {
    var hreflang: String
    var href: String

    static let templateFields = TemplateFields<Self>(
        "alternate", "A translation of the page.",
        [
            .field("hreflang", \.hreflang, "its BCP 47 tag, or `x-default`"),
            .field("href", \.href, "its absolute URL"),
        ])
}
