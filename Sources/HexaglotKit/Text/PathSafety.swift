/// Checks for values that become part of output paths, so that nothing is ever written
/// outside the output folder whatever a page says.
///
/// Every check looks at Unicode scalars, not Swift characters: `/` followed by a combining
/// mark is one character but still a path separator to the file system.
public enum PathSafety {
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Why `segment` cannot be one path segment, or nil when it can.
    public static func problem(inSegment segment: String) -> String? {
        let scalars = segment.unicodeScalars
        if scalars.isEmpty { return "must not be empty" }
        if segment.utf8.elementsEqual(".".utf8) || segment.utf8.elementsEqual("..".utf8) { return "must not be '.' or '..'" }
        if scalars.contains("/") || scalars.contains("\\") { return "must not contain '/' or '\\'" }
        if scalars.contains(where: isControl) { return "must not contain control characters" }
        if scalars.contains("%") { return "must not contain '%' (write the characters themselves)" }
        if scalars.first == "." { return "must not start with '.'" }
        if segment.utf8.count > 200 { return "is too long (over 200 bytes)" }
        return nil
    }
}
