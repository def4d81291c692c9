import Foundation

/// One language's documents into the index files the browser reads:
///
/// - term shards `t<n>.json`: terms in buckets by a hash of the term (FNV-1a of its UTF-8,
///   modulo the shard count), so one word's postings are in one known file without a list of
///   files. Each term maps to `[[document delta, score, [position deltas], 1?], …]` in document
///   order (Han characters alone: `[document delta, score]`); a trailing 1 says only the first
///   `positionLimit` positions are listed. A term on more than `postingLimit` pages keeps its
///   best-scored ones and starts with its page count: `[count, [posting], …]`, so a common word
///   costs a reader a few kilobytes, not the whole site. Scores are BM25 with a title boost,
///   computed here, so the browser only adds them up.
/// - document chunks `d<n>.json`: `[[url, title, section, excerpt text], …]` for documents
///   `n × chunkSize …`, what a result shows, the excerpt cut in the browser around the match.
///
/// All under `<lang>/search/<version>/`, the version a hash of every file: a changed index has
/// new names, so caches never mix two builds. Output depends only on the documents.
struct SearchIndexBuilder {
    let languageCode: String
    let rootPath: String
    let documents: [SearchDocument]
    /// Pages kept per term (`postingLimit`; smaller in tests).
    var postingLimit = Self.postingLimit

    /// Raw JSON bytes aimed at per file: about 5–8 KB gzip for postings, less for text.
    static let shardTarget = 24_000
    static let chunkTarget = 16_000
    /// BM25's constants, the common choice.
    static let k1 = 1.2
    static let b = 0.75
    /// Positions kept per page and term: enough to find phrases and Han substrings in nearly
    /// every page; the script accepts a page unverified where a list was cut.
    static let positionLimit = 12
    /// Pages kept per term: the best-scored; more only a query of that one common word would
    /// use, and it ranks by these.
    static let postingLimit = 400

    func build() -> SearchIndexFiles {
        let terms = self.postings()
        let uses = documents.map(\.uses), positions = documents.map(\.positions)
        // The shard count from the index's size, estimated (digits and brackets per number).
        var total = 0
        for term in terms {
            total += term.key.term.utf8.count + 6
            for posting in term.postings { total += 10 + 3 * Int(uses[Int(posting.document)][Int(posting.use)].positionCount) }
        }
        let shardCount = max(1, (total + Self.shardTarget - 1) / Self.shardTarget)
        var buckets = [[Int]](repeating: [], count: shardCount)
        for (index, term) in terms.enumerated() { buckets[Int(Self.bucketHash(term.key.term) % UInt32(shardCount))].append(index) }
        let shards = buckets.parallelMap { bucket -> [UInt8] in
            var json = SearchJSON()
            json.byte("{")
            let sorted = bucket.sorted { terms[$0].key.term.utf8.lexicographicallyPrecedes(terms[$1].key.term.utf8) }
            for (offset, index) in sorted.enumerated() {
                if offset > 0 { json.byte(",") }
                Self.write(terms[index], into: &json, uses: uses, positions: positions)
            }
            json.byte("}")
            return json.bytes
        }
        var contents: [(name: String, bytes: [UInt8])] = shards.enumerated().map { ("t\($0.offset).json", $0.element) }
        let textBytes = documents.reduce(0) { $0 + $1.excerptText.utf8.count + $1.title.utf8.count + $1.url.utf8.count + 40 }
        let chunkSize = max(1, Self.chunkTarget / max(1, textBytes / max(1, documents.count)))
        for start in stride(from: 0, to: documents.count, by: chunkSize) {
            var json = SearchJSON()
            json.byte("[")
            for (offset, document) in documents[start..<min(documents.count, start + chunkSize)].enumerated() {
                if offset > 0 { json.byte(",") }
                json.byte("[")
                json.string(document.url)
                json.byte(",")
                json.string(document.title)
                json.byte(",")
                json.string(document.section)
                json.byte(",")
                json.string(document.excerptText)
                json.byte("]")
            }
            json.byte("]")
            contents.append(("d\(start / chunkSize).json", json.bytes))
        }
        var version = StableHasher()
        for file in contents {
            version.combine(file.name)
            version.combine(Int(truncatingIfNeeded: Self.contentHash(file.bytes)))
        }
        let folder = "\(languageCode)/search/\(String(String(version.value, radix: 16).suffix(12)))/"
        let files = contents.map { OutputFile(path: folder + $0.name, contents: .bytes(Data($0.bytes)), origin: "content/\(languageCode)") }
        var manifest = SearchJSON()
        manifest.raw("{\"base\":")
        manifest.string(rootPath + URLPath.encodePath(folder))
        manifest.raw(",\"lang\":")
        manifest.string(languageCode)
        manifest.raw(",\"shards\":")
        manifest.number(shardCount)
        manifest.raw(",\"chunk\":")
        manifest.number(chunkSize)
        manifest.raw(",\"documents\":")
        manifest.number(documents.count)
        manifest.raw("}")
        return SearchIndexFiles(
            languageCode: languageCode, files: files, manifest: String(decoding: manifest.bytes, as: UTF8.self),
            documentCount: documents.count)
    }

    /// A posting: the document, its score for the term, and which of the document's term uses.
    struct Posting {
        var document: Int32
        var score: Int32
        var use: Int32
    }

    /// A term with its page count and its postings in document order, scored.
    struct Term {
        var key: SearchTermKey
        var count: Int
        var postings: [Posting]
    }

    private func postings() -> [Term] {
        var lists: [SearchTermKey: [Posting]] = [:]
        for (number, document) in documents.enumerated() {
            for (use, term) in document.terms.enumerated() {
                lists[term, default: []].append(Posting(document: Int32(number), score: 0, use: Int32(use)))
            }
        }
        let weights = documents.map { $0.uses.map(\.weight) }
        let count = Double(documents.count)
        let averageLength = max(1, Double(documents.reduce(0) { $0 + $1.length }) / max(1, count))
        let lengthFactors = documents.map { Self.k1 * (1 - Self.b + Self.b * Double(max(1, $0.length)) / averageLength) }
        var result: [Term] = []
        result.reserveCapacity(lists.count)
        for (key, list) in lists {
            let frequency = Double(list.count)
            let idf = log(1 + (count - frequency + 0.5) / (frequency + 0.5))
            var postings = list
            for index in postings.indices {
                let posting = postings[index]
                let tf = Double(weights[Int(posting.document)][Int(posting.use)])
                let score = idf * tf * (Self.k1 + 1) / (tf + lengthFactors[Int(posting.document)])
                postings[index].score = Int32(max(1, (score * 100).rounded()))
            }
            if postings.count > postingLimit {
                postings.sort { $0.score != $1.score ? $0.score > $1.score : $0.document < $1.document }
                postings = postings.prefix(postingLimit).sorted { $0.document < $1.document }
            }
            result.append(Term(key: key, count: list.count, postings: postings))
        }
        return result
    }

    /// One term's entry. `uses` and `positions`: each document's, taken out of the documents
    /// once (reading them through a document copied the whole document for every posting).
    private static func write(
        _ term: Term, into json: inout SearchJSON, uses: [[SearchDocument.TermUse]], positions: [[Int32]]
    ) {
        json.string(term.key.term)
        json.raw(":[")
        if term.count > term.postings.count {
            json.number(term.count)
            json.byte(",")
        }
        var previousDocument: Int32 = 0
        for (offset, posting) in term.postings.enumerated() {
            if offset > 0 { json.byte(",") }
            json.byte("[")
            json.number(Int(posting.document - previousDocument))
            previousDocument = posting.document
            json.byte(",")
            json.number(Int(posting.score))
            let use = uses[Int(posting.document)][Int(posting.use)]
            if !use.isHanCharacter {
                json.raw(",[")
                var previous: Int32 = 0
                for index in Int(use.positionStart)..<Int(use.positionStart + use.positionCount) {
                    if index > Int(use.positionStart) { json.byte(",") }
                    let position = positions[Int(posting.document)][index]
                    json.number(Int(position - previous))
                    previous = position
                }
                json.byte("]")
                if use.occurrences > use.positionCount { json.raw(",1") }
            }
            json.byte("]")
        }
        json.byte("]")
    }

    /// A hash of a file's bytes eight at a time (FNV-1a's step on words): the index is
    /// hundreds of megabytes on a large site, too much to hash byte by byte.
    static func contentHash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for index in 0..<words {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            }
            for index in (words * 8)..<raw.count { hash = (hash ^ UInt64(raw[index])) &* 0x0000_0100_0000_01B3 }
        }
        return hash ^ UInt64(bytes.count)
    }

    /// FNV-1a, 32 bits, over the term's UTF-8: `search.js` computes the same to pick the shard.
    static func bucketHash(_ term: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in term.utf8 {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        return hash
    }
}
