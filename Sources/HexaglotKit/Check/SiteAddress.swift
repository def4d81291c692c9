import Foundation

/// Where a URL written in the built site leads, as a browser on the published site sees it.
struct SiteAddress: Sendable {
    enum Target: Hashable, Sendable {
        /// A place in this site: the path below the site root, percent-decoded (`en/about/`), and
        /// the fragment, decoded (nil when there is none).
        case site(path: String, fragment: String?)
        /// On the site's own host, but outside its root path (`/images/a.png` when the root is `/env/`).
        case outsideRoot(path: String)
        /// http, https and mailto URLs elsewhere: listed, never fetched.
        case external
        /// `data:`, `tel:`, `javascript:` …: nothing to check or list.
        case ignored
    }

    /// `environment.example.org` (with `:port` when not the default), lowercased.
    let host: String
    /// `/` or `/env/`: every page of the site is below it.
    let rootPath: String

    init(config: SiteConfig) {
        host = Self.authority(ofOrigin: config.origin)
        rootPath = config.rootPath
    }

    init(host: String, rootPath: String) {
        self.host = host.lowercased()
        self.rootPath = rootPath
    }

    /// The address (below the root, decoded) a built file is served at: `en/a/index.html` → `en/a/`.
    static func address(ofFile path: String) -> String {
        if path == "index.html" { return "" }
        if path.hasSuffix("/index.html") { return String(path.dropLast("index.html".count)) }
        return path
    }

    /// Where `url`, written in the built file at `file` (below the output folder), leads.
    func resolve(_ url: String, in file: String, base: String? = nil) -> Target {
        if url.hasPrefix("#") { return .site(path: Self.address(ofFile: file), fragment: Self.decode(String(url.dropFirst()))) }
        if LinkResolver.hasScheme(url) {
            let colon = url.firstIndex(of: ":")!
            switch url[..<colon].lowercased() {
            case "http", "https":
                let rest = url[url.index(after: colon)...]
                guard rest.hasPrefix("//") else { return .external }
                return resolveNetworkPath(String(rest))
            case "mailto": return .external
            default: return .ignored
            }
        }
        if url.hasPrefix("//") { return resolveNetworkPath(url) }
        if url.hasPrefix("/") { return resolveAbsolutePath(url) }
        // Relative: against `<base href>` when the page has one, else the page's own address.
        var directory = rootPath + URLPath.encodePath(Self.address(ofFile: file))
        if let base, !base.isEmpty {
            switch resolve(base, in: file) {
            case .site(let path, _): directory = rootPath + URLPath.encodePath(path)
            case .outsideRoot(let path): directory = path
            case .external, .ignored: return .external
            }
        }
        if let slash = directory.lastIndex(of: "/") { directory = String(directory[...slash]) }
        return resolveAbsolutePath(directory + url)
    }

    /// `//host/path…`: this site when the host is its own.
    private func resolveNetworkPath(_ url: String) -> Target {
        let afterSlashes = url.dropFirst(2)
        let end = afterSlashes.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterSlashes.endIndex
        guard Self.normalizedAuthority(String(afterSlashes[..<end])) == host else { return .external }
        let rest = afterSlashes[end...]
        return resolveAbsolutePath(rest.hasPrefix("/") ? String(rest) : "/" + rest)
    }

    private func resolveAbsolutePath(_ url: String) -> Target {
        var path = Substring(url)
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = Self.decode(String(path[path.index(after: hash)...]))
            path = path[..<hash]
        }
        if let question = path.firstIndex(of: "?") { path = path[..<question] }
        let normalized = Self.removingDotSegments(String(path))
        if normalized + "/" == rootPath { return .site(path: "", fragment: fragment) }
        guard normalized.hasPrefix(rootPath) else { return .outsideRoot(path: normalized) }
        return .site(path: Self.decode(String(normalized.dropFirst(rootPath.count))), fragment: fragment)
    }

    /// RFC 3986's remove_dot_segments: `/a/b/../c/./d` → `/a/c/d`; never above `/`.
    static func removingDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".": if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default: output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }

    static func decode(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }

    /// `host[:port]` of an origin such as `https://example.org:8443`.
    private static func authority(ofOrigin origin: String) -> String {
        guard let range = origin.range(of: "://") else { return "" }
        return normalizedAuthority(String(origin[range.upperBound...]))
    }

    /// Lowercased, without user information or a default port.
    private static func normalizedAuthority(_ authority: String) -> String {
        var value = authority.lowercased()
        if let at = value.lastIndex(of: "@") { value = String(value[value.index(after: at)...]) }
        for port in [":80", ":443"] where value.hasSuffix(port) { value = String(value.dropLast(port.count)) }
        return value
    }
}
