/// Decoding one scalar from UTF-8 bytes by hand, for the loops that classify every character of
/// a page's text (reading time, bidi runs): going through `String.unicodeScalars` cost several
/// times more there.
enum UTF8Scalar {
    /// The scalar value of the sequence starting at `index` and its length in bytes. The bytes
    /// are valid UTF-8 (Swift strings, cmark-gfm's literals); a sequence cut off at the end is
    /// decoded as far as it goes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<min(length, bytes.count - index) { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }
}
