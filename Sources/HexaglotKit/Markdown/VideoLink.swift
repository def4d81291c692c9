import Foundation

/// A link to a video on a platform whose embedded player is heavy (a YouTube embed fetches about
/// 1.7 MB before the reader does anything): written alone in a paragraph, it becomes a light
/// card that links there, and nothing is requested from the platform until the reader follows it.
public struct VideoLink: Equatable, Sendable {
    public enum Platform: String, Sendable {
        case youTube = "YouTube"
        case facebook = "Facebook"
    }

    public var platform: Platform
    /// Where the card leads: YouTube's watch page for the video (whatever form of URL was
    /// written: youtu.be, shorts, embed, live), or the Facebook URL as written.
    public var url: String

    /// Nil for anything but an http(s) URL of a video on one of the platforms.
    public init?(_ text: String) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host?.lowercased(), components.user == nil
        else { return nil }
        let segments = components.path.split(separator: "/").map(String.init)
        switch host {
        case "youtu.be":
            guard let id = segments.first else { return nil }
            self.init(youTubeID: id)
        case "youtube.com", "www.youtube.com", "m.youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com":
            if segments == ["watch"], let id = components.queryItems?.first(where: { $0.name == "v" })?.value {
                self.init(youTubeID: id)
            } else if segments.count == 2, ["shorts", "embed", "live", "v"].contains(segments[0]) {
                self.init(youTubeID: segments[1])
            } else {
                return nil
            }
        case "fb.watch":
            guard !segments.isEmpty, scheme == "https" else { return nil }
            self.init(platform: .facebook, url: text)
        case "facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com":
            let isVideo =
                segments.contains("videos") || segments.first == "reel"
                || (segments == ["watch"] && components.queryItems?.contains { $0.name == "v" } == true)
            guard isVideo, scheme == "https" else { return nil }
            self.init(platform: .facebook, url: text)
        default:
            return nil
        }
    }

    private init?(youTubeID id: String) {
        // Video ids are 11 characters of the URL-safe base64 alphabet.
        guard id.utf8.count == 11,
            id.utf8.allSatisfy({
                ($0 | 0x20) &- UInt8(ascii: "a") < 26 || $0 &- UInt8(ascii: "0") < 10 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
            })
        else { return nil }
        self.init(platform: .youTube, url: "https://www.youtube.com/watch?v=" + id)
    }

    private init(platform: Platform, url: String) {
        self.platform = platform
        self.url = url
    }
}
