import Foundation

/// The orders pages are listed in: lists by date (newest first), then weight, then title;
/// menus by weight, then title. Titles compare by the language's collation, and the source
/// path breaks remaining ties so that output never depends on file system order.
struct PageOrder {
    let pages: [Page]
    let locale: Locale

    // Fields are read in place: copying two whole pages for each comparison was most of the
    // cost of sorting a site's lists.
    func listOrder(_ a: Int, _ b: Int) -> Bool {
        switch (pages[a].date, pages[b].date) {
        case let (dx?, dy?) where dx != dy: return dx > dy
        case (.some, nil): return true
        case (nil, .some): return false
        default: return menuOrder(a, b)
        }
    }

    func menuOrder(_ a: Int, _ b: Int) -> Bool {
        let weights = (pages[a].weight, pages[b].weight)
        if weights.0 != weights.1 { return weights.0 < weights.1 }
        let byTitle = pages[a].title.compare(pages[b].title, options: [], range: nil, locale: locale)
        if byTitle != .orderedSame { return byTitle == .orderedAscending }
        return pages[a].path < pages[b].path
    }
}
