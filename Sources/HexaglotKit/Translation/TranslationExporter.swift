import Foundation

/// Why an export or import cannot start (exit status 2): a language or page that is not there.
public struct TranslationUsageError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unknownLanguage(String, known: [String])
        case sameLanguage(String)
        case unsupportedSourceLanguage(String, defaultLanguage: String)
        case unknownPage(String)
    }

    public var reason: Reason

    public var description: String {
        switch reason {
        case .unknownLanguage(let code, let known): return "'\(code)' is not a language of the site (\(known.joined(separator: ", ")))"
        case .sameLanguage(let code): return "--to and --from are both '\(code)'"
        case .unsupportedSourceLanguage(let code, let defaultLanguage):
            return "--from \(code): translations are exported from the default language (\(defaultLanguage)) only"
        case .unknownPage(let path): return "--page \(path): the default language has no such page (paths as `hexaglot status` shows them)"
        }
    }
}

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
        public var warnings: [Diagnostic]
    }

    public func export() throws -> Export {
        let (site, problems) = try SiteBuilder.loadSiteForTranslation(siteFolder: siteFolder)
        let config = site.config
        let codes = config.languages.map(\.code)
        guard let target = config.languages.first(where: { $0.code == targetLanguage }) else {
            throw TranslationUsageError(reason: .unknownLanguage(targetLanguage, known: codes))
        }
        let source = config.defaultLanguage
        if let sourceLanguage, sourceLanguage != source.code {
            guard codes.contains(sourceLanguage) else { throw TranslationUsageError(reason: .unknownLanguage(sourceLanguage, known: codes)) }
            throw TranslationUsageError(reason: .unsupportedSourceLanguage(sourceLanguage, defaultLanguage: source.code))
        }
        guard target.code != source.code else { throw TranslationUsageError(reason: .sameLanguage(target.code)) }
        let (status, warnings) = TranslationStatus.of(site)
        for path in pages where !status.rows.contains(where: { $0.path == path }) {
            throw TranslationUsageError(reason: .unknownPage(path))
        }
        let memory = TranslationMemory.read(siteFolder: siteFolder, from: source.code, to: target.code)
        var exported: [XLIFFPage] = []
        for row in status.rows where pages.isEmpty || pages.contains(row.path) {
            let cell = row.cells[target.code] ?? TranslationStatus.Cell(state: .missing)
            guard states.contains(cell.state), let page = site.pages.first(where: { $0.sourcePath == row.file }) else { continue }
            let skeleton = try Self.readSource(siteFolder.appendingPathComponent(row.file))
            let fields = PageUnits.translatableFields(of: page.frontMatter, listed: config.translatableFields)
            let units = PageUnits(fields: fields, body: page.body).units
            let targetHash = site.translations[row.translationKey]?[target.code].flatMap { index in
                site.pages[index].sourcePath == nil ? nil : TranslationRecord.hash(ofBody: site.pages[index].body)
            }
            // An outdated page translated through import: only units whose source changed are work.
            let remembered = cell.state == .outdated ? memory.pages[row.file] : nil
            let previous = remembered == nil ? [:] : memory.previousTranslations(page: row.file, units: units)
            let xliffUnits = units.map { unit -> XLIFFUnit in
                if remembered != nil, let translation = memory.target(page: row.file, unit: unit.id) {
                    return XLIFFUnit(unit: unit, target: translation, isLocked: true)
                }
                return XLIFFUnit(unit: unit, target: prefillTarget ? unit.source : nil, previous: previous[unit.id])
            }
            exported.append(
                XLIFFPage(
                    original: row.file, sourceLocale: source.locale, targetLocale: target.locale, sourceHash: row.hash, targetHash: targetHash,
                    skeleton: skeleton, units: xliffUnits))
        }
        return Export(
            xliff: XLIFFWriter.document(exported), pageCount: exported.count,
            unitCount: exported.map { $0.units.filter { !$0.isLocked }.count }.reduce(0, +),
            warnings: warnings)
    }

    /// The source file as the site reads it: no byte order mark, LF line ends.
    static func readSource(_ url: URL) throws -> String {
        var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
