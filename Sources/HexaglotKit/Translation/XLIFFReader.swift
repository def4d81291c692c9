import Foundation

/// One `<file>` of an XLIFF file as read back: what import needs, each part with its place.
public struct XLIFFReadPage: Sendable {
    public var original: String
    public var targetLocale: String?
    public var sourceHash: String?
    public var targetHash: String?
    public var skeleton: String?
    public var units: [XLIFFReadUnit]
    /// The `<file>` element, its `original` and `target-language` attributes, and its `<skl>`
    /// (the `<file>` when it has none).
    public var location: SourceLocation, originalLocation: SourceLocation, targetLanguageLocation: SourceLocation
    public var skeletonLocation: SourceLocation
}

public struct XLIFFReadUnit: Sendable {
    public var id: String
    /// nil when the unit has no `<target>` (or an empty one).
    public var target: [SegmentPiece]?
    /// `translate="no"`.
    public var isLocked: Bool
    public var location: SourceLocation
    /// Problems with the target's tags (an id that is not a number, an element XLIFF inline
    /// content may hold but Hexaglot does not write).
    public var problems: [String]
}

public enum XLIFFReader {
    /// The pages of an XLIFF 1.2 file; `file` is the path diagnostics name.
    public static func read(_ data: Data, file: String) throws(Diagnostic) -> [XLIFFReadPage] {
        let root: XMLElementNode
        do {
            root = try XMLTree.parse(data)
        } catch {
            throw .error("not an XLIFF file: \(error.message)", at: SourceLocation(file: file, line: error.line, column: error.column))
        }
        func place(_ element: XMLElementNode) -> SourceLocation { SourceLocation(file: file, line: element.line, column: element.column) }
        func place(_ element: XMLElementNode, attribute: String) -> SourceLocation {
            let (line, column) = element.place(ofAttribute: attribute)
            return SourceLocation(file: file, line: line, column: column)
        }
        guard root.localName == "xliff", root.attribute("version") == "1.2" else {
            throw .error("not an XLIFF 1.2 file (the root element is <\(root.name)> version \(root.attribute("version") ?? "none"))", at: place(root))
        }
        let files = root.elements.filter { $0.localName == "file" }
        guard !files.isEmpty else { throw .error("the XLIFF file has no <file>: nothing to import", at: place(root)) }
        return files.map { fileElement in
            let units = (fileElement.first("body").map(transUnits) ?? []).map { element -> XLIFFReadUnit in
                var problems: [String] = []
                let targetElement = element.first("target")
                var target = targetElement.map { segment($0, problems: &problems) }
                if target == [] || target == [.text("")] { target = nil }
                return XLIFFReadUnit(
                    id: element.attribute("id") ?? "", target: target, isLocked: element.attribute("translate") == "no",
                    location: place(targetElement ?? element), problems: problems)
            }
            return XLIFFReadPage(
                original: fileElement.attribute("original") ?? "", targetLocale: fileElement.attribute("target-language"),
                sourceHash: fileElement.attribute("source-hash"), targetHash: fileElement.attribute("target-hash"),
                skeleton: fileElement.first("header")?.first("skl")?.first("internal-file")?.text, units: units, location: place(fileElement),
                originalLocation: place(fileElement, attribute: "original"),
                targetLanguageLocation: place(fileElement, attribute: "target-language"),
                skeletonLocation: place(fileElement.first("header")?.first("skl") ?? fileElement))
        }
    }

    /// Units, also inside `<group>`s (tools may add them).
    private static func transUnits(_ element: XMLElementNode) -> [XMLElementNode] {
        element.elements.flatMap { child -> [XMLElementNode] in
            switch child.localName {
            case "trans-unit": return [child]
            case "group": return transUnits(child)
            default: return []
            }
        }
    }

    /// XLIFF inline content (as the translation memory keeps it) as segment pieces.
    static func pieces(inline: String) -> [SegmentPiece]? {
        guard let element = try? XMLTree.parse(Data("<t>\(inline)</t>".utf8)) else { return nil }
        var problems: [String] = []
        let pieces = segment(element, problems: &problems)
        return problems.isEmpty ? pieces : nil
    }

    private static func segment(_ element: XMLElementNode, problems: inout [String]) -> [SegmentPiece] {
        var pieces: [SegmentPiece] = []
        for child in element.children {
            switch child {
            case .text(let text):
                if case .text(let previous)? = pieces.last { pieces[pieces.count - 1] = .text(previous + text) } else { pieces.append(.text(text)) }
            case .element(let inline):
                let id = inline.attribute("id").flatMap { Int($0) }
                switch inline.localName {
                case "g":
                    guard let id else {
                        problems.append("<g> has no numeric id ('\(inline.attribute("id") ?? "")'); Hexaglot's tags are numbered")
                        continue
                    }
                    pieces.append(.paired(id: id, segment(inline, problems: &problems)))
                case "x":
                    guard let id else {
                        problems.append("<x/> has no numeric id ('\(inline.attribute("id") ?? "")'); Hexaglot's tags are numbered")
                        continue
                    }
                    pieces.append(.placeholder(id: id))
                case "mrk":
                    // A tool's mark (a term, a comment) holds text.
                    pieces.append(contentsOf: segment(inline, problems: &problems))
                default:
                    problems.append("unknown inline tag <\(inline.name)> (Hexaglot writes only <g> and <x/>)")
                }
            }
        }
        return pieces
    }
}
