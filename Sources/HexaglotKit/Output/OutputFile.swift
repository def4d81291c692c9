import Foundation

/// One file of the built site.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case bytes(Data)
        /// Copied from a source file as it is.
        case copy(URL)
        /// Copied from the file at this path (a photo variant in the cache): the same as `copy`
        /// without making a `URL` for each of the site's two thousand variants.
        case copyPath(String)
        /// Already in the output's staging folder.
        case written
    }

    /// Path below the output folder, `/`-separated, not percent-encoded: `zh/areas/pops/index.html`.
    public var path: String
    public var contents: Contents
    /// The input this file comes from, for messages about it.
    public var origin: String
    /// The build cache knows these bytes are what the previous build wrote here: the writer may
    /// link the previous file instead of writing it again.
    public var isUnchanged: Bool
    /// Which template text and tag wrote each part of the file (`check` asks for it).
    var templateTrace: [TemplateWrite]?

    /// Whether it is copied from a file (a page resource, a photo variant) rather than made.
    var isCopied: Bool {
        switch contents {
        case .copy, .copyPath: true
        case .bytes, .written: false
        }
    }

    public init(path: String, contents: Contents, origin: String, isUnchanged: Bool = false) {
        self.path = path
        self.contents = contents
        self.origin = origin
        self.isUnchanged = isUnchanged
    }
}
