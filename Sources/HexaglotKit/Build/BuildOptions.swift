import Foundation

/// What to build and how.
public struct BuildOptions: Sendable {
    /// The site folder: it holds `content/` and `templates/`.
    public var source: URL
    /// Where the site is written; `public/` in the site folder by default.
    public var output: URL
    /// Replaces site.yaml's baseURL (preview deployments).
    public var baseURL: String?
    public var includeDrafts = false
    public var includeFuture = false
    /// "Now" for leaving out pages dated in the future.
    public var now = Date()
    /// Pages larger than this are refused before Markdown sees them.
    public var maximumPageBytes = 2 * 1024 * 1024
    /// Markdown rendering of one file taking longer than this (seconds) stops the build;
    /// site.yaml's `markdownTimeLimit` takes precedence.
    public var markdownTimeLimit: Double = 10
    /// Called with a one-line progress text as pages are done (a terminal shows it; may be frequent).
    public var progress: (@Sendable (String) -> Void)?
    /// Leave the output untouched when nothing that produced it has changed (see `BuildManifest`).
    public var skipsUnchangedBuilds = false
    /// Let the build replace whatever the output folder holds (its hidden entries aside), also
    /// without a record of an earlier build there (`--clean-destination`).
    public var cleansDestination = false
    /// Results of earlier builds to reuse (see `BuildCache`); nil builds everything.
    public var cache: BuildCache?
    /// The theme folder; `templates/` in the site folder by default.
    public var templates: URL
    /// Keep, for each page, its Markdown links as written and as published with their places
    /// (`RenderedBody.links`): `check` traces problems back to them.
    public var recordsLinks = false

    public init(source: URL, output: URL? = nil) {
        self.source = source.standardizedFileURL
        self.output = (output ?? source.appendingPathComponent("public")).standardizedFileURL
        self.templates = self.source.appendingPathComponent("templates")
    }

    /// A path as diagnostics show it: relative to the site folder when inside it (`templates`,
    /// `content/en/a.md`), else absolute (a theme folder elsewhere).
    func displayPath(of url: URL) -> String {
        let path = url.standardizedFileURL.path
        let root = source.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
