import Foundation

/// What `import` remembers per language pair, so that the next export of an outdated page sends
/// only the units whose source changed: for each page, the units of the source as it was
/// translated and their translations. Kept in `translations/<from>-<to>.json` beside `content/`
/// (commit it with the content); JSON with sorted keys, one unit per line group, so it diffs and
/// merges like text. Segments are XLIFF inline content (`<g id="1" ctype="bold">…</g>`).
public struct TranslationMemory: Sendable, Equatable {
    public struct Unit: Codable, Sendable, Equatable {
        public var id: String
        public var source: String
        public var target: String
        /// For a paragraph or heading of a hand translation, kept as the translator wrote it:
        /// its Markdown lines (`HandTranslation`), so that later imports write it the same way.
        public var lines: [String]?
    }

    public struct Page: Codable, Sendable, Equatable {
        /// The source page's hash when it was translated.
        public var hash: String
        public var units: [Unit]
        /// SHA-256 of the translation file import wrote, so that importing a corrected file
        /// later does not take import's own page for a hand edit.
        public var written: String?
    }

    /// By source file (`content/en/areas/ozone.md`).
    public var pages: [String: Page] = [:]

    public init() {}

    /// `translations/en-fr.json`, relative to the site folder.
    public static func file(from: String, to: String) -> String { "translations/\(from)-\(to).json" }

    public static func read(siteFolder: URL, from: String, to: String) -> TranslationMemory {
        var memory = TranslationMemory()
        let url = siteFolder.appendingPathComponent(file(from: from, to: to))
        if let data = try? Data(contentsOf: url), let pages = try? JSONDecoder().decode([String: Page].self, from: data) {
            memory.pages = pages
        }
        return memory
    }

    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(pages)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// The Markdown lines a page's unit is kept as, if any.
    func lines(page: String, unit id: String) -> [String]? {
        pages[page]?.units.first { $0.id == id }?.lines
    }

    /// The translation a page's unit had, as segment pieces.
    func target(page: String, unit id: String) -> [SegmentPiece]? {
        pages[page]?.units.first { $0.id == id }.flatMap { XLIFFReader.pieces(inline: $0.target) }
    }

    /// For a unit whose source changed: the translation of the unit that stood in its place,
    /// found between the units that did not change (the same number of changed units between
    /// the same two unchanged neighbours, paired in order). Nil where that is not safe.
    func previousTranslations(page: String, units: [TranslationUnit]) -> [String: [SegmentPiece]] {
        guard let old = pages[page]?.units else { return [:] }
        let oldIDs = Set(old.map(\.id)), newIDs = Set(units.map(\.id))
        var result: [String: [SegmentPiece]] = [:]
        var oldRun: [Unit] = [], newRun: [TranslationUnit] = []
        var oldIndex = 0
        func pairRuns() {
            if oldRun.count == newRun.count {
                for (previous, unit) in zip(oldRun, newRun) {
                    if let pieces = XLIFFReader.pieces(inline: previous.target) { result[unit.id] = pieces }
                }
            }
            oldRun = []
            newRun = []
        }
        for unit in units {
            guard oldIDs.contains(unit.id) else {
                newRun.append(unit)
                continue
            }
            while oldIndex < old.count, old[oldIndex].id != unit.id {
                if !newIDs.contains(old[oldIndex].id) { oldRun.append(old[oldIndex]) }
                oldIndex += 1
            }
            oldIndex += 1
            pairRuns()
        }
        while oldIndex < old.count {
            if !newIDs.contains(old[oldIndex].id) { oldRun.append(old[oldIndex]) }
            oldIndex += 1
        }
        pairRuns()
        return result
    }
}
