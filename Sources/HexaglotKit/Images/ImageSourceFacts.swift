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

    /// One field a line, after a version line: small, and readable when someone looks in the cache.
    var serialized: String {
        [
            Self.formatLine, String(header.width), String(header.height), String(header.frames), header.hasAlpha ? "1" : "0",
            header.hasProfile ? "1" : "0", header.loader, digest,
        ].joined(separator: "\n") + "\n"
    }

    init(header: ImageCodec.Header, digest: String) {
        self.header = header
        self.digest = digest
    }

    /// Nil for anything but a complete entry of this format: such an entry is read again from the image.
    init?(serialized text: String) {
        // Split on bytes: splitting on characters was most of reading an entry.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard lines.count == 9, lines[0] == Self.formatLine, lines[8].isEmpty,
            let width = Int(lines[1]), let height = Int(lines[2]), let frames = Int(lines[3]),
            lines[4] == "0" || lines[4] == "1", lines[5] == "0" || lines[5] == "1", !lines[6].isEmpty,
            lines[7].utf8.count == 64, lines[7].utf8.allSatisfy({ ($0 &- 0x30) < 10 || ($0 &- 0x61) < 6 })
        else { return nil }
        header = ImageCodec.Header(
            width: width, height: height, frames: frames, hasAlpha: lines[4] == "1", hasProfile: lines[5] == "1", loader: String(lines[6]))
        digest = String(lines[7])
    }

    private static let formatLine = "hexaglot image facts 1"
}
