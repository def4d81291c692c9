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

    /// Nil for anything but a complete entry of this format: such an entry is read again from the image.
    init?(serialized text: String) {
        // Split on bytes: splitting on characters was most of reading an entry.
        let fields = text.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 7, let width = Int(fields[0]), let height = Int(fields[1]), let frames = Int(fields[2]),
            fields[3] == "0" || fields[3] == "1", fields[4] == "0" || fields[4] == "1", !fields[5].isEmpty, Self.isDigest(fields[6].utf8)
        else { return nil }
        header = ImageCodec.Header(
            width: width, height: height, frames: frames, hasAlpha: fields[3] == "1", hasProfile: fields[4] == "1", loader: fields[5])
        digest = fields[6]
    }

    /// Whether `text` is a SHA-256 digest as the cache writes it: 64 lowercase hex digits.
    static func isDigest<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.count == 64 && bytes.allSatisfy { ($0 &- 0x30) < 10 || ($0 &- 0x61) < 6 }
    }
}
