import Foundation
import Testing

@testable import HexaglotKit

/// The search page's stemmers.js, run by node, against the same sample of Snowball's vocabulary
/// as SnowballStemmer: a query word must reach the stem the index holds.
@Suite struct StemmersScriptTests {
    static let driver = Fixtures.folder.appendingPathComponent("snowball/run-stemmers.js")

    /// Stems `words` (language code, word) with the embedded script in node.
    static func stemWithScript(_ words: [(String, String)]) throws -> [String] {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("stemmers-\(UUID().uuidString).js")
        try SearchScriptSources.stemmers.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let input = words.map { "\($0.0)\t\($0.1)\n" }.joined()
        let run = try ExternalTool.run("node", [driver.path, script.path], input: input)
        try #require(run.status == 0, "node failed: \(run.errors)")
        return run.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func agreesWithSnowballsPublishedVocabularyInEveryLanguage() throws {
        let vocabularies = try SnowballStemmerTests.languageCodes.map(SnowballVocabulary.init(languageCode:))
        // Russian words keep their ё here: the script folds it itself, as the algorithm does.
        let words = vocabularies.flatMap { vocabulary in vocabulary.entries.map { (vocabulary.languageCode, $0.word) } }
        let expected = vocabularies.flatMap { $0.entries.map(\.stem) }
        let stems = try Self.stemWithScript(words)
        try #require(stems.count == words.count, "node printed \(stems.count) stems for \(words.count) words")
        let mismatches = words.indices.filter { stems[$0] != expected[$0] }
        let shown = mismatches.prefix(10).map { "\(words[$0].0) \(words[$0].1) -> \(stems[$0]), expected \(expected[$0])" }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(words.count) differ: \(shown.joined(separator: "; "))")
    }

    /// What a reader types need not be in the vocabulary: the script and libstemmer agree on
    /// words the index may hold, including short and unusual ones.
    @Test func agreesWithSnowballStemmerBeyondTheVocabulary() throws {
        let words: [(String, String)] = [
            ("en", ""), ("en", "a"), ("en", "'s"), ("en", "constructor"), ("en", "tostring"), ("en", "__proto__"), ("en", "skies"),
            ("en", "ozone-depleting"), ("en", "hydrochlorofluorocarbons"), ("fr", "ozone"), ("fr", "polluants"),
            ("fr", "noël"), ("fr", "maïs"), ("fr", "quelqu"), ("es", "sustancias"), ("es", "agotadoras"),
            ("es", "dándoselos"), ("ru", "озоноразрушающих"), ("ru", "веществ"), ("ru", "ёлка"), ("ru", "я"),
        ]
        let stems = try Self.stemWithScript(words)
        let expected = words.map { SnowballStemmer(languageCode: $0.0)!.stem($0.0 == "ru" ? $0.1.replacingOccurrences(of: "ё", with: "е") : $0.1) }
        #expect(stems == expected)
    }

    @Test func embeddedScriptIsTheFileInTheSources() throws {
        let file = Fixtures.repositoryRoot.appendingPathComponent("Sources/HexaglotKit/Search/Script/stemmers.js")
        #expect(SearchScriptSources.stemmers == (try String(contentsOf: file, encoding: .utf8)))
        #expect(SearchScriptSources.stemmers.hasPrefix("// Snowball stemmers"))
    }
}
