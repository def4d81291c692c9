import Foundation

/// The orders pages are listed in: lists by date (newest first), then weight, then title;
/// menus by weight, then title. Titles compare by the language's collation, and the source
/// path breaks remaining ties so that output never depends on file system order.
struct PageOrder {
    let pages: [Page]
    let locale: Locale

    func listOrder(_ a: Int, _ b: Int) -> Bool {
        let x = pages[a], y = pages[b]
        switch (x.date, y.date) {
        case let (dx?, dy?) where dx != dy: return dx > dy
        case (.some, nil): return true
        case (nil, .some): return false
        default: return menuOrder(a, b)
        }
    }

    func menuOrder(_ a: Int, _ b: Int) -> Bool {
        let x = pages[a], y = pages[b]
        if x.weight != y.weight { return x.weight < y.weight }
        let byTitle = x.title.compare(y.title, options: [], range: nil, locale: locale)
        if byTitle != .orderedSame { return byTitle == .orderedAscending }
        return x.path < y.path
    }
}
