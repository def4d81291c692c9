import Foundation

/// Building URL paths: each segment percent-encoded from UTF-8, so a Chinese or Cyrillic slug
/// gives a link every browser and server agrees on, while the file on disk keeps its readable name.
public enum URLPath {
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Percent-encodes everything in one path segment except RFC 3986's unreserved characters.
    /// Where a URL's path ends: at its first `?` or `#`, found on the bytes (looking at
    /// Characters meant grapheme breaking on every link of every page).
    public static func endOfPath(in url: String) -> String.Index {
        url.utf8.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? url.endIndex
    }

    /// `removingPercentEncoding` only when there is a `%` to decode (Foundation's call costs
    /// more than the rest of a link's resolution); nil when the escapes are not UTF-8.
    public static func percentDecoded(_ text: String) -> String? {
        text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding : text
    }

    public static func encodeSegment(_ segment: String) -> String {
        encode(segment, keepingSlashes: false)
    }

    /// `/zh/新闻/` with each segment encoded; slashes kept.
    public static func encodePath(_ path: String) -> String {
        encode(path, keepingSlashes: true)
    }

    /// One pass over the bytes; text that needs no encoding is returned as it is.
    private static func encode(_ text: String, keepingSlashes: Bool) -> String {
        let kept: (UInt8) -> Bool = { isUnreserved($0) || (keepingSlashes && $0 == UInt8(ascii: "/")) }
        // Over the contiguous bytes: `allSatisfy` on the UTF-8 view cost more than the rest of
        // most links' rewrite, and nearly every path needs no encoding.
        var text = text
        guard text.withUTF8({ $0.contains { !kept($0) } }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if kept(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text a percent-encoded path names, as a server reads a request: each `%XX` decoded
    /// once and the bytes read as UTF-8 (the encoding `encodePath` writes). nil when a `%` is
    /// not followed by two hex digits or the bytes are not UTF-8 (overlong, surrogate, cut
    /// short): such a path names no published file, and guessing could name another one.
    /// What the decoded text holds (`/`, `..`, NUL) is for the caller to judge.
    public static func decodePath(_ encoded: String) -> String? {
        guard encoded.utf8.contains(UInt8(ascii: "%")) else { return encoded }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.utf8.count)
        var remaining = encoded.utf8.makeIterator()
        while let byte = remaining.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = remaining.next().flatMap(hexValue), let low = remaining.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A fragment (`#…`) from a heading id.
    public static func encodeFragment(_ fragment: String) -> String {
        encodeSegment(fragment)
    }
}
