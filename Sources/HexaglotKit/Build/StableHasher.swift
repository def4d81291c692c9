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

    /// Hashes a template context: dictionaries by sorted key, arrays in order, scalars by value.
    mutating func combine(context value: Any) {
        switch value {
        case let string as String: combine(byte: 1); combine(string)
        case let bool as Bool: combine(byte: 2); combine(byte: bool ? 1 : 0)
        case let int as Int: combine(byte: 3); combine(int)
        case let double as Double: combine(byte: 4); combine(String(double))
        case let dictionary as [String: Any]:  // [String: String] and other dictionaries convert to this
            combine(byte: 5)
            for key in dictionary.keys.sorted() {
                combine(key)
                combine(context: dictionary[key]!)
            }
            combine(byte: 6)
        case let array as [Any]:
            combine(byte: 7)
            for element in array { combine(context: element) }
            combine(byte: 8)
        default:
            combine(byte: 9)
            combine(String(describing: value))
        }
    }

    static func hash(_ strings: [String]) -> UInt64 {
        var hasher = StableHasher()
        for string in strings { hasher.combine(string) }
        return hasher.value
    }
}
