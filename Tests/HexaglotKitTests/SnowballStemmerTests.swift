import Dispatch
import Foundation
import Testing

@testable import HexaglotKit

@Suite struct SnowballStemmerTests {
    static let languageCodes = ["en", "fr", "es", "ru"]

    @Test(arguments: languageCodes) func stemsAsSnowballsPublishedVocabulary(languageCode: String) throws {
        let vocabulary = try SnowballVocabulary(languageCode: languageCode)
        let stemmer = try #require(SnowballStemmer(languageCode: languageCode))
        #expect(vocabulary.entries.count > 3000)
        let mismatches = vocabulary.entries.filter { stemmer.stem(vocabulary.input($0)) != $0.stem }
        let shown = mismatches.prefix(10).map { "\($0.word) -> \(stemmer.stem(vocabulary.input($0))), expected \($0.stem)" }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(vocabulary.entries.count) differ: \(shown.joined(separator: "; "))")
    }

    @Test func inflectedFormsShareAStem() throws {
        let english = try #require(SnowballStemmer(languageCode: "en"))
        #expect(Set(["pollutant", "pollutants"].map(english.stem)) == ["pollut"])
        #expect(Set(["generate", "generates", "generated", "generating"].map(english.stem)) == ["generat"])
        let french = try #require(SnowballStemmer(languageCode: "fr"))
        #expect(Set(["polluants", "polluant"].map(french.stem)) == ["pollu"])
        let spanish = try #require(SnowballStemmer(languageCode: "es"))
        #expect(Set(["contaminantes", "contaminante"].map(spanish.stem)) == ["contamin"])
        let russian = try #require(SnowballStemmer(languageCode: "ru"))
        #expect(Set(["загрязнители", "загрязнителей", "загрязнителями"].map(russian.stem)) == ["загрязнител"])
    }

    @Test func onlyTheFourSnowballLanguages() {
        for code in Self.languageCodes { #expect(SnowballStemmer(languageCode: code) != nil) }
        for code in ["ar", "zh", "", "EN", "english", "de"] { #expect(SnowballStemmer(languageCode: code) == nil, "\(code)") }
    }

    @Test func emptyAndShortWordsComeBackUnchanged() throws {
        for code in Self.languageCodes {
            let stemmer = try #require(SnowballStemmer(languageCode: code))
            #expect(stemmer.stem("") == "")
            #expect(stemmer.stem("a") == "a")
        }
    }

    /// libstemmer's stemmers keep state between calls; with one per thread, many threads stemming
    /// the whole vocabulary at once get exactly the stems one thread does.
    @Test func manyThreadsAtOnceGetTheSameStems() throws {
        let vocabularies = try Self.languageCodes.map(SnowballVocabulary.init(languageCode:))
        let jobs = vocabularies.flatMap { vocabulary in vocabulary.entries.map { (vocabulary.languageCode, vocabulary.input($0)) } }
        let serial = jobs.map { SnowballStemmer(languageCode: $0.0)!.stem($0.1) }
        let stemmers = Dictionary(uniqueKeysWithValues: Self.languageCodes.map { ($0, SnowballStemmer(languageCode: $0)!) })
        for _ in 0..<3 {
            // Interleaved: each worker takes every 64th job, so neighbouring calls on a thread switch language.
            let workers = 64
            let lock = NSLock()
            nonisolated(unsafe) var results = [String?](repeating: nil, count: jobs.count)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var mine: [(Int, String)] = []
                for index in stride(from: worker, to: jobs.count, by: workers) {
                    mine.append((index, stemmers[jobs[index].0]!.stem(jobs[index].1)))
                }
                lock.withLock { for (index, stem) in mine { results[index] = stem } }
            }
            #expect(results == serial)
        }
    }
}
