import HexaglotKit

/// GitHub Actions workflow commands, so CI shows each diagnostic on its line of the pull request.
enum GitHubAnnotations {
    static func lines(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            var properties: [String] = []
            if let location = diagnostic.location {
                properties = ["file=\(escapeProperty(location.file))", "line=\(location.line)", "col=\(location.column)"]
            }
            let head = "::\(diagnostic.severity.rawValue)" + (properties.isEmpty ? "" : " " + properties.joined(separator: ","))
            return head + "::" + escapeData(diagnostic.message) + "\n"
        }.joined()
    }

    /// The escapes GitHub's workflow command parser expects.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
