import Foundation

/// Byte strings to numbers, without a String or an allocation per look-up: the keys are kept
/// end to end in one byte array and found by open addressing on an FNV-1a hash. The analyser
/// looks up every word and Han character of a site here, tens of millions of times.
struct SearchByteMap {
    /// Every key, end to end; key `n` is `keyBytes[keyEnds[n - 1] ..< keyEnds[n]]`.
    private(set) var keyBytes: [UInt8] = []
    private(set) var keyEnds: [Int32] = []
    private(set) var values: [Int32] = []
    /// Key number + 1 per slot (0: empty), and the key's hash beside it; a power of two long.
    private var slots: [Int32]
    private var slotHashes: [UInt32]

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        slotHashes = [UInt32](repeating: 0, count: size)
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

    /// `numbers` in the byte order of their keys (the order JavaScript compares UTF-8 in).
    func sortedByKey(_ numbers: [Int]) -> [Int] {
        keyBytes.withUnsafeBufferPointer { bytes in
            keyEnds.withUnsafeBufferPointer { ends in
                numbers.sorted { left, right in
                    let leftStart = left == 0 ? 0 : Int(ends[left - 1]), rightStart = right == 0 ? 0 : Int(ends[right - 1])
                    let leftCount = Int(ends[left]) - leftStart, rightCount = Int(ends[right]) - rightStart
                    let order = memcmp(bytes.baseAddress! + leftStart, bytes.baseAddress! + rightStart, min(leftCount, rightCount))
                    return order != 0 ? order < 0 : leftCount < rightCount
                }
            }
        }
    }

    /// The number of `key` (its order of insertion), nil when it is not in the map.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int? {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            slotHashes.withUnsafeBufferPointer { hashes in
                keyBytes.withUnsafeBufferPointer { bytes in
                    keyEnds.withUnsafeBufferPointer { ends in
                        while true {
                            let entry = Int(slots[slot])
                            if entry == 0 { return nil }
                            if hashes[slot] == hash {
                                let number = entry - 1
                                let start = number == 0 ? 0 : Int(ends[number - 1])
                                let end = Int(ends[number])
                                if end - start == key.count, Self.equal(bytes.baseAddress! + start, key.baseAddress!, key.count) {
                                    return number
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
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
        if (keyEnds.count + 1) * 2 > slots.count { grow() }
        let number = keyEnds.count
        keyBytes.append(contentsOf: key)
        keyEnds.append(Int32(keyBytes.count))
        values.append(value)
        place(number, hash: hash)
        return number
    }

    private mutating func place(_ number: Int, hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(number + 1)
        slotHashes[slot] = hash
    }

    private mutating func grow() {
        let old = zip(slots, slotHashes).filter { $0.0 != 0 }
        slots = [Int32](repeating: 0, count: slots.count * 2)
        slotHashes = [UInt32](repeating: 0, count: slots.count)
        for (entry, hash) in old { place(Int(entry) - 1, hash: hash) }
    }
}
