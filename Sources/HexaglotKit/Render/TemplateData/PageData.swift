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
    var images: PhotoFields?
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
            .field("kind", \.kind, "`home`, `page`, `section`, `tag`, `tags`, `404` or `search`"),
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
            .field("images", \.images, "the photos its front matter fields name, for the fields site.yaml lists: `page.images.hero.src`"),
            .field("isFallback", \.isFallback, "a copy of another language's page, published where no translation exists"),
            .field("noindex", \.noindex, "search engines should not index it"),
            .field("fallback", \.fallback, "for a fallback copy: the language it is in"),
            .field("alternates", \.alternates, "its translations for `<link rel=\"alternate\" hreflang>`, with x-default"),
            .field("ogLocaleAlternates", \.ogLocaleAlternates, "Open Graph locales of its translations"),
            .field("jsonLD", \.jsonLD, "schema.org Organization JSON for the home page: `{{{page.jsonLD}}}`"),
        ])
}
