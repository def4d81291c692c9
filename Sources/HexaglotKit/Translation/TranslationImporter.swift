import Foundation

/// `hexaglot translation import`: translated XLIFF files back into Markdown pages. Every file
/// is checked before anything is written; one problem anywhere and no page is written.
public struct TranslationImporter: Sendable {
    public var siteFolder: URL
    /// Replace translations edited by hand since the export.
    public var force = false

    public init(siteFolder: URL) {
        self.siteFolder = siteFolder
    }

    /// A page import would write.
    public struct PlannedPage: Sendable, Equatable {
        /// Relative to the site folder: `content/fr/areas/pops.md`.
        public var file: String
        public var text: String
        /// False when the file already holds exactly this text.
        public var changes: Bool
        /// For a page bundle's other files (images beside `index.md`) that the translation's
        /// folder lacks: the source's file, copied as it is.
        public var copiedFrom: String?
    }

    /// Checks `files` (the path diagnostics name, and the bytes) and returns the pages to write.
    public func plan(_ files: [(path: String, data: Data)]) throws -> [PlannedPage] {
        let (site, _) = try SiteBuilder.loadSiteForTranslation(siteFolder: siteFolder)
        var problems: [Diagnostic] = []
        var planned: [PlannedPage] = []
        /// By memory file (`translations/en-fr.json`).
        var memories: [String: TranslationMemory] = [:]
        var pages: [XLIFFReadPage] = []
        for file in files {
            do {
                pages += try XLIFFReader.read(file.data, file: file.path)
            } catch {
                problems.append(error)
            }
        }
        // Pages this import writes count as existing for links between them, with their headings.
        var importing: [String: HeadingAnchors] = [:]
        for page in pages {
            if let target = Self.language(ofLocale: page.targetLocale, site.config), Self.sourceLanguage(of: page.original, site.config) != nil {
                importing[Self.translationFile(of: page.original, into: target.code, site: site)] = Self.headings(
                    of: page, listed: site.config.translatableFields)
            }
        }
        for page in pages {
            if let result = plan(page, site: site, importing: importing, memories: &memories, problems: &problems) {
                planned.append(result)
                planned += bundleFiles(source: page.original, translation: result.file)
            }
        }
        var seen: [String: Int] = [:]
        for page in planned { seen[page.file, default: 0] += 1 }
        for (file, count) in seen.sorted(by: { $0.key < $1.key }) where count > 1 {
            problems.append(.error("\(file) is translated by \(count) files in this import; import one of them", at: nil))
        }
        guard problems.isEmpty else { throw BuildFailure(diagnostics: problems.sorted()) }
        for (file, memory) in memories.sorted(by: { $0.key < $1.key }) {
            let existing = try? String(contentsOf: siteFolder.appendingPathComponent(file), encoding: .utf8)
            planned.append(PlannedPage(file: file, text: memory.text, changes: existing != memory.text))
        }
        return planned
    }

    /// Writes the pages that change.
    public func write(_ pages: [PlannedPage]) throws {
        for page in pages where page.changes {
            let url = siteFolder.appendingPathComponent(page.file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let source = page.copiedFrom {
                try Data(contentsOf: siteFolder.appendingPathComponent(source)).write(to: url, options: .atomic)
            } else {
                try Data(page.text.utf8).write(to: url, options: .atomic)
            }
        }
    }

    /// The language of a `target-language` (a locale of site.yaml, or a code).
    static func language(ofLocale locale: String?, _ config: SiteConfig) -> Language? {
        config.languages.first { $0.locale == locale || $0.code == locale }
    }

    /// The language whose folder holds `original` (`content/fr/areas/pops.md` → fr).
    static func sourceLanguage(of original: String, _ config: SiteConfig) -> Language? {
        let parts = original.split(separator: "/", maxSplits: 2)
        guard parts.count == 3, parts[0] == "content" else { return nil }
        return config.languages.first { $0.code == parts[1] }
    }

    /// The translation of a source file: the page with its translation key in `language` if
    /// there is one, else the same path in that language's folder.
    static func translationFile(of source: String, into language: String, site: Site) -> String {
        let existing = site.pagesBySource[String(source.dropFirst("content/".count))].flatMap { index in
            site.markdownPage(key: site.pages[index].translationKey, language: language)?.sourcePath
        }
        return existing ?? "content/\(language)/" + source.split(separator: "/", maxSplits: 2).dropFirst(2).joined()
    }

    /// The headings the page an XLIFF file translates will have: the exported source's, with the
    /// translated text of each heading unit.
    static func headings(of page: XLIFFReadPage, listed: [String]) -> HeadingAnchors? {
        guard let skeleton = page.skeleton, let parts = try? FrontMatterSplitter().split(skeleton, file: page.original) else { return nil }
        let fields = Self.fields(of: parts, file: page.original, listed: listed)
        let targets = Dictionary(page.units.compactMap { unit in unit.target.map { (unit.id, $0) } }, uniquingKeysWith: { first, _ in first })
        let texts = PageUnits(fields: fields, body: parts.body).allUnits.compactMap { unit -> (level: Int, text: String)? in
            guard case .heading(_, _, let level) = unit.place else { return nil }
            return (level, SegmentPiece.plainText(targets[unit.id] ?? unit.source, tags: unit.tags))
        }
        return HeadingAnchors(texts: texts, dropsTitleHeading: !fields.contains { $0.key == "title" })
    }

    private func plan(
        _ page: XLIFFReadPage, site: Site, importing: [String: HeadingAnchors], memories: inout [String: TranslationMemory],
        problems: inout [Diagnostic]
    ) -> PlannedPage? {
        let config = site.config
        func fail(_ message: String, at location: SourceLocation) -> PlannedPage? {
            problems.append(.error("file \(page.original): \(message)", at: location))
            return nil
        }
        guard let language = Self.language(ofLocale: page.targetLocale, config) else {
            return fail(
                "target-language '\(page.targetLocale ?? "")' is not a language of the site (\(config.languages.map(\.code).joined(separator: ", ")))",
                at: page.targetLanguageLocation)
        }
        guard let source = Self.sourceLanguage(of: page.original, config),
            site.pages.contains(where: { $0.sourcePath == page.original && $0.fallbackOf == nil })
        else {
            return fail("the site has no such page any more (moved or deleted since the export)", at: page.originalLocation)
        }
        guard language.code != config.defaultLanguage.code, language.code != source.code else {
            let role = language.code == source.code ? "the page's own language" : "the site's default language"
            return fail("target-language '\(page.targetLocale ?? "")' is \(role)", at: page.targetLanguageLocation)
        }
        guard let skeleton = page.skeleton, let sourceHash = page.sourceHash,
            let parts = try? FrontMatterSplitter().split(skeleton, file: page.original),
            TranslationRecord.hash(ofBody: parts.body) == sourceHash
        else {
            return fail(
                "the exported copy of the page (<skl>) or its hash is missing or was changed; export the page again", at: page.skeletonLocation)
        }
        let memoryFile = TranslationMemory.file(from: source.code, to: language.code)
        var memory = memories[memoryFile] ?? TranslationMemory.read(siteFolder: siteFolder, from: source.code, to: language.code)
        let remembered = memory.pages[page.original]
        let fields = Self.fields(of: parts, file: page.original, listed: config.translatableFields)
        let file = Self.translationFile(of: page.original, into: language.code, site: site)
        var units = PageUnits(fields: fields, body: parts.body)
        let links = TranslatedLinks(
            sourceFile: page.original, targetFile: file, sourceLanguage: source.code, targetLanguage: language.code,
            translationOf: { Self.translationFile(of: $0, into: language.code, site: site) },
            isPage: { site.pagesBySource[String($0.dropFirst("content/".count))].map { site.pages[$0].fallbackOf == nil } ?? (importing[$0] != nil) },
            anchors: { sourceFile, translationFile in
                let page = { (file: String) in site.pagesBySource[String(file.dropFirst("content/".count))].map { site.pages[$0] } }
                guard let sourcePage = page(sourceFile),
                    let translated = importing[translationFile] ?? page(translationFile).map(HeadingAnchors.init(page:))
                else { return nil }
                return (HeadingAnchors(page: sourcePage), translated)
            })
        for index in units.allUnits.indices {
            for (id, tag) in units.allUnits[index].tags {
                if case .link(let url, let title, let children) = tag, children.isEmpty, let destination = links.destination(for: url) {
                    units.allUnits[index].tags[id] = .link(url: destination, title: title, [])
                }
            }
        }
        // Units marked done keep the translation they have: remembered by import, or aligned
        // from a translation made by hand.
        var kept = memory
        var handTranslationLost = false
        if remembered == nil, page.units.contains(where: \.isLocked), let translation = site.pagesBySource[String(file.dropFirst("content/".count))],
            let record = site.pages[translation].frontMatter.translatedFrom, record.language == source.code
        {
            switch HandTranslation.of(
                sourceFile: page.original, translation: site.pages[translation], record: record, listed: config.translatableFields,
                siteFolder: siteFolder)
            {
            case .aligned(let hand):
                kept.pages[page.original] = hand.page
            case .sourceVersionNotFound: handTranslationLost = true
            }
        }
        let exported = Dictionary(units.units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var translations: [String: [SegmentPiece]] = [:]
        var unitProblems: [Diagnostic] = []
        var seenIDs: Set<String> = [], lockedIDs: Set<String> = []
        for unit in page.units {
            func unitFail(_ message: String) { unitProblems.append(.error("unit \(unit.id): \(message)", at: unit.location)) }
            guard seenIDs.insert(unit.id).inserted else {
                unitFail("appears twice")
                continue
            }
            guard let sourceUnit = exported[unit.id] else {
                unitFail("no such unit in \(page.original) as exported")
                continue
            }
            unit.problems.forEach(unitFail)
            guard let target = unit.target else {
                unitFail("has no translation")
                continue
            }
            if unit.isLocked {
                // Marked done at export: its translation is the one it had, kept as it was.
                let keptTarget = kept.target(page: page.original, unit: unit.id) ?? sourceUnit.source
                if target != keptTarget, handTranslationLost {
                    unitFail(
                        "is marked translate=\"no\", but the translation it was exported with cannot be found (import remembers none, and the source version it was aligned with is not in git); export the page again"
                    )
                    continue
                }
                if target != keptTarget { unitFail("is marked translate=\"no\" but its target was changed") }
                translations[unit.id] = keptTarget
                lockedIDs.insert(unit.id)
                continue
            }
            for message in Self.tagProblems(source: sourceUnit, target: target) { unitFail(message) }
            translations[unit.id] = target
        }
        for unit in units.units where !seenIDs.contains(unit.id) {
            unitProblems.append(.error("unit \(unit.id): is missing from the file (\(unit.note))", at: page.location))
        }
        guard unitProblems.isEmpty else {
            problems += unitProblems
            return nil
        }
        let record = TranslationRecord(language: source.code, hash: sourceHash)
        let text: String
        do {
            text = try TranslatedPageWriter(
                sourceFile: skeleton, units: units, translations: translations, record: record,
                keptLines: Dictionary(uniqueKeysWithValues: lockedIDs.compactMap { id in kept.lines(page: page.original, unit: id).map { (id, $0) } })
            ).write()
        } catch {
            let location = page.units.first { $0.id == error.unitID }?.location ?? page.location
            problems.append(.error("unit \(error.unitID): \(error.message)", at: location))
            return nil
        }
        memory.pages[page.original] = TranslationMemory.Page(
            hash: sourceHash,
            units: units.units.compactMap { unit in
                translations[unit.id].map {
                    TranslationMemory.Unit(
                        id: unit.id, source: XLIFFWriter.segment(unit.source, tags: unit.tags), target: XLIFFWriter.segment($0, tags: unit.tags),
                        lines: lockedIDs.contains(unit.id) ? kept.lines(page: page.original, unit: unit.id) : nil)
                }
            }, written: SHA256.hexDigest(text))
        memories[memoryFile] = memory
        let existing = try? TranslationExporter.readSource(siteFolder.appendingPathComponent(file))
        if let existing, existing != text, !force {
            let existingBody = (try? FrontMatterSplitter().split(existing, file: file).body) ?? existing
            let writtenByImport = remembered?.written == SHA256.hexDigest(existing)
            if page.targetHash != TranslationRecord.hash(ofBody: existingBody) && !writtenByImport {
                let edited = Self.handEditedUnits(existing: existing, file: file, remembered: remembered, listed: config.translatableFields)
                guard !edited.isEmpty else {
                    let since =
                        page.targetHash == nil
                        ? "was written since this file was exported (there was no translation then)" : "was edited since this file was exported"
                    return fail("\(file) \(since); import with --force to replace it", at: page.location)
                }
                for (id, now) in edited {
                    problems.append(
                        .error(
                            "unit \(id): its translation in \(file) was edited by hand since this file was exported (it now reads '\(now)'); import with --force to replace it",
                            at: page.units.first { $0.id == id }?.location ?? page.location))
                }
                return nil
            }
        }
        return PlannedPage(file: file, text: text, changes: existing != text)
    }

    /// The units whose text in the translation file differs from what import last wrote for
    /// them, with the text they have now; empty when that cannot be told unit by unit (nothing
    /// remembered, or the file's blocks no longer match the remembered units).
    static func handEditedUnits(existing: String, file: String, remembered: TranslationMemory.Page?, listed: [String]) -> [(
        id: String, text: String
    )] {
        guard let remembered, let parts = try? FrontMatterSplitter().split(existing, file: file) else { return [] }
        let now = PageUnits(fields: fields(of: parts, file: file, listed: listed), body: parts.body).units
        guard now.count == remembered.units.count else { return [] }
        return zip(remembered.units, now).compactMap { unit, current in
            guard let written = XLIFFReader.pieces(inline: unit.target) else { return nil }
            let before = SegmentPiece.plainText(written, tags: [:]), after = SegmentPiece.plainText(current.source, tags: [:])
            return before == after ? nil : (unit.id, after)
        }
    }

    /// A page bundle (`news/visit/index.md` with `photo.svg` beside it, no other page in the
    /// folder) publishes its files beside the page: the translation's folder needs them too.
    /// Files it already has are left as they are (a translated image stays translated).
    func bundleFiles(source: String, translation: String) -> [PlannedPage] {
        let sourceFolder = (source as NSString).deletingLastPathComponent, targetFolder = (translation as NSString).deletingLastPathComponent
        guard (source as NSString).lastPathComponent == "index.md", sourceFolder.split(separator: "/").count > 2,
            let names = try? FileManager.default.contentsOfDirectory(atPath: siteFolder.appendingPathComponent(sourceFolder).path),
            !names.contains(where: { $0 != "index.md" && $0.lowercased().hasSuffix(".md") })
        else { return [] }
        return names.sorted().compactMap { name in
            var isFolder: ObjCBool = false
            let from = sourceFolder + "/" + name, to = targetFolder + "/" + name
            guard !name.hasPrefix("."), name != "index.md",
                FileManager.default.fileExists(atPath: siteFolder.appendingPathComponent(from).path, isDirectory: &isFolder), !isFolder.boolValue,
                !FileManager.default.fileExists(atPath: siteFolder.appendingPathComponent(to).path)
            else { return nil }
            return PlannedPage(file: to, text: "", changes: true, copiedFrom: from)
        }
    }

    /// The translatable fields of the exported front matter, as export chose them.
    static func fields(of parts: FrontMatterSplitter.Parts, file: String, listed: [String]) -> [(key: String, value: String)] {
        guard let yaml = parts.yaml, let root = try? YAMLReader(file: file, lineOffset: 1).read(yaml) else { return [] }
        return PageUnits.translatableFields(of: FrontMatter.read(root, file: file).0, listed: listed)
    }

    /// Tags missing, repeated, unknown, or of the other kind (paired for a placeholder).
    static func tagProblems(source: TranslationUnit, target: [SegmentPiece]) -> [String] {
        var problems: [String] = []
        let expected = SegmentPiece.tagIDs(source.source), found = SegmentPiece.tagIDs(target)
        let pairedInSource = Set(Self.pairedIDs(source.source)), pairedInTarget = Set(Self.pairedIDs(target))
        for id in expected where !found.contains(id) {
            problems.append("tag \(Self.describe(id, paired: pairedInSource.contains(id), unit: source)) is missing")
        }
        for id in Set(found).sorted() where found.filter({ $0 == id }).count > 1 {
            problems.append("tag \(Self.describe(id, paired: pairedInTarget.contains(id), unit: source)) appears more than once")
        }
        for id in Set(found).sorted() where !expected.contains(id) {
            problems.append("tag \(Self.describe(id, paired: pairedInTarget.contains(id), unit: source)) is not in the source")
        }
        for id in Set(found).sorted() where expected.contains(id) && pairedInSource.contains(id) != pairedInTarget.contains(id) {
            problems.append("tag \(id) must be \(pairedInSource.contains(id) ? "<g id=\"\(id)\">…</g>" : "<x id=\"\(id)\"/>")")
        }
        return problems
    }

    private static func pairedIDs(_ pieces: [SegmentPiece]) -> [Int] {
        pieces.flatMap { piece -> [Int] in
            if case .paired(let id, let children) = piece { return [id] + pairedIDs(children) }
            return []
        }
    }

    private static func describe(_ id: Int, paired: Bool, unit: TranslationUnit) -> String {
        let kind = unit.tags[id].map { " (\(XLIFFWriter.ctype(of: $0)))" } ?? ""
        return (paired ? "<g id=\"\(id)\">" : "<x id=\"\(id)\"/>") + kind
    }
}
