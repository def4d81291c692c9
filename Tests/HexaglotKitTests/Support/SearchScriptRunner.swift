import Foundation
import Testing

@testable import HexaglotKit

/// Runs the published search script under Node (Debian's `nodejs`, which `make test` installs)
/// on the same input as the Swift side: the analyser on sample text, or a whole query against a
/// built site's index files, read from disk as the browser would fetch them.
enum SearchScriptRunner {
    private static let driver = """
        const fs = require('fs'), path = require('path'), vm = require('vm');
        const [script, mode] = process.argv.slice(2);
        vm.runInThisContext(fs.readFileSync(script, 'utf8'));
        const input = JSON.parse(fs.readFileSync(0, 'utf8'));
        const print = (value) => process.stdout.write(JSON.stringify(value));
        if (mode === 'tokens') {
          print(input.map((sample) => HexaglotSearch.tokens(sample.text, sample.lang).map((t) => t.term + '@' + t.position + ':' + t.kind + (t.form ? '/' + t.form : ''))));
        } else {
          const fetched = new Set();
          const load = (name) => {
            fetched.add(name);
            return Promise.resolve(new Uint8Array(fs.readFileSync(path.join(input.folder, input.manifest.base, name))));
          };
          HexaglotSearch.search(input.query, input.manifest, load).then((found) => [found, fetched.size]).then(([found, shards]) => Promise.all(found.ranked.map((entry) =>
            found.record(entry).then((record) => ({
              url: record[0], title: record[1], section: record[2], phrase: entry.phrase, matched: entry.matched, shards: shards,
              excerpt: HexaglotSearch.excerpt(record[3], HexaglotSearch.matches(record[3], input.manifest.lang, found.groups))
                .map((part) => part.mark ? '[' + part.text + ']' : part.text).join('')
            }))))).then(print);
        }
        """

    /// A search result as the page would show it; the excerpt's marked text in brackets.
    struct Result: Decodable, Equatable {
        var url: String
        var title: String
        var section: String
        var phrase: Bool
        var matched: Int
        /// Files fetched before the results were ranked (the term shards).
        var shards: Int
        var excerpt: String
    }

    static func run(script: URL, mode: String, input: Data) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let driverFile = folder.appendingPathComponent("driver.js")
        try Data(driver.utf8).write(to: driverFile)
        let run = try ExternalTool.run("node", [driverFile.path, script.path, mode], input: String(decoding: input, as: UTF8.self))
        #expect(run.status == 0, "node failed: \(run.errors)")
        return Data(run.output.utf8)
    }

    /// `SearchAnalyzer.tokens` as the script computes them, `term@position:kind` per token.
    static func tokens(script: URL, samples: [(text: String, lang: String)]) throws -> [[String]] {
        let input = try JSONSerialization.data(withJSONObject: samples.map { ["text": $0.text, "lang": $0.lang] })
        return try JSONDecoder().decode([[String]].self, from: run(script: script, mode: "tokens", input: input))
    }

    /// `query` run by the script against the index of `language` in a built site.
    static func search(_ query: String, language: String, in site: TestSite) throws -> [Result] {
        let page = try #require(site.file("\(language)/search/index.html"), "no search page for \(language)")
        let manifest = try #require(manifestJSON(in: page), "no data-search-index on the search page")
        let input = try JSONSerialization.data(withJSONObject: [
            "folder": site.output.path, "query": query,
            "manifest": try JSONSerialization.jsonObject(with: Data(manifest.utf8)),
        ])
        return try JSONDecoder().decode([Result].self, from: run(script: script(in: site), mode: "search", input: input))
    }

    /// `query` run by the script (the source file) against index files written to `folder`.
    static func search(_ query: String, index: SearchIndexFiles, in folder: URL) throws -> [Result] {
        for file in index.files {
            guard case .bytes(let data) = file.contents else { continue }
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let input = try JSONSerialization.data(withJSONObject: [
            "folder": folder.path, "query": query, "manifest": try JSONSerialization.jsonObject(with: Data(index.manifest.utf8)),
        ])
        return try JSONDecoder().decode([Result].self, from: run(script: publishedScript(), mode: "search", input: input))
    }

    /// The script as the build publishes it (the stemmers, then the search code), in a file.
    static func publishedScript() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-search-\(UUID().uuidString).js")
        try Data(SearchScript.bytes).write(to: url)
        return url
    }

    /// The published script of a built site.
    static func script(in site: TestSite) throws -> URL {
        let folder = site.output.appendingPathComponent("js")
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("search.") }, "no search script")
        return folder.appendingPathComponent(name)
    }

    /// The manifest the search page gives its script, with the attribute's escaping undone.
    static func manifestJSON(in page: String) -> String? {
        guard let start = page.range(of: "data-search-index=\"") else { return nil }
        guard let end = page[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return CharacterReferences.decode(String(page[start.upperBound..<end]))
    }
}
