import Foundation

/// Site-wide settings from `content/site.yaml`.
public struct SiteConfig: Sendable {
    /// The site title per language code.
    public var titles: [String: String]
    /// Absolute base URL, always ending in `/`.
    public var baseURL: String
    public var defaultLanguage: Language
    /// In switcher order.
    public var languages: [Language]
    public var channels: [Channel]
    /// Path of the logo below the output root (`images/logo.svg`), if any.
    public var logo: String?
    /// Raw HTML in Markdown is passed through only when the site asks for it.
    public var allowsRawHTML: Bool
    /// Parameters for templates (`site.params.<key>`).
    public var params: [YAMLNode.Entry]

    public init(titles: [String: String], baseURL: String, defaultLanguage: Language, languages: [Language],
                channels: [Channel] = [], logo: String? = nil, allowsRawHTML: Bool = false, params: [YAMLNode.Entry] = []) {
        self.titles = titles
        self.baseURL = baseURL
        self.defaultLanguage = defaultLanguage
        self.languages = languages
        self.channels = channels
        self.logo = logo
        self.allowsRawHTML = allowsRawHTML
        self.params = params
    }

    public func title(for language: Language) -> String {
        titles[language.code] ?? titles[defaultLanguage.code] ?? titles.values.sorted().first ?? ""
    }

    /// The path part of the base URL (`/` or `/sub/`): every link in the site starts with it.
    public var rootPath: String {
        guard let url = URL(string: baseURL) else { return "/" }
        var path = url.path
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// `https://example.org` (no trailing slash): prefix for making root-relative links absolute.
    public var origin: String {
        guard let url = URL(string: baseURL), let scheme = url.scheme, let host = url.host else { return "" }
        if let port = url.port { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }
}
