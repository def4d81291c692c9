import Foundation

/// One language's postings as a build read them, with each page's fingerprint
/// (`SearchPageInput.fingerprint`), kept in the search cache (`SearchIndexCache.postings`): a
/// later build whose index key misses (a page of the language was edited, added or removed)
/// reads only the pages whose inputs changed and takes the others' postings from here
/// (`SearchPostings.append(_:document:remap:)`), then writes the index as a fresh reading
/// would, byte for byte. Reading text into terms is most of indexing a language that is not
/// Chinese; putting the postings in term order and encoding them is not kept.
///
/// The file is the arrays' bytes one after another (this machine's layout of them) behind a
/// header line naming the format, the language, its analyser's probe, the records' sizes and a
/// fingerprint of the rest; a file that is short, damaged, from another analyser or binary
/// layout, or whose numbers do not hold together is not used (the cache only saves time).
struct SearchPostingsArchive {
    var fingerprints: [String]
    var documents: [SearchDocument]
    var lengths: [Int32]
    var boosts: [Float]
    var termBytes: [UInt8]
    var termEnds: [Int32]
    var kinds: [SearchVocabulary.Kind]
    var terms: [Int32]
    var postings: [SearchPostings.Posting]
    var positions: [Int32]
    var grams: [SearchHanGrams.Record]
    /// Where each document's postings, positions and grams start (one more than documents).
    private var postingStarts: [Int] = []
    private var positionStarts: [Int] = []
    private var gramStarts: [Int] = []

    init(_ read: SearchPostings, fingerprints: [String]) {
        self.fingerprints = fingerprints
        documents = read.documents
        lengths = read.lengths
        boosts = read.boosts
        termBytes = read.vocabulary.terms.keyBytes
        termEnds = read.vocabulary.terms.keyEnds
        kinds = read.vocabulary.kinds
        terms = read.terms
        postings = read.postings
        positions = read.positions
        grams = read.grams.records
        _ = findStarts()
    }

    /// Document numbers by fingerprint.
    var documentsByFingerprint: [String: Int] {
        Dictionary(fingerprints.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func termBytes(_ number: Int) -> ArraySlice<UInt8> {
        termBytes[(number == 0 ? 0 : Int(termEnds[number - 1]))..<Int(termEnds[number])]
    }

    func postingRange(_ document: Int) -> Range<Int> { postingStarts[document]..<postingStarts[document + 1] }
    func positionRange(_ document: Int) -> Range<Int> { positionStarts[document]..<positionStarts[document + 1] }
    func gramRange(_ document: Int) -> Range<Int> { gramStarts[document]..<gramStarts[document + 1] }

    /// Works out each document's slices, checking that the arrays hold together (every index
    /// in range, documents in order); false when they do not.
    private mutating func findStarts() -> Bool {
        let count = documents.count
        guard fingerprints.count == count, lengths.count == count, boosts.count == count, terms.count == postings.count,
            termEnds.count == kinds.count, termEnds.last.map({ Int($0) == termBytes.count }) ?? termBytes.isEmpty,
            zip(termEnds, termEnds.dropFirst()).allSatisfy({ $0 <= $1 }), termEnds.first.map({ $0 >= 0 }) ?? true,
            terms.allSatisfy({ $0 >= 0 && Int($0) < kinds.count })
        else { return false }
        postingStarts = [0]
        positionStarts = [0]
        gramStarts = [0]
        var posting = 0, gram = 0
        for document in 0..<Int32(count) {
            var end = positionStarts.last!
            while posting < postings.count, postings[posting].document == document {
                let item = postings[posting]
                guard Int(item.positionStart) == end else { return false }
                end += Int(item.positionCount & 0x7F)
                posting += 1
            }
            while gram < grams.count, grams[gram].document == document {
                let (first, last) = SearchHanGrams.parts(grams[gram].key)
                guard first < kinds.count, last < kinds.count else { return false }
                gram += 1
            }
            postingStarts.append(posting)
            positionStarts.append(end)
            gramStarts.append(gram)
        }
        return posting == postings.count && gram == grams.count && positionStarts.last! == positions.count
    }

    // MARK: The file

    /// The first line's start: the format, the language, what its analyser makes of a fixed text
    /// and the sizes of the records stored as they are in memory. The payload's fingerprint follows.
    static func header(_ code: String, probe: String) -> String {
        let sizes = [MemoryLayout<SearchPostings.Posting>.stride, MemoryLayout<SearchHanGrams.Record>.stride, MemoryLayout<Float>.stride]
        return "hexaglot search postings 2 \(code) \(probe) \(sizes.map(String.init).joined(separator: "/"))"
    }

    /// Everything after the header line, and its fingerprint (32 digits) on that line.
    private static let fingerprintLength = 32

    func data(header: String) -> Data {
        let payload = self.payload()
        var fingerprint = ContentFingerprint()
        payload.withUnsafeBytes { fingerprint.combine($0) }
        return Data((header + " " + fingerprint.hex + "\n").utf8) + payload
    }

    private func payload() -> Data {
        var data = Data()
        func number(_ value: Int) { withUnsafeBytes(of: UInt64(value).littleEndian) { data.append(contentsOf: $0) } }
        func array<Element>(_ values: [Element]) {
            number(values.count)
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        number(documents.count)
        for (fingerprint, document) in zip(fingerprints, documents) {
            for text in [fingerprint, document.url, document.title, document.section, document.excerptText] {
                number(text.utf8.count)
                data.append(contentsOf: text.utf8)
            }
        }
        array(lengths)
        array(boosts)
        array(termBytes)
        array(termEnds)
        array(kinds.map(\.rawValue))
        array(terms)
        array(postings)
        array(positions)
        array(grams)
        return data
    }

    init?(data: Data, header: String) {
        let expected = Array((header + " ").utf8)
        let start = expected.count + Self.fingerprintLength + 1
        guard data.count >= start, data.prefix(expected.count).elementsEqual(expected), data[data.startIndex + start - 1] == 0x0A
        else { return nil }
        // A damaged file would otherwise put damaged titles and excerpts into the index.
        var fingerprint = ContentFingerprint()
        data.withUnsafeBytes { fingerprint.combine(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        guard data[(data.startIndex + expected.count)..<(data.startIndex + start - 1)].elementsEqual(fingerprint.hex.utf8) else { return nil }
        var reader = Reader(bytes: data, offset: start)
        guard let count = reader.number(limit: data.count) else { return nil }
        var fingerprints: [String] = [], documents: [SearchDocument] = []
        for _ in 0..<count {
            guard let fingerprint = reader.text(), let url = reader.text(), let title = reader.text(), let section = reader.text(),
                let excerpt = reader.text()
            else { return nil }
            fingerprints.append(fingerprint)
            documents.append(SearchDocument(url: url, title: title, section: section, excerptText: excerpt))
        }
        guard let lengths: [Int32] = reader.array(), let boosts: [Float] = reader.array(), let termBytes: [UInt8] = reader.array(),
            let termEnds: [Int32] = reader.array(), let kindValues: [UInt8] = reader.array(), let terms: [Int32] = reader.array(),
            let postings: [SearchPostings.Posting] = reader.array(), let positions: [Int32] = reader.array(),
            let grams: [SearchHanGrams.Record] = reader.array(), reader.offset == data.count
        else { return nil }
        let kinds = kindValues.compactMap(SearchVocabulary.Kind.init(rawValue:))
        guard kinds.count == kindValues.count else { return nil }
        (self.fingerprints, self.documents, self.lengths, self.boosts) = (fingerprints, documents, lengths, boosts)
        (self.termBytes, self.termEnds, self.kinds) = (termBytes, termEnds, kinds)
        (self.terms, self.postings, self.positions, self.grams) = (terms, postings, positions, grams)
        guard findStarts() else { return nil }
    }

    /// Reads what `data(header:)` wrote, refusing any count the bytes left cannot hold.
    private struct Reader {
        let bytes: Data
        var offset: Int

        mutating func number(limit: Int) -> Int? {
            guard bytes.count - offset >= 8 else { return nil }
            let value = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            offset += 8
            return value <= UInt64(limit) ? Int(value) : nil
        }

        mutating func text() -> String? {
            guard let length = number(limit: bytes.count - offset) else { return nil }
            defer { offset += length }
            return String(decoding: bytes[(bytes.startIndex + offset)..<(bytes.startIndex + offset + length)], as: UTF8.self)
        }

        mutating func array<Element>() -> [Element]? {
            let stride = MemoryLayout<Element>.stride
            guard let count = number(limit: (bytes.count - offset) / stride) else { return nil }
            let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count * stride)]))
                }
                initialized = count
            }
            offset += count * stride
            return values
        }
    }
}
