/// The words of a page's video cards (`VideoLink`): the page's title, for a URL written without
/// text of its own, and "Watch on YouTube" in the page's language for each platform.
public struct VideoCardText: Sendable, Hashable {
    public var pageTitle: String
    public var watchLabels: [VideoLink.Platform: String]

    public init(pageTitle: String, watchLabels: [VideoLink.Platform: String]) {
        self.pageTitle = pageTitle
        self.watchLabels = watchLabels
    }

    func watchLabel(for platform: VideoLink.Platform) -> String {
        watchLabels[platform] ?? "Watch on \(platform.rawValue)"
    }
}
