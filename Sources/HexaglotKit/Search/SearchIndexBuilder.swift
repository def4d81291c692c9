import Foundation

/// One language's postings into the index files the browser reads:
///
/// - term shards `t<n>.bin`: terms in buckets by a hash of the term (FNV-1a of its UTF-8,
///   modulo the shard count), so one word's postings are in one known file without a list of
///   files. Binary, numbers as unsigned LEB128 varints; the terms one after another (words,
///   Han characters and pairs in UTF-8 order, then Han runs of three and four, `SearchHanGrams`,
///   in the order of the terms they are made of), each `term length, term bytes, page count, block length, block`, the block its
///   postings in document order: `document delta, score`, in a language whose words have
///   forms (Arabic: the manifest's `forms`) the page's forms of a word as bits, and, for words
///   and Han pairs (not a Han character alone, nor three or four), `position count × 2 + (1 when more positions were cut), position
///   deltas…`. A term
///   on more than `postingLimit` pages lists only its best-scored ones (fewer postings than its
///   page count), so a common word costs a reader a few kilobytes, not the whole site. Scores
///   are BM25 with field weights, × 100, computed here, so the browser only adds them up.
/// - document chunks `d<n>.json`: `[[url, title, section, excerpt text], …]` for documents
///   `n × chunkSize …`, what a result shows, the excerpt cut in the browser around the match.
///
/// All under `<lang>/search/<version>/`, the version a hash of every file: a changed index has
/// new names, so caches never mix two builds. Output depends only on the postings, which
/// depend only on the pages in their order.
struct SearchIndexBuilder {
    let languageCode: String
    let rootPath: String
    let postings: SearchPostings
    /// Pages kept per term (`postingLimit`; smaller in tests).
    var postingLimit = Self.postingLimit

    /// Bytes aimed at per file: a shard of binary postings, a chunk of result texts (JSON).
    static let shardTarget = 12_000
    static let chunkTarget = 16_000
    /// BM25's constants, the common choice.
    static let k1: Float = 1.2
    static let b: Float = 0.75
    /// Positions kept per page and term: enough to find phrases and Han substrings in nearly
    /// every page; the script accepts a page unverified where a list was cut.
    static let positionLimit = 12
    /// Pages kept per term: the best-scored; more only a query of that one common word would
    /// use, and it ranks by these.
    static let postingLimit = 400
    /// Postings put in term order at a time (16 bytes each): a few megabytes.
    static let invertedBatch = 1 << 18
    /// `invertedBatch` (smaller in tests, so that their small sites take several batches).
    var postingsPerBatch = Self.invertedBatch

    func build() -> SearchIndexFiles {
        let scoring = Scoring(postings)
        let (entries, ends) = encodedTerms(scoring)
        let grams = postings.grams.inverted(termCount: postings.vocabulary.count)
        let vocabulary = postings.vocabulary
        let gramBytes = estimatedBytes(grams)
        let shardCount = max(1, (entries.count + gramBytes + Self.shardTarget - 1) / Self.shardTarget)
        var buckets = [[Int]](repeating: [], count: shardCount)
        for term in 0..<vocabulary.count {
            let hash = vocabulary.terms.key(term).withUnsafeBufferPointer { SearchByteMap.hash($0) }
            buckets[Int(hash % UInt32(shardCount))].append(term)
        }
        var shards = SearchShardBuffers(count: shardCount)
        for (number, bucket) in buckets.enumerated() {
            // Room for the grams too (the hash spreads them evenly), so that appending rarely copies.
            let sorted = vocabulary.terms.sortedByKey(bucket)
            shards.reserve(sorted.reduce(0) { $0 + ends[$1] - ($1 == 0 ? 0 : ends[$1 - 1]) } + gramBytes / shardCount * 5 / 4 + 64, in: number)
            for term in sorted { shards.append(entries[(term == 0 ? 0 : ends[term - 1])..<ends[term]], to: number) }
        }
        appendGrams(grams, scoring: scoring, to: &shards)
        var contents = shards.data().enumerated().map { (name: "t\($0).bin", bytes: $1) }
        let documents = postings.documents
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
            contents.append(("d\(start / chunkSize).json", Data(json.bytes)))
        }
        var version = StableHasher()
        for file in contents {
            version.combine(file.name)
            version.combine(Int(truncatingIfNeeded: Self.contentHash(file.bytes)))
        }
        let folder = "\(languageCode)/search/\(String(String(version.value, radix: 16).suffix(12)))/"
        let files = contents.map { OutputFile(path: folder + $0.name, contents: .bytes($0.bytes), origin: "content/\(languageCode)") }
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
        if vocabulary.analyzer.hasForms { manifest.raw(",\"forms\":1") }
        manifest.raw("}")
        return SearchIndexFiles(
            languageCode: languageCode, folder: String(folder.dropLast()), files: files, manifest: String(decoding: manifest.bytes, as: UTF8.self),
            documentCount: documents.count)
    }

    /// A posting as the index lists it, in term order: what `SearchPostings.Posting` holds,
    /// with its score and where its positions are in the term-ordered copy.
    private struct Listed {
        var document: Int32
        var score: Int32
        var positionStart: Int32
        var positionCount: UInt8
        var forms: UInt8
    }

    /// Every term's entry, by term number, end to end; `ends[n]` is where term `n`'s ends.
    ///
    /// The postings are in document order and are read by term. Gathering each term's postings
    /// from there missed the cache on nearly every posting and every position (a site has
    /// millions, megabytes apart): that was a tenth of a build with search. They are instead
    /// read in document order and each written to its place in term order (a counting sort:
    /// document order stays within each term), positions too, so encoding reads memory in
    /// order; a batch of terms at a time, so the copy stays small.
    private func encodedTerms(_ scoring: Scoring) -> (bytes: [UInt8], ends: [Int]) {
        let vocabulary = postings.vocabulary
        let termCount = vocabulary.count
        let kinds = vocabulary.kinds
        let languageHasForms = vocabulary.analyzer.hasForms
        let documentTerms = postings.terms, positions = postings.positions
        let list = postings.postings
        // Where each term's postings and positions start in term order.
        var starts = [Int](repeating: 0, count: termCount + 1)
        var positionStarts = [Int](repeating: 0, count: termCount + 1)
        for (posting, term) in documentTerms.enumerated() {
            starts[Int(term) + 1] += 1
            positionStarts[Int(term) + 1] += Int(list[posting].positionCount & 0x7F)
        }
        for term in 0..<termCount {
            starts[term + 1] += starts[term]
            positionStarts[term + 1] += positionStarts[term]
        }
        let idfs = (0..<termCount).map { term in scoring.idf(pages: starts[term + 1] - starts[term]) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(documentTerms.count * 4)
        var ends: [Int] = []
        ends.reserveCapacity(termCount)
        var block: [UInt8] = []
        var best: [Int] = []
        var inverted: [Listed] = []
        var termPositions: [Int32] = []
        var fill = starts, positionFill = positionStarts
        // A batch of terms at a time, their postings at most `postingsPerBatch` (one term's may be
        // more): the term-ordered copy stays a few megabytes, not a second copy of every posting
        // (which added a tenth to the build's peak memory), for one more pass over the terms.
        var batchEnds: [Int] = []
        var firstTerm = 0
        while firstTerm < termCount {
            var endTerm = firstTerm + 1
            while endTerm < termCount, starts[endTerm + 1] - starts[firstTerm] <= postingsPerBatch { endTerm += 1 }
            batchEnds.append(endTerm)
            firstTerm = endTerm
        }
        // Each batch's postings, in document order, listed in one pass: a Chinese index is two
        // dozen batches, and looking through every posting for each batch's was most of this.
        let batchPostings = Self.postingsByBatch(documentTerms, batchEnds: batchEnds, termCount: termCount)
        firstTerm = 0
        for (batch, endTerm) in batchEnds.enumerated() {
            let base = starts[firstTerm], positionBase = positionStarts[firstTerm]
            inverted.removeAll(keepingCapacity: true)
            inverted.append(
                contentsOf: repeatElement(
                    Listed(document: 0, score: 0, positionStart: 0, positionCount: 0, forms: 0), count: starts[endTerm] - base))
            termPositions.removeAll(keepingCapacity: true)
            termPositions.append(contentsOf: repeatElement(0, count: positionStarts[endTerm] - positionBase))
            for index in batchPostings.postings[batchPostings.starts[batch]..<batchPostings.starts[batch + 1]] {
                let index = Int(index)
                let term = Int(documentTerms[index])
                let posting = list[index]
                let kept = Int(posting.positionCount & 0x7F)
                let positionStart = positionFill[term] - positionBase
                inverted[fill[term] - base] = Listed(
                    document: posting.document, score: scoring.score(Int(posting.document), weight: posting.weight, idf: idfs[term]),
                    positionStart: Int32(positionStart),
                    positionCount: posting.positionCount, forms: posting.forms)
                fill[term] += 1
                let from = Int(posting.positionStart)
                for offset in 0..<kept { termPositions[positionStart + offset] = positions[from + offset] }
                positionFill[term] += kept
            }

            for term in firstTerm..<endTerm {
                let range = (starts[term] - base)..<(starts[term + 1] - base)
                block.removeAll(keepingCapacity: true)
                var previousDocument: Int32 = 0
                let hasPositions = kinds[term].hasPositions
                let hasForms = languageHasForms && kinds[term] == .word
                func encode(_ posting: Listed) {
                    Self.appendVarint(UInt32(posting.document - previousDocument), to: &block)
                    previousDocument = posting.document
                    Self.appendVarint(UInt32(posting.score), to: &block)
                    if hasForms { Self.appendVarint(UInt32(posting.forms), to: &block) }
                    guard hasPositions else { return }
                    let kept = Int(posting.positionCount & 0x7F)
                    Self.appendVarint(UInt32(kept * 2 + (posting.positionCount & 0x80 != 0 ? 1 : 0)), to: &block)
                    var previous: Int32 = 0
                    let first = Int(posting.positionStart)
                    for position in termPositions[first..<first + kept] {
                        Self.appendVarint(UInt32(position - previous), to: &block)
                        previous = position
                    }
                }
                for index in bestPostings(range, by: { inverted[$0].score }, into: &best) { encode(inverted[index]) }
                Self.appendEntry(vocabulary.terms.key(term), pages: range.count, block: block, to: &bytes)
                ends.append(bytes.count)
            }
            firstTerm = endTerm
        }
        return (bytes, ends)
    }

    /// The postings (numbers in `terms`, each a posting's term) of each batch of terms
    /// (`batchEnds`: where each batch's terms end), batch after batch, in order within each:
    /// batch `n`'s are `postings[starts[n] ..< starts[n + 1]]`.
    static func postingsByBatch(_ terms: [Int32], batchEnds: [Int], termCount: Int) -> (postings: [Int32], starts: [Int]) {
        guard batchEnds.count > 1 else { return (Array(0..<Int32(terms.count)), [0, terms.count]) }
        var batchOfTerm = [Int32](repeating: 0, count: termCount)
        var first = 0
        for (batch, end) in batchEnds.enumerated() {
            for term in first..<end { batchOfTerm[term] = Int32(batch) }
            first = end
        }
        var starts = [Int](repeating: 0, count: batchEnds.count + 1)
        for term in terms { starts[Int(batchOfTerm[Int(term)]) + 1] += 1 }
        for batch in batchEnds.indices { starts[batch + 1] += starts[batch] }
        var fill = starts
        var postings = [Int32](repeating: 0, count: terms.count)
        for (index, term) in terms.enumerated() {
            let batch = Int(batchOfTerm[Int(term)])
            postings[fill[batch]] = Int32(index)
            fill[batch] += 1
        }
        return (postings, starts)
    }

    /// The postings `range` a term lists: all, or when there are more than `postingLimit`, the
    /// best-scored (ties to the earlier document), in document order.
    func bestPostings(_ range: Range<Int>, by score: (Int) -> Int32, into best: inout [Int]) -> [Int] {
        best.removeAll(keepingCapacity: true)
        best.append(contentsOf: range)
        guard range.count > postingLimit else { return best }
        best.sort { score($0) != score($1) ? score($0) > score($1) : $0 < $1 }
        best.removeLast(best.count - postingLimit)
        best.sort()
        return best
    }

    /// A term's entry: `term length, term bytes, page count, block length, block`.
    static func appendEntry<Term: Collection<UInt8>>(_ term: Term, pages: Int, block: [UInt8], to bytes: inout [UInt8]) {
        appendVarint(UInt32(term.count), to: &bytes)
        bytes += term
        appendVarint(UInt32(pages), to: &bytes)
        appendVarint(UInt32(block.count), to: &bytes)
        bytes += block
    }

    /// BM25 with field weights, as the index lists it: × 100, at least 1.
    struct Scoring {
        let count: Float
        let boosts: [Float]
        /// k1 × (1 − b + b × length / average length), by document.
        let lengthFactors: [Float]

        init(_ postings: SearchPostings) {
            let lengths = postings.lengths
            count = Float(lengths.count)
            let averageLength = max(1, Float(lengths.reduce(0) { $0 + Int($1) }) / max(1, count))
            boosts = postings.boosts
            lengthFactors = lengths.map {
                SearchIndexBuilder.k1 * (1 - SearchIndexBuilder.b + SearchIndexBuilder.b * Float(max(1, $0)) / averageLength)
            }
        }

        func idf(pages: Int) -> Float {
            let frequency = Float(pages)
            return log(1 + (count - frequency + 0.5) / (frequency + 0.5))
        }

        @inline(__always)
        func score(_ document: Int, weight: Float, idf: Float) -> Int32 {
            let score = boosts[document] * idf * weight * (SearchIndexBuilder.k1 + 1) / (weight + lengthFactors[document])
            return Int32(max(1, (score * 100).rounded()))
        }
    }

    static func appendVarint(_ value: UInt32, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A hash of a file's bytes eight at a time (FNV-1a's step on words): fast enough for an
    /// index of tens of megabytes.
    static func contentHash<Bytes: ContiguousBytes>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var count = 0
        bytes.withUnsafeBytes { raw in
            count = raw.count
            let words = raw.count / 8
            for index in 0..<words {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            }
            for index in (words * 8)..<raw.count { hash = (hash ^ UInt64(raw[index])) &* 0x0000_0100_0000_01B3 }
        }
        return hash ^ UInt64(count)
    }
}
