/// A heading of a rendered page, with the id its anchor got.
public struct Heading: Hashable, Sendable {
    public var level: Int
    public var text: String
    public var id: String
}
