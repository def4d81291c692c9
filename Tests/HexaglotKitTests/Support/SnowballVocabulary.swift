import Foundation

/// The sample of Snowball's published vocabularies in Fixtures/snowball (SOURCE.md says which
/// commit and how it was drawn): each word with the stem Snowball 2.2.0 gives it.
struct SnowballVocabulary {
    struct Entry {
        var word: String
        var stem: String
    }

    static let languages = ["en": "english", "fr": "french", "es": "spanish", "ru": "russian"]

    let languageCode: String
    let entries: [Entry]

    init(languageCode: String) throws {
        self.languageCode = languageCode
        let name = Self.languages[languageCode] ?? languageCode
        let file = Fixtures.folder.appendingPathComponent("snowball").appendingPathComponent("\(name).tsv")
        let text = try String(contentsOf: file, encoding: .utf8)
        entries = try text.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw FixtureError(file: file.path, line: String(line)) }
            return Entry(word: String(fields[0]), stem: String(fields[1]))
        }
    }

    /// The word as `SnowballStemmer.stem` takes it: the index writes Russian ё as е first.
    func input(_ entry: Entry) -> String {
        languageCode == "ru" ? entry.word.replacingOccurrences(of: "ё", with: "е") : entry.word
    }

    struct FixtureError: Error, CustomStringConvertible {
        var file: String
        var line: String
        var description: String { "\(file): not 'word<TAB>stem': \(line)" }
    }
}
