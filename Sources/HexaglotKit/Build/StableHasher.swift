/// FNV-1a, 64 bits: a hash that is the same in every process (Swift's `Hasher` is seeded per
/// run), for build-cache keys.
struct StableHasher {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ string: String) {
        for byte in string.utf8 { combine(byte: byte) }
        combine(byte: 0xFF)  // separator: ("ab", "c") and ("a", "bc") differ
    }

    mutating func combine(_ number: Int) {
        var n = UInt64(bitPattern: Int64(number))
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: n))
            n >>= 8
        }
    }

    mutating func combine(byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    /// Hashes lowered template data: objects by field, maps by sorted key, lists in order.
    mutating func combine(template value: TemplateValue) {
        switch value {
        case .text(let text): combine(byte: 1); combine(text)
        case .markup(let html): combine(byte: 10); for byte in html { combine(byte: byte) }
        case .flag(let flag): combine(byte: 2); combine(byte: flag ? 1 : 0)
        case .number(let number): combine(byte: 3); combine(number)
        case .decimal(let number): combine(byte: 4); combine(String(number))
        case .object(let object):
            combine(byte: 5)
            for slot in object.slots {
                if let slot { combine(template: slot) } else { combine(byte: 0) }
            }
            combine(byte: 6)
        case .map(let map):
            combine(byte: 11)
            for key in map.keys.sorted() {
                combine(key)
                combine(template: map[key]!)
            }
            combine(byte: 12)
        case .list(let items):
            combine(byte: 7)
            for item in items { combine(template: item) }
            combine(byte: 8)
        }
    }

    static func hash(_ strings: [String]) -> UInt64 {
        var hasher = StableHasher()
        for string in strings { hasher.combine(string) }
        return hasher.value
    }
}
