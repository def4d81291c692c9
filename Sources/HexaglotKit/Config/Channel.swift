/// An official channel (social media, the organisation's home page) linked from every page.
public struct Channel: Hashable, Sendable {
    public var name: String
    public var url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}
