/// Strings built from parts over their contiguous UTF-8, for names made thousands of times a
/// build (each photo variant's file name and cache path, its `srcset`): `+` and `+=` on strings,
/// and appending a `String.UTF8View` to a byte array, go byte by byte through generic code and
/// grow the result several times.
enum UTF8Joining {
    /// `parts` one after another, in one string allocated at its size.
    static func join(_ parts: String...) -> String {
        var length = 0
        for part in parts { length += part.utf8.count }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            for var part in parts {
                part.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else { return }
                    (buffer.baseAddress! + at).update(from: base, count: bytes.count)
                    at += bytes.count
                }
            }
            return at
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `text` in one copy.
    mutating func append(utf8Of text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
