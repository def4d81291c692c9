/// One page in an XLIFF file: what the translator sees and what import needs to write it back.
public struct XLIFFPage: Sendable {
    /// The source page's file, relative to the site folder: `content/zh/areas/pops.md`.
    public var original: String
    /// BCP 47 tags from site.yaml's locales.
    public var sourceLocale: String, targetLocale: String
    /// `TranslationRecord.hash(ofBody:)` of the source page when exported.
    public var sourceHash: String
    /// The same hash of the translation's body when exported; nil when there was none.
    public var targetHash: String?
    /// The whole source file, so that import rebuilds the page from what was exported, not from
    /// what the source has become since (XLIFF's skeleton).
    public var skeleton: String
    public var units: [XLIFFUnit]
}

public struct XLIFFUnit: Sendable {
    public var unit: TranslationUnit
    /// Written when prefilled or already translated.
    public var target: [SegmentPiece]?
    /// Unchanged since it was translated: `translate="no"`, the translation as its target.
    public var isLocked = false
    /// The translation of the source this unit replaces, as `<alt-trans>`.
    public var previous: [SegmentPiece]?
}

/// XLIFF 1.2 that validates against the OASIS strict schema, with Hexaglot's two attributes
/// declared by its own schema (`urn:hexaglot:xliff:1`, in the test fixtures).
public enum XLIFFWriter {
    public static let namespace = "urn:oasis:names:tc:xliff:document:1.2"
    public static let hexaglotNamespace = "urn:hexaglot:xliff:1"
    /// The `datatype` of every `<file>`: XLIFF's `x-` extension form.
    public static let datatype = "x-hexaglot-markdown"

    public static func document(_ pages: [XLIFFPage]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<xliff version=\"1.2\" xmlns=\"\(namespace)\" xmlns:hx=\"\(hexaglotNamespace)\">\n"
        for page in pages {
            out += "  <file original=\"\(attr(page.original))\" source-language=\"\(attr(page.sourceLocale))\""
            out += " target-language=\"\(attr(page.targetLocale))\" datatype=\"\(datatype)\" hx:source-hash=\"\(page.sourceHash)\""
            if let targetHash = page.targetHash { out += " hx:target-hash=\"\(targetHash)\"" }
            out += ">\n"
            out += "    <header>\n      <skl><internal-file form=\"text/markdown\">\(XMLEscaping.escape(page.skeleton))</internal-file></skl>\n"
            out += "    </header>\n    <body>\n"
            for unit in page.units { out += self.unit(unit) }
            out += "    </body>\n  </file>\n"
        }
        out += "</xliff>\n"
        return out
    }

    private static func unit(_ xliffUnit: XLIFFUnit) -> String {
        let unit = xliffUnit.unit
        let locked = xliffUnit.isLocked ? " translate=\"no\"" : ""
        var out = "      <trans-unit id=\"\(attr(unit.id))\" resname=\"\(attr(unit.resname))\"\(locked) xml:space=\"preserve\">\n"
        out += "        <source>\(segment(unit.source, tags: unit.tags))</source>\n"
        if let target = xliffUnit.target { out += "        <target>\(segment(target, tags: unit.tags))</target>\n" }
        out += "        <note>\(XMLEscaping.escape(unit.note))</note>\n"
        if let previous = xliffUnit.previous {
            out += "        <alt-trans alttranstype=\"previous-version\"><target>\(segment(previous, tags: unit.tags))</target></alt-trans>\n"
        }
        out += "      </trans-unit>\n"
        return out
    }

    /// Text escaped, tags as `<g>` and `<x/>` with the kind of markup in `ctype`.
    static func segment(_ pieces: [SegmentPiece], tags: [Int: MarkdownInline]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return XMLEscaping.escape(text)
            case .paired(let id, let children):
                let ctype = tags[id].map(ctype(of:)) ?? "x-unknown"
                return "<g id=\"\(id)\" ctype=\"\(ctype)\">\(segment(children, tags: tags))</g>"
            case .placeholder(let id):
                guard let inline = tags[id] else { return "<x id=\"\(id)\"/>" }
                let equivalent = equivalentText(of: inline).map { " equiv-text=\"\(attr($0))\"" } ?? ""
                return "<x id=\"\(id)\" ctype=\"\(ctype(of: inline))\"\(equivalent)/>"
            }
        }.joined()
    }

    static func ctype(of inline: MarkdownInline) -> String {
        switch inline {
        case .emphasis: return "italic"
        case .strong: return "bold"
        case .strikethrough: return "x-strikethrough"
        // A paired link tag keeps no children; an autolink placeholder keeps its text.
        case .link(_, _, let children): return children.isEmpty ? "link" : "x-autolink"
        case .code: return "x-code"
        case .image: return "image"
        case .lineBreak: return "lb"
        case .html: return "x-html"
        case .footnoteReference: return "x-footnote-ref"
        case .text, .softBreak: return "x-text"
        }
    }

    /// What a tool may show in place of a placeholder.
    private static func equivalentText(of inline: MarkdownInline) -> String? {
        switch inline {
        case .code(let code): return code
        case .html(let html): return html
        case .footnoteReference(let label): return "[^\(label)]"
        case .link(let url, _, _): return url
        case .image(let url, _, _): return url
        default: return nil
        }
    }

    /// An attribute value: escaped, and line breaks and tabs as character references, which
    /// attribute-value normalisation would otherwise turn into spaces.
    static func attr(_ value: String) -> String {
        XMLEscaping.escape(value).replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\t", with: "&#9;")
            .replacingOccurrences(of: "\r", with: "&#13;")
    }
}
