import Foundation

/// Reads an image's intrinsic size from the first bytes of its file (PNG, JPEG, GIF, WebP, SVG),
/// so that Markdown images get `width` and `height` and pages do not jump as they load.
public enum ImageSize {
    public static func of(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(65_536))
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func le24(_ i: Int) -> Int { le16(i) | Int(bytes[i + 2]) << 16 }
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return (be32(16), be32(20))
        }
        if bytes.count >= 10, bytes.starts(with: Array("GIF".utf8)) {
            return (le16(6), le16(8))
        }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            switch String(decoding: bytes[12..<16], as: UTF8.self) {
            case "VP8 ": return (le16(26) & 0x3FFF, le16(28) & 0x3FFF)
            case "VP8L":
                let b = bytes[21...24].map(Int.init)
                return (1 + (b[0] | (b[1] & 0x3F) << 8), 1 + ((b[1] >> 6) | b[2] << 2 | (b[3] & 0x0F) << 10))
            case "VP8X": return (1 + le24(24), 1 + le24(27))
            default: return nil
            }
        }
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            var index = 2
            while index + 9 < bytes.count {
                guard bytes[index] == 0xFF else { return nil }
                let marker = bytes[index + 1]
                let length = be16(index + 2)
                // Start-of-frame markers carry the size (not DHT C4, JPG C8, DAC CC).
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return (be16(index + 7), be16(index + 5))
                }
                index += 2 + length
            }
            return nil
        }
        return svgSize(bytes)
    }

    /// `width`/`height` of the root `<svg>` in pixels, else its `viewBox`. Over the bytes: decoding
    /// the first 64 KB of the file and searching it as text with a regular expression cost two
    /// million instructions an SVG, a hundredth of a build of the department's site.
    static func svgSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        let open = Array("<svg".utf8)
        // Each `<` found with `memchr`, then the three bytes after it compared.
        let found = bytes.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var at = 0
            while at + open.count <= bytes.count, let less = memchr(base + at, Int32(open[0]), bytes.count - at) {
                let index = UnsafePointer(less.assumingMemoryBound(to: UInt8.self)) - base
                if index + open.count <= bytes.count, memcmp(base + index, open, open.count) == 0 { return index }
                at = index + 1
            }
            return nil
        }
        guard let start = found, let end = bytes[(start + open.count)...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let tag = bytes[(start + open.count)..<end]
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
        }
        func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") }
        /// The first `name = "value"` (either quote) at the tag's start or after a space.
        func attribute(_ name: String) -> String? {
            let name = Array(name.utf8)
            var at = tag.startIndex
            while at + name.count <= tag.endIndex {
                defer { at += 1 }
                guard at == tag.startIndex || isSpace(tag[at - 1]), tag[at..<(at + name.count)].elementsEqual(name) else { continue }
                var next = at + name.count
                while next < tag.endIndex, isSpace(tag[next]) { next += 1 }
                guard next < tag.endIndex, tag[next] == UInt8(ascii: "=") else { continue }
                next += 1
                while next < tag.endIndex, isSpace(tag[next]) { next += 1 }
                guard next < tag.endIndex, isQuote(tag[next]) else { continue }
                let valueStart = next + 1
                guard let valueEnd = tag[valueStart...].firstIndex(where: isQuote) else { continue }
                return String(decoding: tag[valueStart..<valueEnd], as: UTF8.self)
            }
            return nil
        }
        func pixels(_ value: String?) -> Int? {
            guard var value = value?.trimmingCharacters(in: .whitespaces) else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            return Double(value).map { Int($0.rounded()) }
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")), width > 0, height > 0 {
            return (width, height)
        }
        let box = attribute("viewBox")?.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) } ?? []
        guard box.count == 4, box[2] > 0, box[3] > 0 else { return nil }
        return (Int(box[2].rounded()), Int(box[3].rounded()))
    }
}
