/// The ids a page's headings get in the build (`HeadingSlugger` over each heading's text, in
/// order; a first level-1 heading that is the page's title is left out, as the renderer leaves
/// it out), so that a link to `page.md#heading` can be pointed at the same heading of the
/// page's translation.
struct HeadingAnchors {
    /// Each heading's level and id, in the page's order.
    var headings: [(level: Int, id: String)]

    /// `texts`: each heading's level and plain text, in order.
    init(texts: [(level: Int, text: String)], dropsTitleHeading: Bool) {
        var slugger = HeadingSlugger(expectedCount: texts.count)
        headings = texts.enumerated().compactMap { index, heading in
            if index == 0, heading.level == 1, dropsTitleHeading { return nil }
            return (heading.level, slugger.slug(for: heading.text))
        }
    }

    /// The headings of a page as the site read it.
    init(page: Page) {
        var texts: [(level: Int, text: String)] = []
        func walk(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                if case .heading(let level) = block.kind { texts.append((level, MarkdownInline.plainText(block.inlines))) }
                walk(block.children)
            }
        }
        walk(MarkdownRenderer.parse(page.body).blocks)
        self.init(texts: texts, dropsTitleHeading: page.titleFromHeading)
    }

    /// The id in `translation` for the heading whose id here is `fragment`: the heading at the
    /// same place when both pages have the same headings (the same levels in the same order);
    /// else `fragment` itself if the translation has a heading with that id; else nil.
    func fragment(_ fragment: String, in translation: HeadingAnchors) -> String? {
        if let index = headings.firstIndex(where: { $0.id == fragment }), headings.map(\.level) == translation.headings.map(\.level) {
            return translation.headings[index].id
        }
        return translation.headings.contains { $0.id == fragment } ? fragment : nil
    }
}
