import Foundation

/// Each language's search index as an earlier build wrote it, kept in the site's cache folder
/// (`.hexaglot-cache/search/<lang>/<key>/`) under a key of everything the index is made from
/// (`SearchIndexInputs`): a build whose pages of a language say what they said last time, a
/// template or menu change, a build on a fresh checkout in CI with the cache restored, an edit
/// in another language, takes that language's index files instead of indexing it again.
///
/// Safe to delete at any time (the next build indexes again), and safe when two builds share
/// it: an entry is written aside and renamed into place, so it appears whole or not at all, and
/// one whose listing does not match its folder is not used. Entries not used for an hour are
/// removed, the newest two of each language kept.
struct SearchIndexCache: Sendable {
    /// Relative to the site folder, beside the photos' variant cache.
    static let defaultFolder = ".hexaglot-cache/search"
    let folder: String
    /// How long an entry another build may still be copying from is left alone: a build takes
    /// seconds, and a large site writes an index of hundreds of megabytes at each edit.
    var unusedAge: TimeInterval = 60 * 60
    var kept = 2

    private static let listingName = "listing"
    private static let listingHeader = "hexaglot search index 1"

    init(folder: String) {
        self.folder = folder
    }

    /// Bumped when the index's files change for the same pages in a way the probe (below) does
    /// not show: scoring, limits, shard sizes, the files' layout (`SearchIndexCacheTests` pins
    /// the bytes of a whole index, so a change to them that forgets this fails there).
    static let revision = 2

    /// The key of a language's index of `pages` (in that order): a fingerprint of the pages'
    /// inputs and of `probe` (what this binary's analyser makes of a fixed text, `probes`), so
    /// an index written by a build that reads text otherwise is not used.
    static func key(_ code: String, rootPath: String, probe: String, pages: [SearchPageInput]) -> String {
        key(code, rootPath: rootPath, probe: probe, pageFingerprints: pages.map(\.fingerprint))
    }

    /// The same, from the pages' fingerprints (`SearchPageInput.fingerprint`).
    static func key(_ code: String, rootPath: String, probe: String, pageFingerprints: [String]) -> String {
        var fingerprint = ContentFingerprint()
        fingerprint.combine(revision)
        fingerprint.combine(code)
        fingerprint.combine(rootPath)
        fingerprint.combine(probe)
        fingerprint.combine(pageFingerprints.count)
        for page in pageFingerprints { fingerprint.combine(page) }
        return fingerprint.hex
    }

    /// The postings of `code`'s pages as the last build that indexed the language read them
    /// (`<lang>.postings` beside the language's entries), when that build's analyser read text
    /// as this one's does (`probe`).
    func postings(for code: String, probe: String) -> SearchPostingsArchive? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: postingsPath(code)), options: .alwaysMapped) else { return nil }
        return SearchPostingsArchive(data: data, header: SearchPostingsArchive.header(code, probe: probe))
    }

    /// Keeps `archive` as the language's postings, replacing the last (written aside and renamed).
    func store(_ archive: SearchPostingsArchive, for code: String, probe: String) {
        let path = postingsPath(code)
        let aside = path + ".\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        let data = archive.data(header: SearchPostingsArchive.header(code, probe: probe))
        if (try? FileBytes.makeFolder(folder)) == nil || (try? FileBytes.write(data, to: aside)) == nil || rename(aside, path) != 0 {
            FileBytes.remove(aside)
        }
    }

    func removePostings(for code: String) { FileBytes.remove(postingsPath(code)) }

    private func postingsPath(_ code: String) -> String { folder + "/" + code + ".postings" }

    /// A fingerprint of the analyser's tokens of a fixed text for each language.
    static func probe(_ code: String) -> String {
        var fingerprint = ContentFingerprint()
        let text = SearchPlainText.text(ofHTML: Array(probeText.utf8))
        fingerprint.combine(text)
        for token in SearchAnalyzer(languageCode: code).tokens(text).tokens {
            fingerprint.combine(token.term)
            fingerprint.combine(token.position << 16 | Int(token.kind.rawValue) << 8 | Int(token.form))
        }
        return fingerprint.hex
    }

    /// `probe` of each of `codes`, remembered in the cache folder for the running binary (by
    /// its path, size, time and inode): working them out builds the analysers' Unicode tables,
    /// which cost more than the rest of a small site's search stage taken from the cache.
    func probes(_ codes: [String]) -> [String: String] {
        let file = folder + "/probes"
        var status = stat()
        let binary = Bundle.main.executablePath ?? ""
        guard stat(binary, &status) == 0 else { return Dictionary(uniqueKeysWithValues: codes.map { ($0, Self.probe($0)) }) }
        let stamp = "\(Self.listingHeader) \(binary) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec) \(status.st_ino)"
        var known: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: file) {
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            if lines.first.map(String.init) == stamp {
                for line in lines.dropFirst() {
                    let parts = line.split(separator: " ")
                    if parts.count == 2 { known[String(parts[0])] = String(parts[1]) }
                }
            }
        }
        let missing = codes.filter { known[$0] == nil }
        guard !missing.isEmpty else { return known }
        for code in missing { known[code] = Self.probe(code) }
        let text = ([stamp] + known.keys.sorted().map { "\($0) \(known[$0]!)" }).joined(separator: "\n") + "\n"
        let aside = file + ".\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        if (try? FileBytes.makeFolder(folder)) != nil, (try? FileBytes.write(Data(text.utf8), to: aside)) != nil, rename(aside, file) != 0 {
            FileBytes.remove(aside)
        }
        return known
    }

    /// Every kind of text the analysers treat apart: inflections, accents, case, ё, Arabic
    /// letter forms, harakat, tatweel and articles, Han runs, full-width forms.
    private static let probeText = """
        <h2>Organizations organized pollutants polluted running</h2><p>Don't l'industrie. Les forêts éliminées, ÉLIMINER l’œuvre. Загрязнения загрязнений ёлка. \
        Los contaminantes contaminó la contaminación. والبيئة بالبيئةِ البيـئة مدرسة مدرسه على علي أحمد إسلام آمن. 持久性有机污染物，臭氧层消耗。\
        ＵＮＩＤＯ 2026</p>
        """

    /// The index of `key`, its files to be copied from the entry (and, where the old output
    /// holds them under the same names, taken from there: a version folder's name is a hash of
    /// its files), or nil when the cache has no whole entry for it.
    func files(for code: String, key: String) -> SearchIndexFiles? {
        let entry = folder + "/" + code + "/" + key
        guard let data = FileManager.default.contents(atPath: entry + "/" + Self.listingName) else { return nil }
        let lines = data.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 4, lines[0] == Self.listingHeader, let documents = Int(lines[3]),
            lines[2].hasPrefix(code + "/search/"), OutputWriter.problem(inPath: lines[2] + "x") == nil
        else { return nil }
        let manifest = lines[1], prefix = lines[2], names = lines[4...]
        // One version folder of its own (the build records it as written whole: `BuildManifest.sealedFolders`).
        let version = prefix.dropFirst(code.count + "/search/".count)
        guard version.count > 1, version.last == "/", version.dropLast().allSatisfy({ $0.isHexDigit }),
            names.allSatisfy({ !$0.isEmpty && !$0.contains("/") && $0 != Self.listingName }),
            Set(Self.names(in: entry)) == Set(names).union([Self.listingName])
        else { return nil }
        // Its time says when it was last used (see `removeUnused`).
        _ = utimes(entry + "/" + Self.listingName, nil)
        return SearchIndexFiles(
            languageCode: code, folder: String(prefix.dropLast()),
            files: names.map { name in
                OutputFile(path: prefix + name, contents: .copyPath(entry + "/" + name), origin: "content/\(code)", isUnchanged: true)
            },
            manifest: manifest, documentCount: documents)
    }

    /// Keeps `index` as the entry of `key`; an entry that cannot be written is left out (the
    /// cache only saves time).
    func store(_ index: SearchIndexFiles, for code: String, key: String) {
        let language = folder + "/" + code
        let aside = language + "/.new-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        var listing = [Self.listingHeader, index.manifest, "", String(index.documentCount)]
        do {
            try FileBytes.makeFolder(aside)
            for file in index.files {
                guard case .bytes(let data) = file.contents, let slash = file.path.lastIndex(of: "/") else { throw CocoaError(.fileWriteUnknown) }
                listing[2] = String(file.path[...slash])
                listing.append(String(file.path[file.path.index(after: slash)...]))
                try FileBytes.write(data, to: aside + "/" + listing.last!)
            }
            try FileBytes.write(Data((listing.joined(separator: "\n") + "\n").utf8), to: aside + "/" + Self.listingName)
            // Another build may have stored the same entry meanwhile: the same bytes, so either will do.
            if rename(aside, language + "/" + key) != 0 { Self.remove(aside) }
        } catch {
            Self.remove(aside)
        }
        removeUnused(in: language, besides: key)
    }

    /// Removes entries (and the leftovers of builds killed while storing) not used for
    /// `unusedAge`, keeping the newest `kept`.
    private func removeUnused(in language: String, besides key: String) {
        let now = Date().timeIntervalSince1970
        var entries: [(name: String, used: TimeInterval)] = []
        for name in Self.names(in: language) where name != key {
            var status = stat()
            let listing = language + "/" + name + (name.hasPrefix(".") ? "" : "/" + Self.listingName)
            let used = stat(listing, &status) == 0 ? TimeInterval(status.st_mtim.tv_sec) : 0
            entries.append((name, used))
        }
        let newest = Set(entries.filter { !$0.name.hasPrefix(".") }.sorted { $0.used > $1.used }.prefix(kept - 1).map(\.name))
        for entry in entries where now - entry.used > unusedAge && !newest.contains(entry.name) {
            Self.remove(language + "/" + entry.name)
        }
    }

    /// Renamed first (to a leftover's name), so no build ever sees half an entry under its key.
    private static func remove(_ path: String) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let doomed = String(path[...slash]) + ".removed-\(UUID().uuidString)"
        let target = rename(path, doomed) == 0 ? doomed : path
        try? FileManager.default.removeItem(atPath: target)
    }

    private static func names(in folder: String) -> [String] {
        var names: [String] = []
        _ = FileBytes.forEachName(in: folder) { name, _ in
            names.append(name)
            return true
        }
        return names
    }
}
