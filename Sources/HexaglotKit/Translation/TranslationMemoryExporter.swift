import Foundation

/// `hexaglot translation memory`: a TMX 1.4b of the segments of current translations, so a
/// translator's tool starts with what is already published.
///
/// Tags are written in OmegaT's shorthand (`<g0>…</g0>`, `<x1/>`: the letter of the XLIFF
/// element, numbered from 0 in the source's order), as text: OmegaT 3.6 matches a memory only in
/// that form, the form its own `console-createpseudotranslatetmx` lists segments in. Other tools
/// see those tags as text.
public struct TranslationMemoryExporter: Sendable {
    public var siteFolder: URL
    public var targetLanguage: String
    public var sourceLanguage: String?

    public init(siteFolder: URL, targetLanguage: String) {
        self.siteFolder = siteFolder
        self.targetLanguage = targetLanguage
    }

    public struct Export: Sendable {
        public var tmx: String
        public var segmentCount: Int
        /// Current translations made outside import, aligned with their source by structure.
        public var pagesAligned: Int
        /// Source units of those pages that could not be aligned (the structures differ).
        public var unalignedUnits: Int
    }

    public func export() throws -> Export {
        let (site, _) = try SiteBuilder.loadSiteForTranslation(siteFolder: siteFolder)
        let config = site.config
        let (source, target) = try TranslationPair.languages(config, from: sourceLanguage, to: targetLanguage)
        let memory = TranslationMemory.read(siteFolder: siteFolder, from: source.code, to: target.code)
        let (status, _) = TranslationStatus.of(site)
        var body = "", count = 0, seen: Set<String> = []
        var unalignedUnits = 0, alignedPages = 0
        func add(id: String, file: String, source sourcePieces: [SegmentPiece], target targetPieces: [SegmentPiece]) {
            let numbers = Self.shorthandNumbers(sourcePieces)
            let sourceText = Self.shorthand(sourcePieces, numbers), targetText = Self.shorthand(targetPieces, numbers)
            // One entry per source text: a tool's memory holds each segment once.
            guard seen.insert(sourceText).inserted else { return }
            body += "    <tu tuid=\"\(XLIFFWriter.attr(id))\">\n"
            body += "      <prop type=\"x-hexaglot-page\">\(XMLEscaping.escape(file))</prop>\n"
            body += "      <tuv xml:lang=\"\(XLIFFWriter.attr(source.locale))\"><seg>\(XMLEscaping.escape(sourceText))</seg></tuv>\n"
            body += "      <tuv xml:lang=\"\(XLIFFWriter.attr(target.locale))\"><seg>\(XMLEscaping.escape(targetText))</seg></tuv>\n"
            body += "    </tu>\n"
            count += 1
        }
        for row in status.rows where row.cells[target.code]?.state == .current {
            guard let sourcePage = site.markdownPage(key: row.translationKey, language: source.code), let sourceFile = sourcePage.sourcePath,
                let translation = site.markdownPage(key: row.translationKey, language: target.code)
            else { continue }
            if let page = memory.pages[sourceFile], page.hash == TranslationRecord.hash(ofBody: sourcePage.body) {
                for unit in page.units {
                    guard let sourcePieces = XLIFFReader.pieces(inline: unit.source), let targetPieces = XLIFFReader.pieces(inline: unit.target)
                    else { continue }
                    add(id: unit.id, file: sourceFile, source: sourcePieces, target: targetPieces)
                }
                continue
            }
            // Translated outside import: aligned by structure where that is safe.
            let listed = config.translatableFields
            let alignment = UnitAlignment(
                source: PageUnits(fields: PageUnits.translatableFields(of: sourcePage.frontMatter, listed: listed), body: sourcePage.body).allUnits,
                translation: PageUnits(fields: PageUnits.translatableFields(of: translation.frontMatter, listed: listed), body: translation.body)
                    .allUnits)
            alignedPages += 1
            unalignedUnits += alignment.unaligned
            for (unit, partner) in alignment.pairs { add(id: unit.id, file: sourceFile, source: unit.source, target: partner.source) }
        }
        let header =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n"
            + "  <header creationtool=\"Hexaglot\" creationtoolversion=\"1\" segtype=\"paragraph\" o-tmf=\"Hexaglot\""
            + " adminlang=\"en\" srclang=\"\(XLIFFWriter.attr(source.locale))\" datatype=\"plaintext\"/>\n  <body>\n"
        return Export(
            tmx: header + body + "  </body>\n</tmx>\n", segmentCount: count, pagesAligned: alignedPages, unalignedUnits: unalignedUnits)
    }

    /// Tag id → OmegaT's number: the order of the tags in the source, from 0.
    static func shorthandNumbers(_ pieces: [SegmentPiece]) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: SegmentPiece.tagIDs(pieces).enumerated().map { ($0.element, $0.offset) })
    }

    static func shorthand(_ pieces: [SegmentPiece], _ numbers: [Int: Int]) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): return text
            case .placeholder(let id): return "<x\(numbers[id] ?? id)/>"
            case .paired(let id, let children):
                let number = numbers[id] ?? id
                return "<g\(number)>" + shorthand(children, numbers) + "</g\(number)>"
            }
        }.joined()
    }
}
