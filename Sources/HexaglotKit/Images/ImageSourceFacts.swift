import Foundation

/// What planning needs to know of a source image: its header and the digest of its bytes. Reading
/// both means reading and hashing the whole file (4–16 MB for a phone photo), so they are kept in
/// the cache (`ImageSourceIndex`) for the next build.
struct ImageSourceFacts: Sendable, Equatable {
    var header: ImageCodec.Header
    /// SHA-256 of the bytes, hex: names every variant.
    var digest: String

    /// The facts of `bytes`, or why the image cannot be used.
    static func read(_ bytes: Data) -> Result<ImageSourceFacts, ImageCodec.Fault> {
        ImageCodec.header(of: bytes).map { ImageSourceFacts(header: $0, digest: ImageCodec.digest(bytes)) }
    }

    /// The fields on one line, space-separated: small, and readable when someone looks in the cache.
    var serialized: String {
        [
            String(header.width), String(header.height), String(header.frames), header.hasAlpha ? "1" : "0",
            header.hasProfile ? "1" : "0", header.loader, digest,
        ].joined(separator: " ")
    }

    init(header: ImageCodec.Header, digest: String) {
        self.header = header
        self.digest = digest
    }

    /// Nil for anything but a complete entry of this format: such an entry is read again from the
    /// image. Read from the bytes of the cache's line: making a string of each field first was
    /// most of reading an entry.
    init?(serialized bytes: UnsafeBufferPointer<UInt8>) {
        var fields: [UnsafeBufferPointer<UInt8>] = []
        fields.reserveCapacity(7)
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: " ") {
            fields.append(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            start = end + 1
        }
        func flag(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
            guard field.count == 1, field[0] == UInt8(ascii: "0") || field[0] == UInt8(ascii: "1") else { return nil }
            return field[0] == UInt8(ascii: "1")
        }
        guard fields.count == 7, let width = ImageSourceIndex.integer(fields[0]), let height = ImageSourceIndex.integer(fields[1]),
            let frames = ImageSourceIndex.integer(fields[2]), let hasAlpha = flag(fields[3]), let hasProfile = flag(fields[4]),
            !fields[5].isEmpty, Self.isDigest(fields[6])
        else { return nil }
        header = ImageCodec.Header(
            width: width, height: height, frames: frames, hasAlpha: hasAlpha, hasProfile: hasProfile,
            loader: String(decoding: fields[5], as: UTF8.self))
        digest = String(decoding: fields[6], as: UTF8.self)
    }

    /// Whether `text` is a SHA-256 digest as the cache writes it: 64 lowercase hex digits.
    static func isDigest(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 64 else { return false }
        // A plain loop over the buffer: the generic `allSatisfy` cost 540 instructions a key.
        for byte in bytes where (byte &- 0x30) >= 10 && (byte &- 0x61) >= 6 { return false }
        return true
    }
}
