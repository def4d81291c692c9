/// Thrown when a build stops because of errors in the input; carries every diagnostic
/// (errors and warnings) collected up to that point.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Errors in the content or templates (exit status 1).
        case content
        /// The command was asked for something it refuses to do, such as writing over the site's
        /// own folders (exit status 2).
        case usage
    }

    public var diagnostics: [Diagnostic]
    public var kind: Kind

    public init(diagnostics: [Diagnostic], kind: Kind = .content) {
        self.diagnostics = diagnostics
        self.kind = kind
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
