import Foundation
import Testing

@testable import HexaglotKit

/// Han runs of three and four characters are inverted by a radix sort on as many bits as the
/// term numbers need (`SearchHanGrams`): compared here with grouping by a dictionary, for term
/// counts that take one pass and several, and read back through the index the script reads.
@Suite struct SearchHanGramsTests {
    /// What `inverted` must give, worked out the obvious way.
    static func expected(_ records: [(key: UInt64, document: Int32, weight: Float)]) -> [(UInt64, [(Int32, Float)])] {
        var byKey: [UInt64: [(Int32, Float)]] = [:]
        for record in records {
            var pages = byKey[record.key, default: []]
            if pages.last?.0 == record.document {
                pages[pages.count - 1].1 += record.weight
            } else {
                pages.append((record.document, record.weight))
            }
            byKey[record.key] = pages
        }
        // Key order: three characters before four, then by the first term, then the last.
        return byKey.keys.sorted { left, right in
            let (l, r) = (SearchHanGrams.parts(left), SearchHanGrams.parts(right))
            return (left >> 63, l.first, l.last) < (right >> 63, r.first, r.last)
        }.map { ($0, byKey[$0]!) }
    }

    @Test(arguments: [3, 40, 5000, 1 << 29])
    func invertedGroupsByKeyAndKeepsPageOrder(termCount: Int) {
        var generator = SeededGenerator(seed: UInt64(termCount))
        var grams = SearchHanGrams()
        var records: [(key: UInt64, document: Int32, weight: Float)] = []
        for document in Int32(0)..<200 {
            let count = Int.random(in: 0...30, using: &generator)
            var keys: [UInt64] = []
            for _ in 0..<count {
                let first = Int32.random(in: 0..<Int32(min(termCount, 60)), using: &generator) * Int32(termCount / min(termCount, 60))
                let last = Int32.random(in: 0..<Int32(termCount), using: &generator)
                keys.append(SearchHanGrams.key(first, last, four: Bool.random(using: &generator)))
            }
            // The same gram twice on a page, in another field.
            if let repeated = keys.first { keys.append(repeated) }
            let weight: Float = document % 3 == 0 ? 3 : 1
            grams.add(keys[...], document: document, weight: weight)
            records += keys.map { ($0, document, weight) }
        }
        let inverted = grams.inverted(termCount: termCount)
        let expected = Self.expected(records)
        #expect(inverted.keys == expected.map(\.0))
        var start = 0
        for (number, (_, pages)) in expected.enumerated() {
            let end = Int(inverted.ends[number])
            #expect(Array(inverted.documents[start..<end]) == pages.map(\.0))
            #expect(Array(inverted.weights[start..<end]) == pages.map(\.1))
            start = end
        }
        #expect(start == inverted.documents.count)
    }

    /// A run of three characters on more pages than a term lists keeps its best-scored pages
    /// (the title counts three times), with its full page count; a rarer one lists every page.
    @Test func aCommonRunListsItsBestPages() throws {
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "zh"))
        for (name, title, text) in [
            ("a", "其他", "臭氧层"), ("b", "臭氧层", "臭氧层保护"), ("c", "其他", "臭氧层和别的"), ("d", "臭氧层", "没有"), ("e", "其他", "保护臭氧"),
        ] {
            postings.add(
                .init(url: "/zh/\(name)/", title: title, section: "", excerptText: text),
                fields: [.init(text: title, weight: 3), .init(text: text, weight: 1)])
        }
        var builder = SearchIndexBuilder(languageCode: "zh", rootPath: "/", postings: postings)
        builder.postingLimit = 2
        let index = builder.build()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // On four pages, listed on the two with it in the title.
        #expect(try SearchScriptRunner.search("臭氧层", index: index, in: folder).map(\.url).sorted() == ["/zh/b/", "/zh/d/"])
        #expect(try SearchScriptRunner.search("臭氧层保", index: index, in: folder).map(\.url) == ["/zh/b/"])
        #expect(try SearchScriptRunner.search("保护臭", index: index, in: folder).map(\.url) == ["/zh/e/"])
        var pages: [String: Int] = [:]
        for file in index.files where file.path.hasSuffix(".bin") {
            guard case .bytes(let data) = file.contents else { continue }
            for (term, count) in try ShardReader.entries(of: [UInt8](data), hasForms: false) { pages[term] = count }
        }
        #expect(pages["臭氧层"] == 4 && pages["臭氧层保"] == 1 && pages["氧层保护"] == 1 && pages["层保护"] == 1)
    }
}
