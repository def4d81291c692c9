/// A tag as a page lists it: its URL slug, the name it is shown with (the UI strings'
/// `tag.<slug>`, else the site's first spelling) and its tag page's URL.
struct PageTag: Sendable {
    let slug: String
    let name: String
    let url: String
}
