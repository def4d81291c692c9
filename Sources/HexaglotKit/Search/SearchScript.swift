import Foundation

/// The search script every search page loads, embedded in the binary (`Script/search.js`) and
/// published under a name with a hash of its bytes, so a browser never keeps an old one.
enum SearchScript {
    /// The Snowball stemmers first (`HexaglotStemmers`, which the search code uses when defined),
    /// then the search code: one file for every language.
    static let bytes: [UInt8] = compacted(PackageResources.stemmers_js + [0x0A] + PackageResources.search_js)

    /// The sources without comments and without the white space the language does not need:
    /// a third fewer bytes for a reader to download. It reads the JavaScript token by token —
    /// strings, template literals and regular expression literals are copied whole — and keeps
    /// a space only between two word characters or where two signs would join (`a - -b`,
    /// `/ /`), and a line break except after `{ ; , ( [` (where no statement can end, so
    /// automatic semicolons are unchanged).
    static func compacted(_ source: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(source.count)
        var index = 0
        var pendingSpace = false, pendingBreak = false
        func isWord(_ byte: UInt8) -> Bool {
            byte >= 0x80 || byte == 0x5F || byte == 0x24 || (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
        }
        func at(_ offset: Int) -> UInt8 { offset < source.count ? source[offset] : 0 }
        /// Whether a `/` here starts a regular expression rather than a division.
        func regexMayStart() -> Bool {
            guard let last = result.last(where: { $0 != 0x0A && $0 != 0x20 }) else { return true }
            if Array("(,=:[!&|?{};+-*%<>~^".utf8).contains(last) { return true }
            guard isWord(last) else { return false }
            var start = result.count
            while start > 0, isWord(result[start - 1]) { start -= 1 }
            let word = String(decoding: result[start...], as: UTF8.self)
            return ["return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "instanceof"].contains(word)
        }
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "/"), at(index + 1) == UInt8(ascii: "/") {
                while index < source.count, source[index] != 0x0A { index += 1 }
                continue
            }
            if byte == UInt8(ascii: "/"), at(index + 1) == UInt8(ascii: "*") {
                index += 2
                while index < source.count, !(source[index] == UInt8(ascii: "*") && at(index + 1) == UInt8(ascii: "/")) { index += 1 }
                index += 2
                pendingSpace = true
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                pendingSpace = true
                index += 1
                continue
            }
            if byte == 0x0A {
                pendingBreak = true
                index += 1
                continue
            }
            if let previous = result.last, pendingBreak || pendingSpace {
                if pendingBreak, !Array("{;,([".utf8).contains(previous) {
                    result.append(0x0A)
                } else if pendingSpace || pendingBreak {
                    let joins =
                        (isWord(previous) && isWord(byte)) || (previous == byte && (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")))
                        || (previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: "*")))
                    if joins { result.append(0x20) }
                }
            }
            pendingSpace = false
            pendingBreak = false
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                result.append(byte)
                index += 1
                while index < source.count, source[index] != byte {
                    if source[index] == UInt8(ascii: "\\") {
                        result.append(source[index])
                        index += 1
                    }
                    result.append(source[index])
                    index += 1
                }
                result.append(byte)
                index += 1
            case UInt8(ascii: "/") where regexMayStart():
                result.append(byte)
                index += 1
                var inClass = false
                while index < source.count, inClass || source[index] != UInt8(ascii: "/") {
                    if source[index] == UInt8(ascii: "\\") {
                        result.append(source[index])
                        index += 1
                    } else if source[index] == UInt8(ascii: "[") {
                        inClass = true
                    } else if source[index] == UInt8(ascii: "]") {
                        inClass = false
                    }
                    result.append(source[index])
                    index += 1
                }
                result.append(UInt8(ascii: "/"))
                index += 1
            default:
                result.append(byte)
                index += 1
            }
        }
        result.append(0x0A)
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
