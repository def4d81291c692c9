import Foundation

/// Strings written from parts over their contiguous UTF-8, for names made thousands of times a
/// build (each photo variant's file name and cache path, its `srcset`): `+` and `+=` on strings,
/// `String(width)` and `String(key.prefix(12))`, and appending a `String.UTF8View` to a byte
/// array, each go through generic code or make a string of their own, and grow the result
/// several times.
enum UTF8Joining {
    /// Writes the parts of one string into its buffer, allocated once at its largest size.
    struct Writer {
        fileprivate let buffer: UnsafeMutableBufferPointer<UInt8>
        fileprivate var count = 0

        /// The bytes of `text`, or of its first `limit` bytes.
        mutating func put(_ text: String, first limit: Int = .max) {
            var text = text
            text.withUTF8 { bytes in
                let length = min(limit, bytes.count)
                guard length > 0 else { return }
                (buffer.baseAddress! + count).update(from: bytes.baseAddress!, count: length)
                count += length
            }
        }

        mutating func put(_ byte: UInt8) {
            buffer[count] = byte
            count += 1
        }

        /// `number` in decimal digits.
        mutating func put(decimal number: Int) {
            if number < 0 { put(UInt8(ascii: "-")) }
            var rest = number.magnitude, digits = 1
            while rest >= 10 {
                rest /= 10
                digits += 1
            }
            rest = number.magnitude
            for place in stride(from: count + digits - 1, through: count, by: -1) {
                buffer[place] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            count += digits
        }

        /// The most bytes `put(decimal:)` writes.
        static let decimalCapacity = 20
    }

    /// Whether the bytes of `text` begin with those of `prefix` (no Unicode equivalence: paths).
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        var text = text, prefix = prefix
        return text.withUTF8 { bytes in
            prefix.withUTF8 { start in
                start.count <= bytes.count && (start.isEmpty || memcmp(bytes.baseAddress!, start.baseAddress!, start.count) == 0)
            }
        }
    }

    /// The string `body` writes, in at most `capacity` bytes.
    static func build(capacity: Int, _ body: (inout Writer) -> Void) -> String {
        String(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = Writer(buffer: buffer)
            body(&writer)
            return writer.count
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `text` in one copy.
    mutating func append(utf8Of text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends the bytes of a literal in one copy (a `String.UTF8View` goes through generic code).
    mutating func append(static text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `number` in decimal digits, without making a string of it.
    mutating func append(decimal number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var rest = number.magnitude, place: UInt = 1
        while rest / place >= 10 { place *= 10 }
        while place > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / place))
            rest %= place
            place /= 10
        }
    }
}
