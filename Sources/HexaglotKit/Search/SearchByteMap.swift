import Foundation

/// Byte strings to numbers, without a String or an allocation per look-up: the keys are kept
/// end to end in one byte array and found by open addressing on an FNV-1a hash. The analyser
/// looks up every word and Han character of a site here, tens of millions of times.
///
/// A large site's table is megabytes, so nearly every look-up misses the cache: a slot holds
/// what most look-ups need in one 16-byte value (a cache line has four): the hash, the key's
/// length and its first eight bytes. A key of eight bytes or fewer (every Han character and
/// pair, most words) is then found without reading the key store at all; a longer one reads
/// only its remaining bytes. (Slots, hashes and key ends in three arrays took four misses a
/// look-up; they were a sixth of the build's time with search.)
struct SearchByteMap {
    /// Every key, end to end; key `n` is `keyBytes[keyEnds[n - 1] ..< keyEnds[n]]`.
    private(set) var keyBytes: [UInt8] = []
    private(set) var keyEnds: [Int32] = []
    private(set) var values: [Int32] = []

    /// `tag`: the hash's upper 24 bits (which also pick the slot) and the key's length (255 for
    /// 255 and over) in the low byte; `entry`: key number + 1 (0: empty); `prefix`: the key's
    /// first eight bytes, little-endian, zero-padded (with the length, the whole of a short key).
    private struct Slot {
        var tag: UInt32 = 0
        var entry: Int32 = 0
        var prefix: UInt64 = 0
    }

    /// A power of two long.
    private var slots: [Slot]
    /// Keys in `slots` (not those only stored, `append`).
    private var hashedCount = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
    }

    var count: Int { keyEnds.count }

    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in key { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    /// The key's bytes.
    func key(_ number: Int) -> ArraySlice<UInt8> {
        keyBytes[(number == 0 ? 0 : Int(keyEnds[number - 1]))..<Int(keyEnds[number])]
    }

    /// How many bytes the key has.
    func keyLength(_ number: Int) -> Int { Int(keyEnds[number]) - (number == 0 ? 0 : Int(keyEnds[number - 1])) }

    /// `numbers` in the byte order of their keys (the order JavaScript compares UTF-8 in).
    func sortedByKey(_ numbers: [Int]) -> [Int] {
        keyBytes.withUnsafeBufferPointer { bytes in
            keyEnds.withUnsafeBufferPointer { ends in
                // Sorted by the first eight bytes, big-endian so that integers compare as the
                // bytes do (zero padding sorts a key before its extensions), which touches
                // only this array; keys that share them are compared whole.
                var keyed = numbers.map { number -> (head: UInt64, number: Int) in
                    let start = number == 0 ? 0 : Int(ends[number - 1])
                    return (Self.prefix(bytes.baseAddress! + start, Int(ends[number]) - start).byteSwapped, number)
                }
                keyed.sort { left, right in
                    if left.head != right.head { return left.head < right.head }
                    let leftStart = left.number == 0 ? 0 : Int(ends[left.number - 1])
                    let rightStart = right.number == 0 ? 0 : Int(ends[right.number - 1])
                    let leftCount = Int(ends[left.number]) - leftStart, rightCount = Int(ends[right.number]) - rightStart
                    let order = memcmp(bytes.baseAddress! + leftStart, bytes.baseAddress! + rightStart, min(leftCount, rightCount))
                    return order != 0 ? order < 0 : leftCount < rightCount
                }
                return keyed.map(\.number)
            }
        }
    }

    /// The first eight bytes of a key, little-endian, zero-padded.
    @inline(__always)
    private static func prefix(_ key: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        if count >= 8 { return UnsafeRawPointer(key).loadUnaligned(as: UInt64.self) }
        var value: UInt64 = 0
        for offset in 0..<count { value |= UInt64(key[offset]) << (8 * offset) }
        return value
    }

    @inline(__always)
    private static func tag(_ hash: UInt32, _ count: Int) -> UInt32 { hash & 0xFFFF_FF00 | UInt32(min(count, 255)) }

    @inline(__always)
    private static func firstSlot(_ tag: UInt32, _ mask: Int) -> Int { Int(tag >> 8) & mask }

    /// The number of `key` (its order of insertion), nil when it is not in the map.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int? {
        let mask = slots.count - 1
        let tag = Self.tag(hash, key.count)
        let prefix = key.isEmpty ? 0 : Self.prefix(key.baseAddress!, key.count)
        var slot = Self.firstSlot(tag, mask)
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let candidate = slots[slot]
                if candidate.entry == 0 { return nil }
                if candidate.tag == tag, candidate.prefix == prefix {
                    let number = Int(candidate.entry) - 1
                    if key.count <= 8 || restEqual(number, key) { return number }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Reads the first slot of each of `hashes`, only to bring them into the cache: the reads do
    /// not depend on one another, so their misses overlap (look-ups one after another waited
    /// for each). Returns something of them, for the caller to keep, so the reads stay.
    func touch(_ hashes: UnsafeBufferPointer<UInt32>) -> UInt32 {
        let mask = slots.count - 1
        return slots.withUnsafeBufferPointer { slots in
            var seen: UInt32 = 0
            for hash in hashes { seen ^= slots[Self.firstSlot(hash, mask)].tag }
            return seen
        }
    }

    /// Whether key `number`, whose first eight bytes and length (below 255) match `key`'s, has
    /// the same bytes after them.
    private func restEqual(_ number: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        keyBytes.withUnsafeBufferPointer { bytes in
            keyEnds.withUnsafeBufferPointer { ends in
                let start = number == 0 ? 0 : Int(ends[number - 1])
                guard Int(ends[number]) - start == key.count else { return false }
                return Self.equal(bytes.baseAddress! + start + 8, key.baseAddress! + 8, key.count - 8)
            }
        }
    }

    /// Keys are a few bytes long: compared here eight bytes at a time rather than by a call to memcmp.
    @inline(__always)
    private static func equal(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            let a = UnsafeRawPointer(left + offset).loadUnaligned(as: UInt64.self)
            let b = UnsafeRawPointer(right + offset).loadUnaligned(as: UInt64.self)
            if a != b { return false }
            offset += 8
        }
        while offset < count {
            if left[offset] != right[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Adds `key`, known not to be in the map, with `value`; returns its number.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32, value: Int32) -> Int {
        if (hashedCount + 1) * 2 > slots.count { grow() }
        let number = append(key, value: value)
        let prefix = key.isEmpty ? 0 : Self.prefix(key.baseAddress!, key.count)
        place(Slot(tag: Self.tag(hash, key.count), entry: Int32(number + 1), prefix: prefix))
        hashedCount += 1
        return number
    }

    /// Adds `key` with `value` and a number, but not to the look-up table: `find` never finds
    /// it. For keys the caller finds by other means (Han terms, `SearchIntegerMap`), whose
    /// bytes are only needed to write them out.
    @discardableResult
    mutating func append(_ key: UnsafeBufferPointer<UInt8>, value: Int32) -> Int {
        let number = keyEnds.count
        keyBytes.append(contentsOf: key)
        keyEnds.append(Int32(keyBytes.count))
        values.append(value)
        return number
    }

    private mutating func place(_ entry: Slot) {
        let mask = slots.count - 1
        var slot = Self.firstSlot(entry.tag, mask)
        while slots[slot].entry != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots.filter { $0.entry != 0 }
        slots = [Slot](repeating: Slot(), count: slots.count * 2)
        for entry in old { place(entry) }
    }
}
