/// Checks for values that become part of output paths, so that nothing is ever written
/// outside the output folder whatever a page says.
public enum PathSafety {
    /// Why `segment` cannot be one path segment, or nil when it can.
    public static func problem(inSegment segment: String) -> String? {
        if segment.isEmpty { return "must not be empty" }
        if segment == "." || segment == ".." { return "must not be '.' or '..'" }
        if segment.contains("/") || segment.contains("\\") { return "must not contain '/' or '\\'" }
        if segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "must not contain control characters"
        }
        if segment.contains("%") { return "must not contain '%' (write the characters themselves)" }
        if segment.hasPrefix(".") { return "must not start with '.'" }
        if segment.utf8.count > 200 { return "is too long (over 200 bytes)" }
        return nil
    }
}
