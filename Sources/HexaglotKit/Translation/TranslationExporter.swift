import Foundation

/// `hexaglot translation export`: the pages that need translating into one language, as XLIFF.
public struct TranslationExporter: Sendable {
    public var siteFolder: URL
    public var targetLanguage: String
    public var sourceLanguage: String?
    /// Which pages, by the state of their translation: `missing, outdated` unless asked.
    public var states: Set<TranslationState> = [.missing, .outdated]
    /// Paths below the language folder; empty for every page.
    public var pages: [String] = []
    /// Write a `<target>` that copies the source, for tools (OmegaT) that open only units with one.
    public var prefillTarget = false

    public init(siteFolder: URL, targetLanguage: String) {
        self.siteFolder = siteFolder
        self.targetLanguage = targetLanguage
    }

    public struct Export: Sendable {
        public var xliff: String
        /// Units to translate (those marked done aside).
        public var pageCount: Int, unitCount: Int
        /// Outdated translations made by hand (no remembered units) whose blocks were aligned
        /// with the source they were made from, and the units that found no partner there.
        public var handTranslatedPages = 0, unalignedUnits = 0
        public var warnings: [Diagnostic]
    }

    public func export() throws -> Export {
        let (site, _) = try SiteBuilder.loadSiteForTranslation(siteFolder: siteFolder)
        let config = site.config
        let (source, target) = try TranslationPair.languages(config, from: sourceLanguage, to: targetLanguage)
        var (status, warnings) = TranslationStatus.of(site)
        func sourcePage(_ row: TranslationStatus.Row) -> Page? { site.markdownPage(key: row.translationKey, language: source.code) }
        for path in pages where !status.rows.contains(where: { $0.path == path && sourcePage($0) != nil }) {
            throw TranslationUsageError(reason: .unknownPage(path, language: source.code))
        }
        let memory = TranslationMemory.read(siteFolder: siteFolder, from: source.code, to: target.code)
        var exported: [XLIFFPage] = []
        var handTranslatedPages = 0, unalignedUnits = 0
        for row in status.rows where pages.isEmpty || pages.contains(row.path) {
            let cell = row.cells[target.code] ?? TranslationStatus.Cell(state: .missing)
            guard states.contains(cell.state) else { continue }
            guard let page = sourcePage(row), let file = page.sourcePath else {
                warnings.append(.warning("\(row.path): \(source.code) has no such page to translate from; left out", at: nil))
                continue
            }
            if source.code != config.defaultLanguage.code, let state = row.cells[source.code]?.state, state != .current {
                warnings.append(
                    .warning("\(file) is \(state.rawValue) itself: a translation made from it is only as current as it is", at: nil))
            }
            let skeleton = try Self.readSource(siteFolder.appendingPathComponent(file))
            let fields = PageUnits.translatableFields(of: page.frontMatter, listed: config.translatableFields)
            let units = PageUnits(fields: fields, body: page.body).units
            let translation = site.markdownPage(key: row.translationKey, language: target.code)
            var pageMemory = memory
            var hints: [String: [SegmentPiece]] = [:]
            // An outdated translation made by hand: aligned with the source version it was made from.
            if cell.state == .outdated, memory.pages[file] == nil, let translation, let record = translation.frontMatter.translatedFrom {
                handTranslatedPages += 1
                let outcome =
                    record.language == source.code
                    ? HandTranslation.of(
                        sourceFile: file, translation: translation, record: record, listed: config.translatableFields, siteFolder: siteFolder)
                    : .sourceVersionNotFound
                switch outcome {
                case .aligned(let hand):
                    pageMemory.pages[file] = hand.page
                    unalignedUnits += hand.unaligned
                case .sourceVersionNotFound:
                    unalignedUnits += units.count
                    hints = Self.alignedNow(units: units, translation: translation, listed: config.translatableFields)
                    warnings.append(.warning(Self.notFoundMessage(file: file, translation: translation, record: record, units: units.count), at: nil))
                }
            }
            let remembered = cell.state == .outdated ? pageMemory.pages[file] : nil
            let previous = remembered == nil ? hints : pageMemory.previousTranslations(page: file, units: units)
            let xliffUnits = units.map { unit -> XLIFFUnit in
                if remembered != nil, let translation = pageMemory.target(page: file, unit: unit.id) {
                    return XLIFFUnit(unit: unit, target: translation, isLocked: true)
                }
                return XLIFFUnit(unit: unit, target: prefillTarget ? unit.source : nil, previous: previous[unit.id])
            }
            exported.append(
                XLIFFPage(
                    original: file, sourceLocale: source.locale, targetLocale: target.locale, sourceHash: TranslationRecord.hash(ofBody: page.body),
                    targetHash: translation.map { TranslationRecord.hash(ofBody: $0.body) }, skeleton: skeleton, units: xliffUnits))
        }
        return Export(
            xliff: XLIFFWriter.document(exported), pageCount: exported.count,
            unitCount: exported.map { $0.units.filter { !$0.isLocked }.count }.reduce(0, +), handTranslatedPages: handTranslatedPages,
            unalignedUnits: unalignedUnits, warnings: warnings)
    }

    /// A hand translation's blocks paired with the source's as it is now, when the structures
    /// match: only a hint (`<alt-trans>`) for units that must all be translated again.
    private static func alignedNow(units: [TranslationUnit], translation: Page, listed: [String]) -> [String: [SegmentPiece]] {
        let translated = PageUnits(fields: PageUnits.translatableFields(of: translation.frontMatter, listed: listed), body: translation.body)
        let alignment = UnitAlignment(source: units, translation: translated.allUnits)
        return Dictionary(alignment.pairs.map { ($0.source.id, $0.target.source) }, uniquingKeysWith: { first, _ in first })
    }

    private static func notFoundMessage(file: String, translation: Page, record: TranslationRecord, units: Int) -> String {
        let name = translation.sourcePath ?? "the translation"
        let why =
            record.language == file.split(separator: "/").dropFirst().first.map(String.init)
            ? "the version of \(file) it was made from (hash \(record.hash.prefix(12))) is not in the site's git history"
            : "it was made from \(record.language), not from this page"
        return "\(name) was translated by hand and \(why): which blocks changed since cannot be told, so all \(units) units are exported as work"
    }

    /// The source file as the site reads it: no byte order mark, LF line ends.
    static func readSource(_ url: URL) throws -> String {
        normalizedSource(try Data(contentsOf: url))
    }

    static func normalizedSource(_ data: Data) -> String {
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
