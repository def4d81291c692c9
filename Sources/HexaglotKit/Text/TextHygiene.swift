import Foundation

/// What may be in text that a site's authors write into YAML (front matter, site.yaml, i18n
/// files), and how inline text is kept from spilling its bidirectional controls onto its
/// neighbours.
public enum TextHygiene {
    /// C0 controls other than tab and line feed (CR too: YAML turns written line breaks into
    /// LF, so a CR in a value came from an escape), DEL, and the C1 controls. They are invisible,
    /// XML 1.0 cannot hold most of them, and browsers treat them as parse errors.
    public static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A }
        return (0x7F...0x9F).contains(value)
    }

    /// The first forbidden control and its offset in Unicode scalars, if any.
    public static func firstForbiddenControl(in text: String) -> (offset: Int, scalar: Unicode.Scalar)? {
        // One pass over the bytes decides; scalars are counted only when one is found.
        var text = text
        guard let found = text.withUTF8(forbiddenControlByte) else { return nil }
        let utf8 = text.utf8
        let position = utf8.index(utf8.startIndex, offsetBy: found)
        let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: position)
        return (offset, text.unicodeScalars[position])
    }

    /// Whether the UTF-8 holds a forbidden control.
    static func containsForbiddenControl(_ utf8: String.UTF8View) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable(forbiddenControlByte) { return found != nil }
        return Array(utf8).withUnsafeBufferPointer(forbiddenControlByte) != nil
    }

    /// The offset of the first byte that starts a forbidden control: below 0x20 other than tab
    /// and line feed, 0x7F, or the lead byte 0xC2 followed by 0x80…0x9F (U+0080…U+009F). (Every
    /// line feed and every `«`, `»` or no-break space used to send a whole file to a scalar scan.)
    private static func forbiddenControlByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = 0
        while index < bytes.count {
            // Eight bytes at once, each test exact per byte, so a word of prose with a line feed,
            // a tab or a `«` (C2 AB) passes without the byte loop. (SIMD16 compiled to a loop over lanes.)
            var end = index + 1
            if index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                // First a cheap test that may err only towards "look closer": no byte below 0x20,
                // 0x7F or 0xC2 at all (most words of a file).
                let delete = word ^ ones &* 0x7F, leadOrZero = word ^ ones &* 0xC2
                let maybe = (word &- ones &* 0x20) & ~word | (delete &- ones) & ~delete | (leadOrZero &- ones) & ~leadOrZero
                if maybe & highs == 0 {
                    index += 8
                    continue
                }
                let controls = ~(((word & lowBits) &+ ones &* 0x60) | word) & highs
                let lead = zeroBytes(word ^ ones &* 0xC2)
                let c1Tail = word & highs & ~((word & (ones &* 0x60)) &+ ones &* 0x60)
                let forbidden =
                    controls & ~zeroBytes(word ^ ones &* 0x0A) & ~zeroBytes(word ^ ones &* 0x09)
                    | zeroBytes(word ^ ones &* 0x7F) | (lead << 8) & c1Tail | lead & (1 << 63)
                if forbidden == 0 {
                    index += 8
                    continue
                }
                end = index + 8
            }
            while index < end {
                let byte = bytes[index]
                if byte < 0x20 ? byte != 0x09 && byte != 0x0A : byte == 0x7F { return index }
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] & 0xE0 == 0x80 { return index }
                index += 1
            }
        }
        return nil
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit of each byte of `word` that is zero, exactly (no borrow between bytes).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ lowBits) | word) & highs
    }

    /// Whether UTF-8 bytes hold a forbidden control (a source file before it becomes a String).
    static func containsForbiddenControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        forbiddenControlByte(bytes) != nil
    }

    /// `U+0000 (NUL)`: how messages name a control character.
    public static func name(of scalar: Unicode.Scalar) -> String {
        let names = [
            "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR",
            "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
            "FS", "GS", "RS", "US",
        ]
        var hex = String(scalar.value, radix: 16, uppercase: true)
        hex = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let value = Int(scalar.value)
        if value < names.count { return "U+\(hex) (\(names[value]))" }
        if value == 0x7F { return "U+\(hex) (DEL)" }
        if value == 0x85 { return "U+\(hex) (NEL)" }
        return "U+\(hex)"
    }

    // MARK: Bidirectional controls

    /// LRE, RLE, LRO, RLO open an embedding or override that PDF closes; LRI, RLI, FSI open an
    /// isolate that PDI closes. Each runs to the end of the paragraph when left open.
    static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// `text` with its bidirectional controls paired: every embedding, override or isolate it
    /// opens is closed at its end, and closers with nothing of its own to close are dropped.
    ///
    /// Inline values (titles, summaries, tag, language and channel names) are inserted next
    /// to other text: in `<title>` after a page title comes the site's name, in a feed reader
    /// a title sits in the reader's own layout. An unterminated U+202E in a title would reverse
    /// everything after it up to the paragraph's end. Balanced, the value's controls act only
    /// inside the value, in any context, including `<title>`, attributes, XML and JSON, which
    /// cannot hold `<bdi>`; and nothing is added to text that has no such controls.
    /// Whether the text has an E2 byte, the lead byte of every bidi control (memchr: this runs
    /// on every value a template writes).
    private static func mayHoldBidiControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, 0xE2, bytes.count) != nil
        }
    }

    public static func balancingBidiControls(_ text: String) -> String {
        // Every bidi control is E2 80 AA–AE or E2 81 A6–A9 in UTF-8.
        guard mayHoldBidiControl(text), text.unicodeScalars.contains(where: { isBidiControl($0.value) }) else { return text }
        // The open embeddings and isolates, innermost last (true: an isolate).
        var open: [Bool] = []
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x202A, 0x202B, 0x202D, 0x202E:
                open.append(false)
            case 0x2066...0x2068:
                open.append(true)
            case 0x202C:
                // PDF closes the innermost embedding, never across an isolate (UAX #9, X7).
                guard open.last == false else { continue }
                open.removeLast()
            case 0x2069:
                // PDI closes the innermost isolate and every embedding opened inside it (X6a).
                guard let isolate = open.lastIndex(of: true) else { continue }
                open.removeSubrange(isolate...)
            default:
                break
            }
            result.append(scalar)
        }
        for isIsolate in open.reversed() { result.append(isIsolate ? "\u{2069}" : "\u{202C}") }
        return String(result)
    }
}
