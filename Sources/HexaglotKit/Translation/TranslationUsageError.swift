/// Why an export or import cannot start (exit status 2): a language or page that is not there.
public struct TranslationUsageError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unknownLanguage(String, known: [String])
        case sameLanguage(String)
        case unknownPage(String, language: String)
    }

    public var reason: Reason

    public var description: String {
        switch reason {
        case .unknownLanguage(let code, let known): return "'\(code)' is not a language of the site (\(known.joined(separator: ", ")))"
        case .sameLanguage(let code): return "--to and --from are both '\(code)'"
        case .unknownPage(let path, let language):
            return "--page \(path): \(language) has no such page (paths below the default language's folder, as `hexaglot status` shows them)"
        }
    }
}
