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
        let (site, siteProblems) = try SiteBuilder.loadSiteForTranslation(siteFolder: siteFolder)
        var problems: [Diagnostic] = []
        var planned: [PlannedPage] = []
        var memories: [String: TranslationMemory] = [:]
        var pages: [XLIFFReadPage] = []
        for file in files {
            do {
                pages += try XLIFFReader.read(file.data, file: file.path)
            } catch {
                problems.append(error)
            }
        }
        // Pages this import writes count as existing for links between them.
        let defaultCode = site.config.defaultLanguage.code
        let importing = Set(
            pages.compactMap { page in
                site.config.languages.first { $0.locale == page.targetLocale || $0.code == page.targetLocale }.map {
                    "content/\($0.code)/" + page.original.dropFirst("content/\(defaultCode)/".count)
                }
            })
        for page in pages {
            if let result = plan(page, site: site, importing: importing, memories: &memories, problems: &problems) {
                planned.append(result)
                planned += bundleFiles(source: page.original, translation: result.file, defaultCode: defaultCode)
            }
        }
        var seen: [String: Int] = [:]
        for page in planned { seen[page.file, default: 0] += 1 }
        for (file, count) in seen.sorted(by: { $0.key < $1.key }) where count > 1 {
            problems.append(.error("\(file) is translated by \(count) files in this import; import one of them", at: nil))
        }
        guard problems.isEmpty else { throw BuildFailure(diagnostics: problems.sorted()) }
        for (language, memory) in memories.sorted(by: { $0.key < $1.key }) {
            let file = TranslationMemory.file(from: site.config.defaultLanguage.code, to: language)
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

    private func plan(
        _ page: XLIFFReadPage, site: Site, importing: Set<String>, memories: inout [String: TranslationMemory], problems: inout [Diagnostic]
    ) -> PlannedPage? {
        let config = site.config
        let place = page.location
        func fail(_ message: String) -> PlannedPage? {
            problems.append(.error("file \(page.original): \(message)", at: place))
            return nil
        }
        guard let language = config.languages.first(where: { $0.locale == page.targetLocale || $0.code == page.targetLocale }) else {
            return fail("target language '\(page.targetLocale ?? "")' is not one of the site's languages")
        }
        let defaultCode = config.defaultLanguage.code
        guard language.code != defaultCode else { return fail("target language '\(language.code)' is the site's default language") }
        let prefix = "content/\(defaultCode)/"
        guard page.original.hasPrefix(prefix), site.pages.contains(where: { $0.sourcePath == page.original }) else {
            return fail("the site has no such page any more")
        }
        guard let skeleton = page.skeleton, let sourceHash = page.sourceHash,
            let parts = try? FrontMatterSplitter().split(skeleton, file: page.original),
            TranslationRecord.hash(ofBody: parts.body) == sourceHash
        else {
            return fail("the exported copy of the page (<skl>) or its hash is missing or was changed; export the page again")
        }
        var memory = memories[language.code] ?? TranslationMemory.read(siteFolder: siteFolder, from: defaultCode, to: language.code)
        let fields = Self.fields(of: parts, file: page.original, listed: config.translatableFields)
        let file = "content/\(language.code)/" + page.original.dropFirst(prefix.count)
        var units = PageUnits(fields: fields, body: parts.body)
        let links = TranslatedLinks(
            sourceFile: page.original, targetFile: file, sourceLanguage: defaultCode, targetLanguage: language.code,
            translationOf: { source in
                site.pagesBySource[String(source.dropFirst("content/".count))].flatMap { index in
                    site.translations[site.pages[index].translationKey]?[language.code].flatMap { site.pages[$0].sourcePath }
                } ?? "content/\(language.code)/" + source.dropFirst(prefix.count)
            },
            isPage: { site.pagesBySource[String($0.dropFirst("content/".count))].map { site.pages[$0].fallbackOf == nil } ?? importing.contains($0) })
        for index in units.allUnits.indices {
            for (id, tag) in units.allUnits[index].tags {
                if case .link(let url, let title, let children) = tag, children.isEmpty, let destination = links.destination(for: url) {
                    units.allUnits[index].tags[id] = .link(url: destination, title: title, [])
                }
            }
        }
        let exported = Dictionary(units.units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var translations: [String: [SegmentPiece]] = [:]
        var unitProblems: [Diagnostic] = []
        var seenIDs: Set<String> = []
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
                // Marked done at export: its translation is the remembered one, kept as it was.
                let kept = memory.target(page: page.original, unit: unit.id) ?? sourceUnit.source
                if target != kept { unitFail("is marked translate=\"no\" but its target was changed") }
                translations[unit.id] = kept
                continue
            }
            for message in Self.tagProblems(source: sourceUnit, target: target) { unitFail(message) }
            translations[unit.id] = target
        }
        for unit in units.units where !seenIDs.contains(unit.id) {
            unitProblems.append(.error("unit \(unit.id): is missing from the file (\(unit.note))", at: place))
        }
        guard unitProblems.isEmpty else {
            problems += unitProblems
            return nil
        }
        let record = TranslationRecord(language: defaultCode, hash: sourceHash)
        let text: String
        do {
            text = try TranslatedPageWriter(sourceFile: skeleton, units: units, translations: translations, record: record).write()
        } catch {
            let location = page.units.first { $0.id == error.unitID }?.location ?? place
            problems.append(.error("unit \(error.unitID): \(error.message)", at: location))
            return nil
        }
        let previouslyWritten = memory.pages[page.original]?.written
        memory.pages[page.original] = TranslationMemory.Page(
            hash: sourceHash,
            units: units.units.compactMap { unit in
                translations[unit.id].map {
                    TranslationMemory.Unit(
                        id: unit.id, source: XLIFFWriter.segment(unit.source, tags: unit.tags), target: XLIFFWriter.segment($0, tags: unit.tags))
                }
            }, written: SHA256.hexDigest(text))
        memories[language.code] = memory
        let existing = try? TranslationExporter.readSource(siteFolder.appendingPathComponent(file))
        if let existing, existing != text, !force {
            let existingBody = (try? FrontMatterSplitter().split(existing, file: file).body) ?? existing
            let writtenByImport = previouslyWritten == SHA256.hexDigest(existing)
            if page.targetHash != TranslationRecord.hash(ofBody: existingBody) && !writtenByImport {
                return fail("\(file) was edited since this file was exported; import with --force to replace it")
            }
        }
        return PlannedPage(file: file, text: text, changes: existing != text)
    }

    /// A page bundle (`news/visit/index.md` with `photo.svg` beside it, no other page in the
    /// folder) publishes its files beside the page: the translation's folder needs them too.
    /// Files it already has are left as they are (a translated image stays translated).
    func bundleFiles(source: String, translation: String, defaultCode: String) -> [PlannedPage] {
        let sourceFolder = (source as NSString).deletingLastPathComponent, targetFolder = (translation as NSString).deletingLastPathComponent
        guard (source as NSString).lastPathComponent == "index.md", sourceFolder != "content/\(defaultCode)",
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
