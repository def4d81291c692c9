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

    public init() {}

    func parsedPage(_ path: String, data: Data) -> ParsedPage? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = parsed[path], entry.data == data else { return nil }
        return entry
    }

    func storeParsedPage(_ path: String, _ entry: ParsedPage) {
        lock.lock()
        parsed[path] = entry
        lock.unlock()
    }

    func renderedMarkdown(_ path: String, key: UInt64) -> RenderedMarkdownEntry? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = markdown[path], entry.key == key else { return nil }
        return entry
    }

    func storeRenderedMarkdown(_ path: String, _ entry: RenderedMarkdownEntry) {
        lock.lock()
        markdown[path] = entry
        lock.unlock()
    }

    func renderedFile(_ path: String, fingerprint: UInt64) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = files[path], entry.fingerprint == fingerprint else { return nil }
        return entry.bytes
    }

    func storeRenderedFile(_ path: String, _ entry: RenderedFile) {
        lock.lock()
        files[path] = entry
        lock.unlock()
    }

    /// Forgets entries of inputs that no longer exist, so a long `serve` session does not grow.
    func keepOnly(parsedPaths: Set<String>, markdownPaths: Set<String>, outputPaths: Set<String>) {
        lock.lock()
        parsed = parsed.filter { parsedPaths.contains($0.key) }
        markdown = markdown.filter { markdownPaths.contains($0.key) }
        files = files.filter { outputPaths.contains($0.key) }
        lock.unlock()
    }

    /// How many HTML files the last render reused (for `--verbose` and tests).
    public private(set) var reusedFiles = 0
    func setReusedFiles(_ count: Int) {
        lock.lock()
        reusedFiles = count
        lock.unlock()
    }
}
