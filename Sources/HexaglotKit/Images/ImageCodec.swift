internal import CVips
import Foundation

/// libvips, through the CVips wrappers: the only Swift file that sees them.
enum ImageCodec {
    /// Started on first use, once per process (`vips_init` must not run twice).
    private static let started: Bool = hx_vips_start() != 0

    /// libvips' version: an encoder upgrade changes every cache key. The version hexaglot was
    /// compiled with (the library must be the same to start), so a rebuild whose photos are all
    /// known does not even open the library.
    static var version: String {
        String(cString: hx_vips_version())
    }

    /// Why libvips could not start (not installed, another version), when it could not.
    static var unavailability: String? {
        guard !started, let problem = hx_vips_problem() else { return started ? nil : "libvips could not start" }
        return String(cString: problem)
    }

    /// Why an image cannot be used.
    enum Fault: Error, Equatable {
        case unsupported
        case corrupt
        case encoder
        case unavailable
    }

    struct Header: Equatable, Sendable {
        var width: Int
        var height: Int
        var frames: Int
        var hasAlpha: Bool
        var hasProfile: Bool
        /// The vips loader that reads it (`jpegload_buffer`, `gifload_buffer`, …).
        var loader: String
    }

    static func header(of bytes: Data) -> Result<Header, Fault> {
        guard started else { return .failure(.unavailable) }
        var header = hx_image_header()
        let status = bytes.withUnsafeBytes { hx_read_header($0.baseAddress, $0.count, &header) }
        guard status == HX_OK else { return .failure(fault(status)) }
        let loader = withUnsafeBytes(of: header.loader) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return .success(
            Header(
                width: Int(header.width), height: Int(header.height), frames: Int(header.pages),
                hasAlpha: header.has_alpha != 0, hasProfile: header.has_profile != 0, loader: loader))
    }

    /// One encoding of one width.
    struct Encoding: Sendable {
        var format: ImageFormat
        var width: Int
        var height: Int
        var bytes: Data
    }

    /// The source resized to `width` (never enlarged) and encoded in each of `formats`.
    static func encode(_ bytes: Data, width: Int, formats: [ImageFormatSettings]) -> Result<[Encoding], Fault> {
        guard started else { return .failure(.unavailable) }
        var picture: OpaquePointer?
        let status = bytes.withUnsafeBytes { hx_picture_make($0.baseAddress, $0.count, Int32(width), &picture) }
        guard status == HX_OK, let picture else { return .failure(fault(status)) }
        defer { hx_picture_free(picture) }
        let size = (width: Int(hx_picture_width(picture)), height: Int(hx_picture_height(picture)))
        var encodings: [Encoding] = []
        for settings in formats {
            var output: UnsafeMutableRawPointer?
            var length = 0
            let saved = hx_picture_encode(picture, settings.format.vipsFormat, Int32(settings.quality), Int32(settings.effort), &output, &length)
            guard saved == HX_OK, let output else { return .failure(.encoder) }
            encodings.append(.init(format: settings.format, width: size.width, height: size.height, bytes: Data(bytes: output, count: length)))
            hx_free(output)
        }
        return .success(encodings)
    }

    /// SHA-256 of a source image, hex: the root of its variants' cache keys.
    static func digest(_ bytes: Data) -> String {
        var hex = [CChar](repeating: 0, count: 65)
        bytes.withUnsafeBytes { hx_sha256_hex($0.baseAddress, $0.count, &hex) }
        return String(cString: hex)
    }

    /// SHA-256 of a string's UTF-8 bytes, hex (a variant's key, a source's stamp): the same as
    /// `digest(Data(text.utf8))` without the copy.
    static func digest(_ text: String) -> String {
        var text = text
        var hex = [CChar](repeating: 0, count: 65)
        text.withUTF8 { hx_sha256_hex($0.baseAddress, $0.count, &hex) }
        return String(cString: hex)
    }

    private static func fault(_ status: hx_status) -> Fault {
        switch status {
        case HX_UNSUPPORTED: .unsupported
        case HX_CORRUPT: .corrupt
        default: .encoder
        }
    }
}

extension ImageFormat {
    fileprivate var vipsFormat: hx_format {
        switch self {
        case .jpeg: HX_JPEG
        case .webp: HX_WEBP
        case .avif: HX_AVIF
        case .png: HX_PNG
        }
    }
}
