/// A place in a source file: the path relative to the site folder, and a 1-based line and column.
/// Columns count Unicode scalars, as libyaml and editors' "column" do.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The problem is the file (or folder) as a whole, not one of its lines: it is still printed
    /// as line 1, column 1 (what editors and CI annotations expect), but no line is shown under it.
    public var isWholeFile: Bool

    /// A line (and column) of a file.
    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.isWholeFile = false
    }

    /// The file or folder as a whole.
    public init(file: String) {
        self.file = file
        self.line = 1
        self.column = 1
        self.isWholeFile = true
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
