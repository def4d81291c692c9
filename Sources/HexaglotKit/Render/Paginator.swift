/// Page numbers of list pages: page 1 at the list's own URL, then `page/2/`, `page/3/` …
enum Paginator {
    static func path(of path: String, page: Int) -> String {
        page <= 1 ? path : path + "page/\(page)/"
    }

    /// A list cut into pages of `size` items; an empty list still has its (empty) first page.
    static func split(_ items: [Int], size: Int) -> [ArraySlice<Int>] {
        guard !items.isEmpty else { return [items[...]] }
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    /// The page numbers a list page links to: the first, the last and two on each side of the
    /// current one, with nil where numbers are left out. Listing every page would make each page
    /// of a long list grow with the list (and the whole list with its square).
    static func window(current: Int, count: Int, radius: Int = 2) -> [Int?] {
        var numbers: [Int?] = []
        var previous = 0
        for n in 1...max(count, 1) where n == 1 || n == count || abs(n - current) <= radius {
            if n > previous + 1 { numbers.append(n == previous + 2 ? previous + 1 : nil) }
            numbers.append(n)
            previous = n
        }
        return numbers
    }
}
