import Foundation

/// One language's terms, numbered in order of first appearance, and the analyser that reads
/// text into them (`SearchAnalyzer`'s rules, applied to UTF-8 bytes). A word is folded into a
/// reused buffer and looked up among the words already seen; only a new word is stemmed
/// (libstemmer takes bytes too). Han terms are looked up by the numbers of the terms they are
/// made of (`SearchIntegerMap`), their bytes (the text's own) kept only to be written out. So a
/// token costs a hash and a look-up, and no allocation.
///
/// A value, not a class: the analyser's loop then touches its buffers without the run-time
/// exclusivity checks a class's properties take (they were a sixth of the time).
struct SearchVocabulary {
    /// `hanGram`: three or four Han characters side by side, without positions: a query of
    /// one run of three or four characters is then one term, in one shard (pairs would be two).
    /// Grams are not numbered here: the text's grams are listed apart (`SearchTokenList.grams`)
    /// and inverted by `SearchHanGrams`.
    enum Kind: UInt8 {
        case word, hanCharacter, hanPair, hanGram

        /// Whether the index lists where on the page the term is (for phrases and Han runs
        /// longer than a term): words and pairs.
        var hasPositions: Bool { self == .word || self == .hanPair }

        /// Whether the term counts in a page's length (BM25): words and Han characters, each
        /// character once (not again in its pairs and grams).
        var countsInLength: Bool { self == .word || self == .hanCharacter }
    }

    let analyzer: SearchAnalyzer
    /// Term bytes to term number; the kinds are by term number.
    private(set) var terms = SearchByteMap(capacity: 1 << 14)
    private(set) var kinds: [Kind] = []
    /// Folded words (before stemming) to their term number × 8 + their form, -1 when they give none,
    /// -2 - n for the n-th of `accentFree` (a word with a second term).
    private var words = SearchByteMap(capacity: 1 << 14)
    /// Words whose accents change their stem (`contaminación`: `contamin`; `contaminacion`, as a
    /// reader types it without accents: `contaminacion`): the term × 8 + form, and the term of the
    /// word without its accents, indexed at the same place so that the unaccented query finds it.
    private var accentFree: [(value: Int32, term: Int32)] = []
    /// Han terms by what they are made of (`hanKey`): found without hashing their bytes.
    private var han = SearchIntegerMap(capacity: 1 << 14)
    private var word: [UInt8] = []
    /// Words read but not looked up yet (`flushWords`): their bytes end to end, where each ends,
    /// its hash, whether it composes.
    private var pendingBytes: [UInt8] = []
    private var pendingEnds: [Int] = []
    private var pendingHashes: [UInt32] = []
    private var pendingComposes: [Bool] = []
    /// What reading the pending words' slots ahead gave (kept so that the reads are not dropped).
    private var touched: UInt32 = 0
    private var stemmed: [UInt8] = []
    private var folded: [UInt8] = []

    init(analyzer: SearchAnalyzer) {
        self.analyzer = analyzer
        word.reserveCapacity(256)
    }

    var count: Int { terms.count }

    func term(_ number: Int32) -> String { String(decoding: terms.key(Int(number)), as: UTF8.self) }

    /// Reads `text`'s tokens into `list` (term numbers and positions, positions from `start`);
    /// returns the position after the last token.
    mutating func read(_ text: String, from start: Int32, into list: inout SearchTokenList) -> Int32 {
        var text = text
        return text.withUTF8 { read($0, from: start, into: &list) }
    }

    private mutating func read(_ text: UnsafeBufferPointer<UInt8>, from start: Int32, into list: inout SearchTokenList) -> Int32 {
        var position = start
        var index = 0
        let count = text.count
        var wordHasMark = false
        // Where the previous three characters start when they were Han (the pair ending with
        // this one is the bytes from the first; the others say a run of three or four), else -1.
        var previousHan = -1, secondHan = -1, thirdHan = -1
        // The position after the last Han character: a run that starts there (only punctuation
        // or spaces between) starts one further, so no chain of pairs spans the break.
        var afterHan: Int32 = -1
        // The term numbers of the previous character, the pair ending there and the pair before
        // (valid where the offsets above are).
        var previousCharacter: Int32 = 0, previousPair: Int32 = 0, pairBefore: Int32 = 0
        word.removeAll(keepingCapacity: true)
        let (foldedBytes, foldedStarts) = SearchFolding.foldedUTF8

        while index < count {
            let lead = text[index]
            if lead < 0x80 {
                // ASCII: letters and digits make words; everything else ends one.
                let isLetter = (lead | 0x20) >= 0x61 && (lead | 0x20) <= 0x7A
                if isLetter || (lead >= 0x30 && lead <= 0x39) {
                    previousHan = -1
                    word.append(lead >= 0x41 && lead <= 0x5A ? lead + 0x20 : lead)
                } else {
                    previousHan = -1
                    if lead == 0x27, Self.apostropheJoins(word, text, after: index + 1) {
                        word.append(0x27)
                    } else if !word.isEmpty || wordHasMark {
                        endWord(&position, &wordHasMark, into: &list)
                    }
                }
                index += 1
                continue
            }
            let (value, length) = SearchFolding.scalar(in: text, at: index)
            let kind = SearchFolding.scalarClass(value)
            if kind == SearchFolding.hanClass {
                if !word.isEmpty || wordHasMark { endWord(&position, &wordHasMark, into: &list) }
                // The words before have their positions (and their terms their numbers) first.
                if !pendingEnds.isEmpty { flushWords(&position, into: &list) }
                if previousHan < 0, position == afterHan { position += 1 }
                let end = index + length
                let character = hanTerm(Self.hanKey(1, 0, UInt32(value)), .hanCharacter, text, index, end)
                list.append(character, at: position)
                if previousHan >= 0 {
                    let pair = hanTerm(Self.hanKey(2, previousCharacter, character), .hanPair, text, previousHan, end)
                    list.append(pair, at: position - 1)
                    // Three and four characters go to the grams, made of the terms they hold.
                    if secondHan >= 0 {
                        list.appendGram(SearchHanGrams.key(previousPair, character, four: false), at: position - 2)
                        if thirdHan >= 0 { list.appendGram(SearchHanGrams.key(pairBefore, pair, four: true), at: position - 3) }
                    }
                    pairBefore = previousPair
                    previousPair = pair
                }
                previousCharacter = character
                thirdHan = secondHan
                secondHan = previousHan
                previousHan = index
                position += 1
                afterHan = position
            } else if kind == SearchFolding.separatorClass {
                previousHan = -1
                if value == 0x2019, Self.apostropheJoins(word, text, after: index + length) {
                    word.append(0x27)
                } else if !word.isEmpty || wordHasMark {
                    endWord(&position, &wordHasMark, into: &list)
                }
            } else {
                previousHan = -1
                let before = word.count
                if value < SearchFolding.foldedTableEnd {
                    let from = Int(foldedStarts[Int(value)]), to = Int(foldedStarts[Int(value) + 1])
                    if to > from { word.append(contentsOf: foldedBytes[from..<to]) }
                } else {
                    var folded = ""
                    SearchFolding.foldBeforeStemming(Unicode.Scalar(value)!, into: &folded)
                    word.append(contentsOf: folded.utf8)
                }
                // A kept combining mark asks for composition (a dropped one, harakat, does not).
                if kind == SearchFolding.markClass, word.count > before { wordHasMark = true }
            }
            index += length
        }
        if !word.isEmpty || wordHasMark { endWord(&position, &wordHasMark, into: &list) }
        flushWords(&position, into: &list)
        return position
    }

    /// An apostrophe (' or ’) between two letters or digits is inside a word, as in Unicode's
    /// word boundaries (UAX #29): `l'eau`, `don't` are one word each (and the word keeps '); French
    /// then drops the elided article (`SearchAnalyzer.stem`).
    private static func apostropheJoins(_ word: [UInt8], _ text: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
        guard !word.isEmpty, index < text.count else { return false }
        return SearchFolding.scalarClass(SearchFolding.scalar(in: text, at: index).value) == SearchFolding.wordClass
    }

    /// Words looked up at a time: enough for their table's cache misses to overlap.
    private static let wordBatch = 32

    /// Queues the word read for `flushWords`, which looks it up with the ones after it.
    private mutating func endWord(_ position: inout Int32, _ hasMark: inout Bool, into list: inout SearchTokenList) {
        let composes = hasMark
        hasMark = false
        guard !word.isEmpty else { return }
        pendingBytes += word
        pendingEnds.append(pendingBytes.count)
        pendingHashes.append(word.withUnsafeBufferPointer(SearchByteMap.hash))
        pendingComposes.append(composes)
        word.removeAll(keepingCapacity: true)
        if pendingEnds.count == Self.wordBatch { flushWords(&position, into: &list) }
    }

    /// The pending words' terms into `list`, in order, each at the next position (a word that
    /// gives no term takes none). A large site's word table is megabytes, so nearly every
    /// look-up missed the cache and waited for it; their slots are read first, all at once,
    /// so that the misses overlap.
    private mutating func flushWords(_ position: inout Int32, into list: inout SearchTokenList) {
        guard !pendingEnds.isEmpty else { return }
        touched ^= pendingHashes.withUnsafeBufferPointer(words.touch)
        // Moved out while they are read, so that the other buffers can change.
        let bytes = pendingBytes, ends = pendingEnds, hashes = pendingHashes, composes = pendingComposes
        pendingBytes = []
        bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for (index, end) in ends.enumerated() {
                let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end
                let value: Int32
                if let known = words.find(key, hash: hashes[index]) {
                    value = words.values[known]
                } else {
                    value = composes[index] ? newWord(composing: key) : newWord(key)
                    words.insert(key, hash: hashes[index], value: value)
                }
                if value >= 0 {
                    list.append(value >> 3, at: position, form: UInt8(value & 7))
                } else if value <= -2 {
                    let (word, term) = accentFree[Int(-2 - value)]
                    list.append(word >> 3, at: position, form: UInt8(word & 7))
                    list.append(term, at: position, form: SearchTokenList.accentFreeForm | UInt8(word & 7))
                } else {
                    continue
                }
                position += 1
            }
        }
        pendingBytes = bytes
        pendingBytes.removeAll(keepingCapacity: true)
        pendingEnds.removeAll(keepingCapacity: true)
        pendingHashes.removeAll(keepingCapacity: true)
        pendingComposes.removeAll(keepingCapacity: true)
    }

    /// A word with combining marks: composed first (through a String: rare).
    private mutating func newWord(composing word: UnsafeBufferPointer<UInt8>) -> Int32 {
        var composed = String(decoding: word, as: UTF8.self).precomposedStringWithCanonicalMapping
        return composed.withUTF8 { newWord($0) }
    }

    /// A word not seen before: stemmed, then without Latin diacritics; its term number × 8 +
    /// its form, -1 when nothing is left.
    private mutating func newWord(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard !word.isEmpty else { return -1 }
        // Moved out while used, so that they stay uniquely referenced (no copy on write).
        var stemmed = self.stemmed, folded = self.folded
        self.stemmed = []
        self.folded = []
        let form = analyzer.stem(word, into: &stemmed)
        stemmed.withUnsafeBufferPointer { SearchFolding.foldAfterStemming($0, into: &folded) }
        var term = folded.isEmpty ? -1 : folded.withUnsafeBufferPointer { number(of: $0, kind: .word) << 3 | Int32(form) }
        if term >= 0, analyzer.foldsAccentsAfterStemming, let other = accentFreeTerm(of: word, besides: term >> 3) {
            accentFree.append((term, other))
            term = -1 - Int32(accentFree.count)
        }
        self.stemmed = stemmed
        self.folded = folded
        return term
    }

    /// The term of `word` with its Latin accents taken off before stemming, when it is not
    /// `term` (the word's own number): Snowball's suffixes have accents (-ación, -ité), so the
    /// word a French or Spanish reader types without them stems otherwise.
    private mutating func accentFreeTerm(of word: UnsafeBufferPointer<UInt8>, besides term: Int32) -> Int32? {
        // An ASCII word has no accent to take off: most new words, decided without a copy.
        guard let base = word.baseAddress, !Self.isASCII(base, count: word.count) else { return nil }
        // A scratch buffer kept between words, moved out while used (no copy on write).
        var plain = accentFreePlain
        accentFreePlain = []
        defer { accentFreePlain = plain }
        SearchFolding.foldAfterStemming(word, into: &plain)
        guard !plain.elementsEqual(word) else { return nil }
        // The word without accents is a word of its own, whose term is the one wanted: looked up
        // among the words read (and entered there), so it is stemmed once for all its spellings.
        let other: Int32? = plain.withUnsafeBufferPointer { plain in
            let hash = SearchByteMap.hash(plain)
            let value: Int32
            if let known = words.find(plain, hash: hash) {
                value = words.values[known]
            } else {
                value = newWord(plain)
                words.insert(plain, hash: hash, value: value)
            }
            if value >= 0 { return value >> 3 }
            return value <= -2 ? accentFree[Int(-2 - value)].value >> 3 : nil
        }
        guard let other, other != term else { return nil }
        return other
    }

    private var accentFreePlain: [UInt8] = []

    /// Whether `count` bytes from `base` are all ASCII, eight at a time.
    private static func isASCII(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// A Han term's key: what it is (1 a character, 2 a pair) and the numbers it is made of (a
    /// character's code point; a pair's two characters).
    @inline(__always)
    private static func hanKey(_ length: UInt64, _ first: Int32, _ last: UInt32) -> UInt64 {
        length << 60 | UInt64(UInt32(bitPattern: first)) << 30 | UInt64(last)
    }

    @inline(__always)
    private static func hanKey(_ length: UInt64, _ first: Int32, _ last: Int32) -> UInt64 {
        hanKey(length, first, UInt32(bitPattern: last))
    }

    /// The number of the Han term `key`, the bytes `text[from ..< to]`.
    @inline(__always)
    private mutating func hanTerm(_ key: UInt64, _ kind: Kind, _ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int32 {
        if let known = han.find(key) { return known }
        // Not among the terms either: Han terms are only made here, and words hold no Han.
        let bytes = UnsafeBufferPointer(rebasing: text[from..<to])
        kinds.append(kind)
        let term = Int32(terms.append(bytes, value: 0))
        han.insert(key, value: term)
        return term
    }

    /// The number here of a term another vocabulary numbered (`SearchPostings.append(_:document:remap:)`),
    /// added when new. Han terms are found and entered by what they are made of, as reading
    /// text does (a pair's characters are on the same page, so they were adopted before it).
    mutating func adopt(_ bytes: UnsafeBufferPointer<UInt8>, kind: Kind) -> Int32 {
        switch kind {
        case .hanCharacter:
            let key = Self.hanKey(1, 0, SearchFolding.scalar(in: bytes, at: 0).value)
            return hanTerm(key, kind, bytes, 0, bytes.count)
        case .hanPair:
            let (first, length) = SearchFolding.scalar(in: bytes, at: 0)
            let second = SearchFolding.scalar(in: bytes, at: length).value
            let firstTerm = hanTerm(Self.hanKey(1, 0, first), .hanCharacter, bytes, 0, length)
            let secondTerm = hanTerm(Self.hanKey(1, 0, second), .hanCharacter, bytes, length, bytes.count)
            return hanTerm(Self.hanKey(2, firstTerm, secondTerm), kind, bytes, 0, bytes.count)
        case .word, .hanGram:
            return number(of: bytes, kind: kind)
        }
    }

    /// The bytes of the gram `key` (`SearchHanGrams.key`): its two parts' end to end.
    func gramBytes(_ key: UInt64, into bytes: inout [UInt8]) {
        let (first, last) = SearchHanGrams.parts(key)
        bytes.removeAll(keepingCapacity: true)
        bytes += terms.key(first)
        bytes += terms.key(last)
    }

    private mutating func number(of term: UnsafeBufferPointer<UInt8>, kind: Kind) -> Int32 {
        let hash = SearchByteMap.hash(term)
        if let known = terms.find(term, hash: hash) { return Int32(known) }
        kinds.append(kind)
        return Int32(terms.insert(term, hash: hash, value: 0))
    }
}

/// Tokens as term numbers of a `SearchVocabulary` and their positions, in the text's order; Han
/// runs of three and four characters apart, as `SearchHanGrams` keys.
struct SearchTokenList {
    /// Set in a token's form when the token is a word's accent-free term, at the word's place:
    /// the word counts once in the page's length.
    static let accentFreeForm: UInt8 = 8

    var terms: [Int32] = []
    var positions: [Int32] = []
    var forms: [UInt8] = []
    var grams: [UInt64] = []
    var gramPositions: [Int32] = []
    /// For each gram, how many terms came before it (so the text's order can be told again).
    var gramPlaces: [Int32] = []

    mutating func append(_ term: Int32, at position: Int32, form: UInt8 = 0) {
        terms.append(term)
        positions.append(position)
        forms.append(form)
    }

    mutating func appendGram(_ key: UInt64, at position: Int32) {
        grams.append(key)
        gramPositions.append(position)
        gramPlaces.append(Int32(terms.count))
    }

    mutating func removeAll() {
        terms.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        forms.removeAll(keepingCapacity: true)
        grams.removeAll(keepingCapacity: true)
        gramPositions.removeAll(keepingCapacity: true)
        gramPlaces.removeAll(keepingCapacity: true)
    }
}
