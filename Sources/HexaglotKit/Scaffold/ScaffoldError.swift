/// Why a `hexaglot new` command created nothing.
public enum ScaffoldError: Error, Sendable {
    /// What was typed cannot be used (an unknown language, an unsafe path): a usage error.
    case usage(String)
    /// The site's files stand in the way (the file exists, the source is missing or has errors).
    case content([Diagnostic])
}
