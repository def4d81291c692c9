/// One language's pages read into postings: for each page, each distinct term's weighted
/// frequency (a title word counts more) and its first `positionLimit` positions (for phrases
/// and Han substrings; none for a Han character alone, which only queries of just that use).
/// Han runs of three and four characters are kept apart (`grams`).
///
/// Postings are kept in flat arrays in page order, not an array per page or term: a large
/// site has millions of them, and an allocation each cost more than reading the text.
struct SearchPostings {
    /// A part of the page and how much a word in it counts.
    struct Field {
        var text: String
        var weight: Float
    }

    private(set) var vocabulary: SearchVocabulary
    let positionLimit: Int
    private(set) var documents: [SearchDocument] = []
    /// Tokens per document (Han characters count one each, their pairs none): BM25's length.
    private(set) var lengths: [Int32] = []
    /// What each document's scores are multiplied by.
    private(set) var boosts: [Float] = []
    /// A term in a document: its weighted frequency, and where its positions are:
    /// `positions[positionStart ..< + positionCount & 0x7F]`, the high bit set when the page
    /// had more than were kept. One value, so reading a term's postings (scattered over the
    /// documents) takes one cache line each, not one per field.
    struct Posting {
        var document: Int32
        var weight: Float
        var positionStart: Int32 = 0
        var positionCount: UInt8 = 0
        /// The word's forms on the page, bit n for form n (`SearchAnalyzer.hasForms`).
        var forms: UInt8 = 0
    }

    /// The postings in document order, and the term of each.
    private(set) var terms: [Int32] = []
    private(set) var postings: [Posting] = []
    private(set) var positions: [Int32] = []
    /// Every page's Han runs of three and four characters.
    private(set) var grams = SearchHanGrams()

    // Reused for every page: its tokens, and each term's posting in the page being read.
    private var tokens = SearchTokenList()
    private var fieldEnds: [(end: Int, gramEnd: Int, weight: Float)] = []
    /// By term number: the last document it was in and its posting there, side by side (a
    /// large site's terms are megabytes of them: one cache miss a token, not two).
    private var lastPostingOfTerm: [(document: Int32, posting: Int32)] = []
    private var occurrences: [Int32] = []

    init(analyzer: SearchAnalyzer, positionLimit: Int = SearchIndexBuilder.positionLimit) {
        precondition(positionLimit < 0x80, "position counts are kept in 7 bits")
        vocabulary = SearchVocabulary(analyzer: analyzer)
        self.positionLimit = positionLimit
    }

    var postingCount: Int { terms.count }

    mutating func add(_ document: SearchDocument, fields: [Field], boost: Float = 1) {
        tokens.removeAll()
        fieldEnds.removeAll(keepingCapacity: true)
        var position: Int32 = 0
        for field in fields {
            // One position left empty: a phrase does not run from the title into the body.
            position = vocabulary.read(field.text, from: position, into: &tokens) + 1
            fieldEnds.append((tokens.terms.count, tokens.grams.count, field.weight))
        }
        let number = Int32(documents.count)
        documents.append(document)
        boosts.append(boost)
        let termCount = vocabulary.count
        if lastPostingOfTerm.count < termCount {
            lastPostingOfTerm += repeatElement((document: Int32(-1), posting: Int32(0)), count: termCount - lastPostingOfTerm.count)
        }
        let kinds = vocabulary.kinds
        let first = terms.count
        var length: Int32 = 0
        occurrences.removeAll(keepingCapacity: true)
        var start = 0, gramStart = 0
        for (end, gramEnd, weight) in fieldEnds {
            grams.add(tokens.grams[gramStart..<gramEnd], document: number, weight: weight)
            gramStart = gramEnd
            for index in start..<end {
                let term = Int(tokens.terms[index])
                if lastPostingOfTerm[term].document != number {
                    lastPostingOfTerm[term] = (number, Int32(terms.count))
                    terms.append(Int32(term))
                    postings.append(Posting(document: number, weight: 0))
                    occurrences.append(0)
                }
                let posting = Int(lastPostingOfTerm[term].posting)
                postings[posting].weight += weight
                let form = tokens.forms[index]
                postings[posting].forms |= 1 << (form & 7)
                occurrences[posting - first] += 1
                if kinds[term].countsInLength, form & SearchTokenList.accentFreeForm == 0 { length += 1 }
            }
            start = end
        }
        lengths.append(length)
        // Each posting's slice of the positions, then the positions in the order they came.
        var next = Int32(positions.count)
        for posting in first..<terms.count {
            postings[posting].positionStart = next
            let kept = !kinds[Int(terms[posting])].hasPositions ? 0 : min(occurrences[posting - first], Int32(positionLimit))
            next += kept
            postings[posting].positionCount = occurrences[posting - first] > kept && kept > 0 ? 0x80 : 0
        }
        positions += repeatElement(0, count: Int(next) - positions.count)
        for index in tokens.terms.indices {
            let term = Int(tokens.terms[index])
            guard kinds[term].hasPositions else { continue }
            let posting = Int(lastPostingOfTerm[term].posting)
            let kept = Int(postings[posting].positionCount & 0x7F)
            guard kept < positionLimit else { continue }
            positions[Int(postings[posting].positionStart) + kept] = tokens.positions[index]
            postings[posting].positionCount += 1
        }
    }

    // MARK: Pages read by an earlier build

    /// Document `number` of `stored` (an earlier build's postings, `SearchPostingsArchive`) as
    /// if its page were read again here: its terms found in or added to this vocabulary
    /// (`remap`, by the stored numbers: -1 until found). Terms are numbered here in the order
    /// they first appear, which is the order a fresh reading numbers them, so the index is the
    /// same byte for byte (Han runs are named by term numbers and written in their order).
    mutating func append(_ stored: SearchPostingsArchive, document number: Int, remap: inout [Int32]) {
        let document = Int32(documents.count)
        documents.append(stored.documents[number])
        lengths.append(stored.lengths[number])
        boosts.append(stored.boosts[number])
        let postingRange = stored.postingRange(number), positionRange = stored.positionRange(number)
        let positionShift = Int32(positions.count) - Int32(positionRange.lowerBound)
        stored.terms.withUnsafeBufferPointer { storedTerms in
            stored.postings.withUnsafeBufferPointer { storedPostings in
                for index in postingRange {
                    let old = Int(storedTerms[index])
                    if remap[old] < 0 {
                        remap[old] = stored.termBytes(old).withUnsafeBufferPointer { vocabulary.adopt($0, kind: stored.kinds[old]) }
                    }
                    terms.append(remap[old])
                    var posting = storedPostings[index]
                    posting.document = document
                    posting.positionStart += positionShift
                    postings.append(posting)
                }
            }
        }
        positions += stored.positions[positionRange]
        for record in stored.grams[stored.gramRange(number)] {
            let (first, last) = SearchHanGrams.parts(record.key)
            grams.append(
                .init(
                    key: SearchHanGrams.key(remap[first], remap[last], four: record.key >> 63 != 0), document: document,
                    weight: record.weight))
        }
    }
}
