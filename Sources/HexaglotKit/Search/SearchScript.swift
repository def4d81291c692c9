import Foundation

/// The search script every search page loads, embedded in the binary (`Script/search.js`) and
/// published under a name with a hash of its bytes, so a browser never keeps an old one.
enum SearchScript {
    /// The Snowball stemmers first (`HexaglotStemmers`, which the search code uses when defined),
    /// then the search code: one file for every language.
    static let bytes: [UInt8] = compacted(PackageResources.stemmers_js + [0x0A] + PackageResources.search_js)

    /// Without indentation, blank lines and lines that are only a `//` comment: a quarter of the
    /// bytes a reader downloads, and safe for these sources, which have no template literals and
    /// no strings continued over lines (each line is kept whole, so no statement changes).
    static func compacted(_ source: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        for line in source.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            guard !trimmed.isEmpty, !trimmed.starts(with: [0x2F, 0x2F]) else { continue }
            result += trimmed
            result.append(0x0A)
        }
        return result
    }

    static let path: String = {
        var hasher = StableHasher()
        for byte in bytes { hasher.combine(byte: byte) }
        return "js/search." + String(String(hasher.value, radix: 16).suffix(10)) + ".js"
    }()

    static var file: OutputFile {
        OutputFile(path: path, contents: .bytes(Data(bytes)), origin: "the search script")
    }
}
