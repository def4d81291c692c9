/// A 128-bit fingerprint of a large input (a language's whole indexed text) for a cache key:
/// two multiply-rotate lanes over 8-byte words, gigabytes a second, the same in every process.
/// `StableHasher` goes byte by byte and keeps 64 bits, too slow and too short to stand for tens
/// of megabytes. Not cryptographic: it tells apart inputs that differ by accident, which is what
/// a cache of one's own site needs.
struct ContentFingerprint {
    private var first: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let firstPrime: UInt64 = 0x9FB2_1C65_1E98_DF25
    private static let secondPrime: UInt64 = 0xFF51_AFD7_ED55_8CCD

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var a = first, b = second
        let words = bytes.count / 8
        for index in 0..<words {
            let word = bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            // The rotations carry the high bits, which a multiply only spreads upwards, back down.
            a = ((a ^ word) &* Self.firstPrime).rotated(27)
            b = ((b ^ word.rotated(32)) &* Self.secondPrime).rotated(31)
        }
        var tail: UInt64 = 0
        for index in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[index]) }
        first = a
        second = b
        // The tail and the length: ("ab", "c") and ("a", "bc") differ.
        combine(word: tail)
        combine(word: UInt64(bytes.count))
    }

    mutating func combine(_ bytes: [UInt8]) { bytes.withUnsafeBytes { combine($0) } }

    mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    mutating func combine(_ number: Int) { combine(word: UInt64(bitPattern: Int64(number))) }

    private mutating func combine(word: UInt64) {
        first = ((first ^ word) &* Self.firstPrime).rotated(27)
        second = ((second ^ word.rotated(32)) &* Self.secondPrime).rotated(31)
    }

    /// 32 lowercase hexadecimal digits.
    var hex: String {
        let high = Self.finalized(first ^ second.rotated(17)), low = Self.finalized(second &+ first)
        return [high, low].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    /// MurmurHash3's finalizer: every bit of the lane reaches every bit of the result.
    private static func finalized(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}

extension UInt64 {
    fileprivate func rotated(_ count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}
