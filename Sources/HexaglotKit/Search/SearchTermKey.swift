/// A term as a dictionary key: hashed and compared as UTF-8 bytes, as the script's JSON object
/// keys compare (by code units), and without String's Unicode normalisation, which was most of
/// the cost of the index's millions of look-ups of Han, Arabic and Cyrillic terms.
struct SearchTermKey: Hashable, Sendable {
    let term: String
    /// FNV-1a of the UTF-8, 64 bits.
    let hash: UInt64

    init(_ term: String) {
        self.term = term
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in term.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        self.hash = hash
    }

    static func == (left: Self, right: Self) -> Bool {
        left.hash == right.hash && left.term.utf8.elementsEqual(right.term.utf8)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
