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
    /// the whole vocabulary at once get exactly the stems one thread does. Eight new threads start
    /// together (so each makes its own stemmers and caches and every word reaches libstemmer), each
    /// from another place in the list; then the index's way, concurrentPerform on the pool.
    @Test func manyThreadsAtOnceGetTheSameStems() throws {
        let vocabularies = try Self.languageCodes.map(SnowballVocabulary.init(languageCode:))
        let jobs = vocabularies.flatMap { vocabulary in vocabulary.entries.map { (vocabulary.languageCode, vocabulary.input($0)) } }
        let serial = jobs.map { SnowballStemmer(languageCode: $0.0)!.stem($0.1) }
        let stemmers = Dictionary(uniqueKeysWithValues: Self.languageCodes.map { ($0, SnowballStemmer(languageCode: $0)!) })

        let threadCount = 8
        let lock = NSLock()
        let start = DispatchSemaphore(value: 0), done = DispatchGroup()
        nonisolated(unsafe) var byThread = [[String]](repeating: [], count: threadCount)
        for number in 0..<threadCount {
            done.enter()
            let thread = Thread {
                start.wait()
                let offset = number * jobs.count / threadCount
                var stems = [String](repeating: "", count: jobs.count)
                for step in 0..<jobs.count {
                    let index = (offset + step) % jobs.count
                    stems[index] = stemmers[jobs[index].0]!.stem(jobs[index].1)
                }
                lock.withLock { byThread[number] = stems }
                done.leave()
            }
            thread.start()
        }
        for _ in 0..<threadCount { start.signal() }
        done.wait()
        for number in 0..<threadCount { #expect(byThread[number] == serial, "thread \(number)") }

        // Interleaved: each worker takes every 64th job, so neighbouring calls on a thread switch language.
        let workers = 64
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
