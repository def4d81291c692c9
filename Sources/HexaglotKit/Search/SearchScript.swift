import Foundation

/// The search script every search page loads, embedded in the binary (`Script/search.js`) and
/// published under a name with a hash of its bytes, so a browser never keeps an old one.
enum SearchScript {
    /// The Snowball stemmers first (`HexaglotStemmers`, which the search code uses when defined),
    /// then the search code: one file for every language.
    static let bytes: [UInt8] = PackageResources.stemmers_js + [0x0A] + PackageResources.search_js

    static let path: String = {
        var hasher = StableHasher()
        for byte in bytes { hasher.combine(byte: byte) }
        return "js/search." + String(String(hasher.value, radix: 16).suffix(10)) + ".js"
    }()

    static var file: OutputFile {
        OutputFile(path: path, contents: .bytes(Data(bytes)), origin: "the search script")
    }
}
