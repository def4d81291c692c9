/// One language's Han runs of three and four characters ("grams"), each occurrence a record in
/// page order, inverted by one sort at the end.
///
/// A query of one such run is one term in one shard (its pairs would be two). But grams are
/// most of a Chinese index's terms (every run of random text is new): as terms of the
/// vocabulary each took a hash slot, its bytes, a posting and a look-up in every per-term table,
/// scattered over hundreds of megabytes, which made indexing Chinese several times the rest of
/// the build. A gram is instead named by the two vocabulary terms it is made of, each
/// occurrence is appended here (16 bytes, in order), and `inverted` groups them by gram with a
/// stable radix sort, so that the index reads each gram's pages in page order, sequentially.
struct SearchHanGrams {
    /// A gram on a page (`document`), from a field weighing `weight`; a gram on a page more
    /// than once has a record each time.
    struct Record {
        var key: UInt64
        var document: Int32
        var weight: Float
    }

    private(set) var records: [Record] = []

    var isEmpty: Bool { records.isEmpty }

    /// A gram's key: three characters are their first pair and last character, four are their
    /// two pairs (term numbers, below 2³⁰), the top bit set for four.
    @inline(__always)
    static func key(_ first: Int32, _ last: Int32, four: Bool) -> UInt64 {
        (four ? 1 << 63 : 0) | UInt64(UInt32(bitPattern: first)) << 30 | UInt64(UInt32(bitPattern: last))
    }

    /// The term numbers `key` is made of.
    @inline(__always)
    static func parts(_ key: UInt64) -> (first: Int, last: Int) {
        (Int(truncatingIfNeeded: key >> 30 & 0x3FFF_FFFF), Int(truncatingIfNeeded: key & 0x3FFF_FFFF))
    }

    mutating func add(_ keys: ArraySlice<UInt64>, document: Int32, weight: Float) {
        for key in keys { records.append(Record(key: key, document: document, weight: weight)) }
    }

    mutating func append(_ record: Record) { records.append(record) }

    /// Each gram's pages: the records grouped by gram (in key order, `key`'s keys) and within a
    /// gram by page, in page order, a page's weights added up.
    struct Inverted {
        var keys: [UInt64] = []
        /// Where each gram's pages end in `documents` and `weights`.
        var ends: [Int32] = []
        var documents: [Int32] = []
        var weights: [Float] = []
    }

    /// The records inverted. `termCount` bounds the term numbers in keys: only that many bits
    /// are sorted on.
    func inverted(termCount: Int) -> Inverted {
        var inverted = Inverted()
        for record in sorted(termCount: termCount) {
            if inverted.keys.last != record.key {
                inverted.keys.append(record.key)
                inverted.ends.append(Int32(inverted.documents.count))
            } else if inverted.documents.last == record.document {
                inverted.weights[inverted.weights.count - 1] += record.weight
                continue
            }
            inverted.documents.append(record.document)
            inverted.weights.append(record.weight)
            inverted.ends[inverted.ends.count - 1] += 1
        }
        return inverted
    }

    /// The records by key, in page order within a key (keys as `key` makes them).
    private func sorted(termCount: Int) -> [Record] {
        guard records.count > 1 else { return records }
        let termBits = max(1, Int.bitWidth - termCount.leadingZeroBitCount)
        precondition(termBits <= 30, "Han terms are numbered in 30 bits")
        // Sorted on a compact key (four, first, last in 2 × termBits + 1 bits), a few bits a pass.
        let compactBits = 2 * termBits + 1
        let passes = (compactBits + 10) / 11
        let digitBits = (compactBits + passes - 1) / passes
        let digitMask = UInt64(1) << digitBits - 1
        func compact(_ key: UInt64) -> UInt64 {
            let (first, last) = Self.parts(key)
            return (key >> 63) << (2 * termBits) | UInt64(first) << termBits | UInt64(last)
        }
        func full(_ compact: UInt64) -> UInt64 {
            let last = compact & (1 << termBits - 1), first = compact >> termBits & (1 << termBits - 1)
            return (compact >> (2 * termBits)) << 63 | first << 30 | last
        }
        var source = records
        for index in source.indices { source[index].key = compact(source[index].key) }
        var target = source
        var counts = [Int](repeating: 0, count: (1 << digitBits) + 1)
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            source.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for index in counts.indices { counts[index] = 0 }
                        for record in from { counts[Int(truncatingIfNeeded: record.key >> shift & digitMask) + 1] += 1 }
                        for digit in 1..<counts.count { counts[digit] += counts[digit - 1] }
                        // In order within each digit: the sort is stable, so page order stays.
                        for record in from {
                            let digit = Int(truncatingIfNeeded: record.key >> shift & digitMask)
                            to[counts[digit]] = record
                            counts[digit] += 1
                        }
                    }
                }
            }
            swap(&source, &target)
        }
        for index in source.indices { source[index].key = full(source[index].key) }
        return source
    }
}
