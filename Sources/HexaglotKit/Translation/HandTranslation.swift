import Foundation

/// A translation made by hand (outside import) seen as import would have remembered it: its
/// blocks aligned by structure (`UnitAlignment`) with the source version it was translated from.
/// That version is found by the hash its `translatedFrom` records, in the site's git history
/// (`SourceHistory`); without it, which source blocks changed since cannot be told, and nothing
/// is taken as unchanged.
///
/// The result is a remembered page (`TranslationMemory.Page`), so the export sends only the units
/// that are new or changed, and import keeps the others, written back as the translator wrote them.
struct HandTranslation {
    /// The aligned units: the old source's segment and the translation's, in the old source's
    /// order; paragraphs and headings with the translation's own Markdown lines, the first
    /// without its containers' markers (`> `, `- `), so import keeps them byte for byte.
    var page: TranslationMemory.Page
    /// Units of the old source with words that found no partner in the translation.
    var unaligned: Int

    enum Outcome {
        case aligned(HandTranslation)
        /// The version of the source the translation records is not in git (or git is not there).
        case sourceVersionNotFound
    }

    /// `sourceFile` relative to the site folder; `translation` the translated page as the site read it.
    static func of(sourceFile: String, translation: Page, record: TranslationRecord, listed: [String], siteFolder: URL) -> Outcome {
        guard let oldText = SourceHistory.text(of: sourceFile, bodyHash: record.hash, siteFolder: siteFolder),
            let oldParts = try? FrontMatterSplitter().split(oldText, file: sourceFile)
        else { return .sourceVersionNotFound }
        let oldUnits = PageUnits(fields: TranslationImporter.fields(of: oldParts, file: sourceFile, listed: listed), body: oldParts.body)
        let translated = PageUnits(
            fields: PageUnits.translatableFields(of: translation.frontMatter, listed: listed), body: translation.body)
        let alignment = UnitAlignment(source: oldUnits.allUnits, translation: translated.allUnits)
        let bodyLines = translation.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let units = alignment.pairs.map { unit, partner in
            TranslationMemory.Unit(
                id: unit.id, source: XLIFFWriter.segment(unit.source, tags: unit.tags), target: XLIFFWriter.segment(partner.source, tags: unit.tags),
                lines: Self.blockLines(partner.place, in: bodyLines))
        }
        return .aligned(HandTranslation(page: TranslationMemory.Page(hash: record.hash, units: units), unaligned: alignment.unaligned))
    }

    /// The lines a paragraph or heading takes in the translation, the first without the text
    /// before the block's start column.
    private static func blockLines(_ place: UnitPlace, in lines: [String]) -> [String]? {
        let start: MarkdownPosition, endLine: Int
        switch place {
        case .paragraph(let position, let end): (start, endLine) = (position, end)
        case .heading(let position, let end, _): (start, endLine) = (position, end)
        default: return nil
        }
        guard start.line >= 1, endLine <= lines.count, start.line <= endLine else { return nil }
        var block = Array(lines[(start.line - 1)..<endLine])
        // A setext heading's underline is the page's own; only its text lines are kept.
        if case .heading = place, block.count > 1, let last = block.last,
            !last.isEmpty, last.trimmingCharacters(in: .whitespaces).allSatisfy({ $0 == "=" || $0 == "-" })
        {
            block.removeLast()
        }
        block[0] = String(decoding: Array(block[0].utf8).dropFirst(max(start.byteColumn - 1, 0)), as: UTF8.self)
        return block
    }
}
