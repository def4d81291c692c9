/// 64-bit keys to term numbers by open addressing, one 16-byte slot a key: how the analyser finds
/// Han characters and pairs, keyed by what they are made of (a character by its code point, a
/// pair by its two characters' numbers), not by hashing and comparing their bytes. Han text is
/// most of a Chinese site's tokens, two terms a character (and two runs, `SearchHanGrams`).
struct SearchIntegerMap {
    private struct Slot {
        /// 0: empty (no key is 0).
        var key: UInt64 = 0
        var value: Int32 = 0
    }

    /// A power of two long, at most half full.
    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16, bits: UInt64 = 4
        while size < capacity * 2 {
            size <<= 1
            bits += 1
        }
        slots = [Slot](repeating: Slot(), count: size)
        shift = 64 - bits
    }

    /// Fibonacci hashing: the key's numbers are small and close together, the product's top bits are not.
    @inline(__always)
    private func firstSlot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The value of `key` (not 0), nil when it is not in the map.
    @inline(__always)
    func find(_ key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = firstSlot(key)
            while true {
                let candidate = slots[slot]
                if candidate.key == key { return candidate.value }
                if candidate.key == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds `key` (not 0, not in the map) with `value`.
    mutating func insert(_ key: UInt64, value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        place(Slot(key: key, value: value))
        count += 1
    }

    private mutating func place(_ entry: Slot) {
        let mask = slots.count - 1
        var slot = firstSlot(entry.key)
        while slots[slot].key != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots.filter { $0.key != 0 }
        slots = [Slot](repeating: Slot(), count: slots.count * 2)
        shift -= 1
        for entry in old { place(entry) }
    }
}
