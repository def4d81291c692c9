extension Site {
    /// The same site with every page's Markdown text dropped: what the stages after Markdown
    /// and `serve`'s snapshot keep (they read rendered bodies, never `Page.body`).
    var withoutPageBodies: Site {
        var site = self
        for index in site.pages.indices { site.pages[index].body = "" }
        return site
    }
}
