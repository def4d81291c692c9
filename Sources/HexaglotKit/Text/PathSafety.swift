/// Checks for values that become part of output paths, so that nothing is ever written
/// outside the output folder whatever a page says.
///
/// Every check looks at Unicode scalars, not Swift characters: `/` followed by a combining
/// mark is one character but still a path separator to the file system.
public enum PathSafety {
    /// The longest name of one file or folder on Linux, macOS and Windows file systems, in bytes.
    public static let maximumSegmentBytes = 255

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Why `segment` cannot be a slug (or a path given to `hexaglot new`), or nil when it can.
    /// A `%` is refused there: a slug is the URL written by hand, and `caf%C3%A9` would be
    /// encoded a second time.
    public static func problem(inSegment segment: String) -> String? {
        if let problem = problem(inFileName: segment) { return problem }
        if segment.unicodeScalars.contains("%") { return "must not contain '%' (write the characters themselves)" }
        return nil
    }

    /// Why a file or folder name found in content/ cannot be published, or nil when it can.
    /// Anything the file system could hold is published (`50% off & more #1 [draft] ?.md`):
    /// URLs are percent-encoded wherever they are written.
    public static func problem(inFileName segment: String) -> String? {
        let scalars = segment.unicodeScalars
        if scalars.isEmpty { return "must not be empty" }
        if segment.utf8.elementsEqual(".".utf8) || segment.utf8.elementsEqual("..".utf8) { return "must not be '.' or '..'" }
        if scalars.contains("/") || scalars.contains("\\") { return "must not contain '/' or '\\'" }
        if scalars.contains(where: isControl) { return "must not contain control characters" }
        if scalars.first == "." { return "must not start with '.'" }
        if segment.utf8.count > maximumSegmentBytes { return "is too long (over \(maximumSegmentBytes) bytes)" }
        return nil
    }

    private static let reservedOnWindows: Set<String> = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]

    /// Whether `name` holds one of `<>:"|?*`, by one test a byte: looking each byte up in the
    /// string of them was most of checking every file of a site.
    private static func holdsForbiddenByte(_ name: String) -> Bool {
        var name = name
        return name.withUTF8(holdsForbiddenByte)
    }

    private static func holdsForbiddenByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte < 0x40 || byte == UInt8(ascii: "|") {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "|"), UInt8(ascii: "?"),
                UInt8(ascii: "*"):
                return true
            default: continue
            }
        }
        return false
    }

    /// Whether any name of the `/`-separated path `bytes` may be one `windowsProblem` finds
    /// fault with (a forbidden byte, a name ending in a dot or space, a device name): false
    /// means none is, so most paths of a site are not split into names and looked at again.
    static func mayHoldWindowsProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "/") { end += 1 }
            if end > start {
                let last = bytes[end - 1]
                if last == UInt8(ascii: ".") || last == UInt8(ascii: " ") { return true }
                let name = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if holdsForbiddenByte(name) || isDeviceName(name) { return true }
            }
            start = end + 1
        }
        return false
    }

    /// Whether the part of `name` before its first dot, without trailing spaces and in any letter
    /// case, is one of `reservedOnWindows`, on its bytes (they are all ASCII).
    private static func isDeviceName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var stem = name.firstIndex(of: UInt8(ascii: ".")) ?? name.count
        while stem > 0, name[stem - 1] == UInt8(ascii: " ") { stem -= 1 }
        guard stem == 3 || stem == 4 else { return false }
        let a = name[0] | 0x20, b = name[1] | 0x20, c = name[2] | 0x20
        func three(_ text: StaticString) -> Bool {
            let t = text.utf8Start
            return a == t[0] && b == t[1] && c == t[2]
        }
        if stem == 3 { return three("con") || three("prn") || three("aux") || three("nul") }
        return (three("com") || three("lpt")) && name[3] &- UInt8(ascii: "1") < 9
    }

    /// Whether the part before the first dot, without trailing spaces, is short enough to be a
    /// device name (`con`, `lpt1`): names such as `chemicals-award.md` need no further look.
    private static func mayBeDeviceName(_ utf8: String.UTF8View) -> Bool {
        var length = 0, spaces = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ".") { break }
            length += 1
            spaces = byte == UInt8(ascii: " ") ? spaces + 1 : 0
            if length - spaces > 4 && byte != UInt8(ascii: " ") { return false }
        }
        return true
    }

    /// Why a name that Linux and macOS accept cannot exist on Windows (`a?.md`, `CON.md`,
    /// `notes.`), or nil. Such names are published all the same, with a warning: the site
    /// builds on Linux and macOS, but cannot be checked out on Windows.
    public static func windowsProblem(inFileName name: String) -> String? {
        // Most names hold none of the forbidden characters, do not end in a dot or space and do
        // not start as a device name does (c, p, a, n, l): decided on the bytes at once.
        let utf8 = name.utf8
        if let first = utf8.first, utf8.last != UInt8(ascii: "."), utf8.last != UInt8(ascii: " "),
            !holdsForbiddenByte(name),
            !"cpanlCPANL".utf8.contains(first) || !mayBeDeviceName(utf8)
        {
            return nil
        }
        let forbidden = name.unicodeScalars.filter { "<>:\"|?*".unicodeScalars.contains($0) }
        if !forbidden.isEmpty {
            return "holds \(forbidden.map { "'\($0)'" }.joined(separator: ", ")), which Windows does not allow in file names"
        }
        if let last = name.unicodeScalars.last, last == "." || last == " " {
            return "ends in '\(last)', which Windows removes"
        }
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        var device = stem.lowercased()
        while device.hasSuffix(" ") { device.removeLast() }
        if reservedOnWindows.contains(device) {
            return "is '\(stem)', a device name on Windows"
        }
        return nil
    }
}
