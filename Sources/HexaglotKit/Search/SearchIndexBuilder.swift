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
        let postings = self.postings()
        let uses = documents.map(\.uses), positions = documents.map(\.positions)
        var entries: [(term: String, json: [UInt8])] = []
        entries.reserveCapacity(postings.count)
        var total = 0
        for (term, list) in postings {
            let json = Self.entry(term, list.count, list.postings, uses: uses, positions: positions)
            total += json.count
            entries.append((term, json))
        }
        let shardCount = max(1, (total + Self.shardTarget - 1) / Self.shardTarget)
        var buckets = [[(term: String, json: [UInt8])]](repeating: [], count: shardCount)
        for entry in entries { buckets[Int(Self.bucketHash(entry.term) % UInt32(shardCount))].append(entry) }
        var contents: [(name: String, bytes: [UInt8])] = []
        for (number, bucket) in buckets.enumerated() {
            var json: [UInt8] = [UInt8(ascii: "{")]
            for (offset, entry) in bucket.sorted(by: { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }).enumerated() {
                if offset > 0 { json.append(UInt8(ascii: ",")) }
                json += entry.json
            }
            json.append(UInt8(ascii: "}"))
            contents.append(("t\(number).json", json))
        }
        let textBytes = documents.reduce(0) { $0 + $1.excerptText.utf8.count + $1.title.utf8.count + $1.url.utf8.count + 40 }
        let chunkSize = max(1, Self.chunkTarget / max(1, textBytes / max(1, documents.count)))
        for start in stride(from: 0, to: documents.count, by: chunkSize) {
            var json = SearchJSON()
            json.raw("[")
            for (offset, document) in documents[start..<min(documents.count, start + chunkSize)].enumerated() {
                if offset > 0 { json.raw(",") }
                json.raw("[")
                json.string(document.url)
                json.raw(",")
                json.string(document.title)
                json.raw(",")
                json.string(document.section)
                json.raw(",")
                json.string(document.excerptText)
                json.raw("]")
            }
            json.raw("]")
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

    /// Every term's postings in document order, scored, with its page count.
    private func postings() -> [String: (count: Int, postings: [Posting])] {
        let weights = documents.map { $0.uses.map(\.weight) }
        var lists: [String: [Posting]] = [:]
        for (number, document) in documents.enumerated() {
            for (use, term) in document.terms.enumerated() {
                lists[term, default: []].append(Posting(document: Int32(number), score: 0, use: Int32(use)))
            }
        }
        let count = Double(documents.count)
        let averageLength = max(1, Double(documents.reduce(0) { $0 + $1.length }) / max(1, count))
        let lengthFactors = documents.map { Self.k1 * (1 - Self.b + Self.b * Double(max(1, $0.length)) / averageLength) }
        var result: [String: (count: Int, postings: [Posting])] = [:]
        result.reserveCapacity(lists.count)
        for (term, list) in lists {
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
            result[term] = (list.count, postings)
        }
        return result
    }

    /// `uses` and `positions`: each document's, taken out of the documents once (reading them
    /// through a document copied the whole document for every posting).
    private static func entry(
        _ term: String, _ count: Int, _ postings: [Posting], uses: [[SearchDocument.TermUse]], positions: [[Int32]]
    ) -> [UInt8] {
        var json = SearchJSON()
        json.string(term)
        json.raw(":[")
        if count > postings.count {
            json.number(count)
            json.raw(",")
        }
        var previousDocument: Int32 = 0
        for (offset, posting) in postings.enumerated() {
            if offset > 0 { json.raw(",") }
            json.raw("[")
            json.number(Int(posting.document - previousDocument))
            previousDocument = posting.document
            json.raw(",")
            json.number(Int(posting.score))
            let use = uses[Int(posting.document)][Int(posting.use)]
            if !use.isHanCharacter {
                json.raw(",[")
                var previous: Int32 = 0
                for index in Int(use.positionStart)..<Int(use.positionStart + use.positionCount) {
                    if index > Int(use.positionStart) { json.raw(",") }
                    let position = positions[Int(posting.document)][index]
                    json.number(Int(position - previous))
                    previous = position
                }
                json.raw("]")
                if use.occurrences > use.positionCount { json.raw(",1") }
            }
            json.raw("]")
        }
        json.raw("]")
        return json.bytes
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
