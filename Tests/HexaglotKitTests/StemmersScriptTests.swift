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

    /// The same words through SnowballStemmer, as the index stems them (Russian ё written е first).
    static func stemWithLibstemmer(_ words: [(String, String)]) -> [String] {
        words.map { SnowballStemmer(languageCode: $0.0)!.stem($0.0 == "ru" ? $0.1.replacingOccurrences(of: "ё", with: "е") : $0.1) }
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
        let expected = Self.stemWithLibstemmer(words)
        #expect(stems == expected)
    }

    /// Words no vocabulary has: random letters of the language, then the ending of a random
    /// vocabulary word (so the suffix rules fire on unusual stems), now and then a character
    /// beyond U+FFFF; the same for every run.
    @Test func agreesWithSnowballStemmerOnGeneratedWords() throws {
        var random = SplitMix64(seed: 16)
        var words: [(String, String)] = []
        for vocabulary in try SnowballStemmerTests.languageCodes.map(SnowballVocabulary.init(languageCode:)) {
            let letters = Set(vocabulary.entries.flatMap(\.word)).sorted()
            for _ in 0..<5000 {
                var word = String((0..<Int.random(in: 1...6, using: &random)).map { _ in letters.randomElement(using: &random)! })
                word += vocabulary.entries.randomElement(using: &random)!.word.suffix(Int.random(in: 0...6, using: &random))
                if Int.random(in: 0..<40, using: &random) == 0 {
                    word.insert("\u{1D41A}", at: word.index(word.startIndex, offsetBy: Int.random(in: 0...word.count, using: &random)))
                }
                words.append((vocabulary.languageCode, word))
            }
        }
        let stems = try Self.stemWithScript(words)
        let expected = Self.stemWithLibstemmer(words)
        try #require(stems.count == words.count)
        let mismatches = words.indices.filter { stems[$0] != expected[$0] }
        let shown = mismatches.prefix(10).map { "\(words[$0].0) \(words[$0].1) -> \(stems[$0]), libstemmer \(expected[$0])" }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(words.count) differ: \(shown.joined(separator: "; "))")
        // The words do reach the rules: most lose or change their ending.
        #expect(words.indices.filter { expected[$0] != words[$0].1 }.count > words.count / 2)
    }

    @Test func embeddedScriptIsTheFileInTheSources() throws {
        let file = Fixtures.repositoryRoot.appendingPathComponent("Sources/HexaglotKit/Search/Script/stemmers.js")
        #expect(SearchScriptSources.stemmers == (try String(contentsOf: file, encoding: .utf8)))
        #expect(SearchScriptSources.stemmers.hasPrefix("// Snowball stemmers"))
    }
}

/// A seeded generator (SplitMix64), so the generated words are the same on every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
