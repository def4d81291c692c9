import Foundation

/// A key of a template name (`title` in `page.title`) with a number that every shape shares, so
/// a typed value finds its field by indexing an array instead of hashing the key's text on each
/// look-up (hashing was the largest cost of template look-ups). Open maps still use the text.
struct TemplateKey: Sendable, Equatable {
    let text: String
    let id: Int

    init(_ text: String) {
        self.text = text
        id = TemplateKeyRegistry.shared.id(of: text)
    }
}

/// The numbers of every key seen so far: shapes' field names when a shape is made, template
/// names when a template is parsed. Both happen once per build, never while rendering.
final class TemplateKeyRegistry: @unchecked Sendable {
    static let shared = TemplateKeyRegistry()

    private let lock = NSLock()
    private var ids: [String: Int] = [:]

    func id(of text: String) -> Int {
        lock.withLock {
            if let id = ids[text] { return id }
            let id = ids.count
            ids[text] = id
            return id
        }
    }
}
