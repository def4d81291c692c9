/// What a translation was made from, as its front matter records it:
///
/// ```yaml
/// translatedFrom: {language: zh, hash: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}
/// ```
///
/// `language` is the code of the page it was translated from (the page with the same
/// translation key in that language); `hash` is `TranslationRecord.hash(ofBody:)` of that page's
/// body at the time. When the body changes, the hash no longer matches: the translation is outdated.
public struct TranslationRecord: Hashable, Sendable {
    public var language: String
    /// 64 lowercase hexadecimal digits.
    public var hash: String
    /// Where `language` was written, for complaints about it at status time.
    public var languageLocation: SourceLocation?

    public init(language: String, hash: String, languageLocation: SourceLocation? = nil) {
        self.language = language
        self.hash = hash
        self.languageLocation = languageLocation
    }

    /// The hash a translation records: SHA-256 of the body's UTF-8 bytes (the Markdown after the
    /// front matter's closing `---` line), with CRLF and CR line endings turned into LF.
    ///
    /// Nothing else is normalised: any edit to the body, even of white space, makes
    /// translations of it outdated, so a reviewer never has to guess whether an edit mattered.
    /// Bodies as the site reads them are already normalised (see `SourceText`); doing it here
    /// again keeps the hash independent of where the text came from.
    public static func hash(ofBody body: String) -> String {
        guard body.contains("\r") else { return SHA256.hexDigest(body) }
        return SHA256.hexDigest(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    }

    /// The record as one front matter line.
    public var yamlLine: String {
        "translatedFrom: {language: \(YAMLScalar.text(language)), hash: \(hash)}"
    }

    /// Reads the `translatedFrom` field, reporting each bad part where it was written.
    /// An empty value (`translatedFrom:` or `~`) means no record.
    static func read(_ field: YAMLNode.Entry) -> (TranslationRecord?, [Diagnostic]) {
        let node = field.value
        if node.resolved == .null { return (nil, []) }
        guard let entries = node.entries else {
            return (
                nil,
                [
                    .error(
                        "'translatedFrom' must be a mapping such as {language: zh, hash: <64 hexadecimal digits>}, got \(node.shortDescription)",
                        at: node.location)
                ]
            )
        }
        var problems: [Diagnostic] = []
        var language: (String, SourceLocation)?
        var hash: String?
        var partsSeen: Set<String> = []
        for entry in entries {
            let value = entry.value
            partsSeen.insert(entry.key)
            switch entry.key {
            case "language":
                guard let text = value.scalarText, value.resolved != .null,
                    !text.isEmpty, !text.unicodeScalars.contains(where: { $0.properties.isWhitespace })
                else {
                    problems.append(
                        .error(
                            "'translatedFrom.language' must be a language code such as zh, got \(value.shortDescription)",
                            at: value.location))
                    continue
                }
                language = (text, value.location)
            case "hash":
                guard let text = value.scalarText, isHexDigest(text) else {
                    problems.append(
                        .error(
                            "'translatedFrom.hash' must be 64 hexadecimal digits (the SHA-256 of the source page's body), got \(value.shortDescription)",
                            at: value.location))
                    continue
                }
                hash = text.lowercased()
            default:
                problems.append(.error("'translatedFrom' has no field '\(entry.key)' (only language and hash)", at: entry.keyLocation))
            }
        }
        let absent = ["language", "hash"].filter { !partsSeen.contains($0) }
        if !absent.isEmpty {
            problems.append(
                .error(
                    "'translatedFrom' needs \(absent.joined(separator: " and ")) (write {language: <code>, hash: <64 hexadecimal digits>})",
                    at: field.keyLocation))
        }
        guard let language, let hash, problems.isEmpty else { return (nil, problems) }
        return (TranslationRecord(language: language.0, hash: hash, languageLocation: language.1), problems)
    }

    static func isHexDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) }
    }
}
