/// The Han runs of three and four characters in the index (`SearchHanGrams`): a term each, in
/// the shard the hash of its bytes picks, after the shard's other terms, in key order. Written
/// straight into the shards: gathering millions of entries of a few bytes from one buffer
/// into ten thousand shards missed the cache on nearly every one.
extension SearchIndexBuilder {
    /// About what the grams' entries take (three bytes a posting), for the shard count: the
    /// shards must be counted before the grams are written into them.
    func estimatedBytes(_ grams: SearchHanGrams.Inverted) -> Int {
        let terms = postings.vocabulary.terms
        var total = 0, start: Int32 = 0
        for (key, end) in zip(grams.keys, grams.ends) {
            let (first, last) = SearchHanGrams.parts(key)
            total += 4 + terms.keyLength(first) + terms.keyLength(last) + 3 * min(Int(end - start), postingLimit)
            start = end
        }
        return total
    }

    /// Each gram's entry, in its shard: postings `document delta, score`, no forms, no positions.
    /// Encoded through pointers into scratch memory: with arrays, their uniqueness checks and
    /// reference counting on each of a gram's few bytes were most of the time.
    func appendGrams(_ grams: SearchHanGrams.Inverted, scoring: Scoring, to shards: inout SearchShardBuffers) {
        let terms = postings.vocabulary.terms
        let shardCount = UInt32(shards.count)
        var longest = 0, start: Int32 = 0
        for end in grams.ends {
            longest = max(longest, Int(end - start))
            start = end
        }
        // An entry: its term (two terms of up to eight bytes: two Han characters) and at most
        // `postingLimit` postings, five bytes a number at most.
        let entry = UnsafeMutablePointer<UInt8>.allocate(capacity: 64 + 10 * postingLimit)
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: 10 * postingLimit)
        let scores = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, longest))
        defer {
            entry.deallocate()
            block.deallocate()
            scores.deallocate()
        }
        var best: [Int] = []
        terms.keyBytes.withUnsafeBufferPointer { keyBytes in
            terms.keyEnds.withUnsafeBufferPointer { keyEnds in
                grams.documents.withUnsafeBufferPointer { documents in
                    grams.weights.withUnsafeBufferPointer { weights in
                        var start = 0
                        for (key, end) in zip(grams.keys, grams.ends) {
                            let end = Int(end), pages = end - start
                            let idf = scoring.idf(pages: pages)
                            for index in 0..<pages {
                                scores[index] = scoring.score(Int(documents[start + index]), weight: weights[start + index], idf: idf)
                            }
                            var blockLength = 0, previous: Int32 = 0
                            func encode(_ index: Int) {
                                let document = documents[start + index]
                                Self.putVarint(UInt32(document - previous), block, &blockLength)
                                previous = document
                                Self.putVarint(UInt32(scores[index]), block, &blockLength)
                            }
                            if pages > postingLimit {
                                for index in bestPostings(0..<pages, by: { scores[$0] }, into: &best) { encode(index) }
                            } else {
                                for index in 0..<pages { encode(index) }
                            }
                            // The term: its two parts' bytes, hashed as they are copied.
                            let (first, last) = SearchHanGrams.parts(key)
                            let firstStart = first == 0 ? 0 : Int(keyEnds[first - 1]), lastStart = last == 0 ? 0 : Int(keyEnds[last - 1])
                            let firstLength = Int(keyEnds[first]) - firstStart, lastLength = Int(keyEnds[last]) - lastStart
                            var length = 0
                            Self.putVarint(UInt32(firstLength + lastLength), entry, &length)
                            // FNV-1a, as `SearchByteMap.hash`.
                            var hash: UInt32 = 0x811C_9DC5
                            func copy(_ from: Int, _ count: Int) {
                                for offset in from..<from + count {
                                    hash = (hash ^ UInt32(keyBytes[offset])) &* 0x0100_0193
                                    entry[length] = keyBytes[offset]
                                    length += 1
                                }
                            }
                            copy(firstStart, firstLength)
                            copy(lastStart, lastLength)
                            Self.putVarint(UInt32(pages), entry, &length)
                            Self.putVarint(UInt32(blockLength), entry, &length)
                            (entry + length).update(from: block, count: blockLength)
                            length += blockLength
                            shards.append(entry, count: length, to: Int(hash % shardCount))
                            start = end
                        }
                    }
                }
            }
        }
    }

    /// `appendVarint` into memory at `at`, which it moves past the number.
    @inline(__always)
    private static func putVarint(_ value: UInt32, _ bytes: UnsafeMutablePointer<UInt8>, _ at: inout Int) {
        var rest = value
        while rest >= 0x80 {
            bytes[at] = UInt8(truncatingIfNeeded: rest) | 0x80
            at += 1
            rest >>= 7
        }
        bytes[at] = UInt8(rest)
        at += 1
    }
}
