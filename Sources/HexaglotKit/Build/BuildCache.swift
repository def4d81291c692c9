import Foundation

/// What one build keeps for the next, so a rebuild redoes only what changed (`serve` keeps one
/// for its whole run). Every entry is keyed by everything that went into it: a parsed page by
/// the file's bytes, rendered Markdown by its text and the site's link targets, an HTML file
/// by a hash of the templates and of its full template context. So reusing an entry gives the
/// same bytes a clean build would.
public final class BuildCache: @unchecked Sendable {
    struct ParsedPage {
        var data: Data
        var source: PageSource?
        var problems: [Diagnostic]
    }

    struct RenderedMarkdownEntry {
        var key: UInt64
        var body: RenderedBody
        var problems: [Diagnostic]
    }

    struct RenderedFile {
        var fingerprint: UInt64
        var bytes: Data
    }

    private let lock = NSLock()
    private var parsed: [String: ParsedPage] = [:]
    private var markdown: [String: RenderedMarkdownEntry] = [:]
    private var files: [String: RenderedFile] = [:]

    private var lastBuild: BuildSnapshot?

    public init() {}

    /// The last good build, for in-place page updates; cleared when a full build starts.
    var snapshot: BuildSnapshot? {
        get { lock.withLock { lastBuild } }
        set { lock.withLock { lastBuild = newValue } }
    }

    func parsedPage(_ path: String, data: Data) -> ParsedPage? {
        lock.withLock { parsed[path].flatMap { $0.data == data ? $0 : nil } }
    }

    func storeParsedPage(_ path: String, _ entry: ParsedPage) {
        lock.withLock { parsed[path] = entry }
    }

    func renderedMarkdown(_ path: String, key: UInt64) -> RenderedMarkdownEntry? {
        lock.withLock { markdown[path].flatMap { $0.key == key ? $0 : nil } }
    }

    func storeRenderedMarkdown(_ path: String, _ entry: RenderedMarkdownEntry) {
        lock.withLock { markdown[path] = entry }
    }

    func renderedFile(_ path: String, fingerprint: UInt64) -> Data? {
        lock.withLock { files[path].flatMap { $0.fingerprint == fingerprint ? $0.bytes : nil } }
    }

    func storeRenderedFile(_ path: String, _ entry: RenderedFile) {
        lock.withLock { files[path] = entry }
    }

    /// Forgets entries of inputs that no longer exist, so a long `serve` session does not grow.
    func keepOnly(parsedPaths: Set<String>, markdownPaths: Set<String>, outputPaths: Set<String>) {
        lock.withLock {
            parsed = parsed.filter { parsedPaths.contains($0.key) }
            markdown = markdown.filter { markdownPaths.contains($0.key) }
            files = files.filter { outputPaths.contains($0.key) }
        }
    }

    /// How many entries of each kind it holds (for tests).
    var sizes: (parsed: Int, markdown: Int, files: Int) {
        lock.withLock { (parsed.count, markdown.count, files.count) }
    }

    /// How many HTML files the last render reused (for `--verbose` and tests).
    public private(set) var reusedFiles = 0
    func setReusedFiles(_ count: Int) {
        lock.withLock { reusedFiles = count }
    }
}
