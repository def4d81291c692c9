import Foundation
import Testing

@testable import HexaglotKit

/// A whole small site declared inline in a test, written to a temporary folder and built
/// (in the style of Hugo's integration tests).
struct TestSite {
    let root: URL
    var output: URL { root.appendingPathComponent("public") }

    /// A site with `files` (path → text) on top of a minimal theme and, unless given, a site.yaml.
    init(_ files: [String: String], theme: [String: String] = TestSite.minimalTheme) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("hexaglot-test-\(UUID().uuidString)")
        var all = theme.reduce(into: [String: String]()) { $0["templates/" + $1.key] = $1.value }
        if files["content/site.yaml"] == nil { all["content/site.yaml"] = TestSite.siteYAML }
        all.merge(files) { _, new in new }
        for (path, text) in all { try write(text, to: path) }
    }

    /// A copy of a folder (a fixture site).
    init(copying folder: URL) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("hexaglot-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: root)
    }

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    var options: BuildOptions {
        var options = BuildOptions(source: root)
        // A fixed "now" keeps dated fixtures stable.
        options.now = ISO8601DateFormatter().date(from: "2026-11-29T12:00:00Z")!
        return options
    }

    @discardableResult
    func build(_ configure: (inout BuildOptions) -> Void = { _ in }) async throws -> BuildReport {
        var options = options
        configure(&options)
        return try SiteBuilder(options: options).build()
    }

    /// The diagnostics of a build that must fail, as printed (`file:line:col: error: …`).
    func failures(_ configure: (inout BuildOptions) -> Void = { _ in }) async -> [String] {
        do {
            try await build(configure)
            return []
        } catch let failure as BuildFailure {
            return failure.diagnostics.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    /// Only the errors of a build that must fail.
    func errors(_ configure: (inout BuildOptions) -> Void = { _ in }) async -> [String] {
        await failures(configure).filter { $0.contains(": error: ") }
    }

    func file(_ path: String) -> String? {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    /// The site's files below the output folder, relative, sorted: the build's record of them aside.
    func outputFiles() -> [String] { TestSite.files(below: output).filter { $0 != OutputRecord.fileName } }

    /// Output files as an earlier build left them, with the record that says that build wrote them.
    func writePreviousOutput(_ files: [String: String]) throws {
        for (path, text) in files { try write(text, to: "public/" + path) }
        try write(OutputRecord(paths: Set(files.keys)).bytes, to: "public/" + OutputRecord.fileName)
    }

    /// Every file of a folder and its bytes.
    static func contents(of folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in files(below: folder) {
            result[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return result
    }

    /// Builds the same input from scratch into a folder of its own and records every file that
    /// the output lacks, has extra or holds with other bytes (`what` names the change tested).
    func expectOutputMatchesCleanBuild(_ what: String) async throws {
        let clean = root.appendingPathComponent("clean-\(UUID().uuidString)")
        try await build { $0.output = clean }
        let actual = Self.contents(of: output), expected = Self.contents(of: clean)
        #expect(actual.keys.sorted() == expected.keys.sorted(), "\(what): file lists differ")
        for (path, bytes) in expected where actual[path] != bytes {
            Issue.record("\(what): \(path) differs from a clean build")
        }
    }

    static let siteYAML = """
        title: {en: Test Site, fr: Site de test, ar: موقع تجريبي}
        baseURL: https://example.org/
        defaultLanguage: en
        languages:
          - {code: en, name: English}
          - {code: fr, name: Français}
          - {code: ar, name: العربية, dir: rtl}
        channels:
          - {name: YouTube, url: https://www.youtube.com/user/UNIDObeta}

        """

    /// Just enough theme to see what the build passes to templates.
    static let minimalTheme: [String: String] = [
        "base.mustache": """
        <!doctype html><html lang="{{lang.locale}}" dir="{{lang.dir}}"><title>{{page.title}} · {{site.title}}</title>
        <link rel="canonical" href="{{page.canonical}}">{{#page.noindex}}<meta name="robots" content="noindex">{{/page.noindex}}
        {{#page.alternates}}<link rel="alternate" hreflang="{{hreflang}}" href="{{href}}">{{/page.alternates}}
        {{#pagination.prevURL}}<link rel="prev" href="{{pagination.prevURL}}">{{/pagination.prevURL}}{{#pagination.nextURL}}<link rel="next" href="{{pagination.nextURL}}">{{/pagination.nextURL}}
        {{#page.jsonLD}}<script type="application/ld+json">{{{page.jsonLD}}}</script>{{/page.jsonLD}}
        <nav>{{#menu}}<a href="{{url}}"{{#isCurrent}} aria-current="page"{{/isCurrent}}>{{title}}</a>{{/menu}}</nav>
        <ul class="languages">{{#languages}}<li><a href="{{url}}" hreflang="{{locale}}">{{name}}</a>{{^isTranslated}} ({{i18n.not_translated}}){{/isTranslated}}</li>{{/languages}}</ul>
        <main>{{$main}}{{/main}}</main>
        <footer>{{#channels}}<a href="{{url}}">{{name}}</a>{{/channels}}</footer></html>

        """,
        "page.mustache": """
        {{<base}}{{$main}}<h1>{{page.title}}</h1>{{#page.date}}<time datetime="{{iso}}">{{display}}</time>{{/page.date}}
        {{#page.isFallback}}<p class="notice">{{i18n.fallback_notice}}</p>{{/page.isFallback}}<p class="time">{{page.readingTime}}</p>
        <p class="summary">{{page.summary}}</p>{{#page.tags}}<a class="tag" href="{{url}}">{{name}}</a>{{/page.tags}}
        {{{page.content}}}{{/main}}{{/base}}

        """,
        "section.mustache": """
        {{<base}}{{$main}}<h1>{{section.title}}</h1>{{{section.content}}}
        <ol>{{#section.pages}}<li><a href="{{url}}">{{title}}</a>{{#date}} <time datetime="{{iso}}">{{display}}</time>{{/date}}</li>{{/section.pages}}</ol>{{/main}}{{/base}}

        """,
        "home.mustache": """
        {{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}
        {{#home.sections}}<section><h2><a href="{{url}}">{{title}}</a></h2>{{#pages}}<a href="{{url}}">{{title}}</a>{{/pages}}</section>{{/home.sections}}{{/main}}{{/base}}

        """,
        "tag.mustache": "{{<base}}{{$main}}<h1>{{tag.name}}</h1>{{#tag.pages}}<a href=\"{{url}}\">{{title}}</a>{{/tag.pages}}{{/main}}{{/base}}\n",
        "tags.mustache":
            "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{#tags}}<a href=\"{{url}}\">{{name}} ({{count}})</a>{{/tags}}{{/main}}{{/base}}\n",
        "404.mustache": "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{/main}}{{/base}}\n",
        "languages.mustache":
            "<!doctype html><html lang=\"{{defaultLanguage.locale}}\">{{#languages}}<a href=\"{{url}}\" lang=\"{{locale}}\" dir=\"{{dir}}\">{{siteTitle}} — {{name}}</a>{{/languages}}</html>\n",
        "root-404.mustache":
            "<!doctype html><html>{{#languages}}<a href=\"{{url}}\" lang=\"{{locale}}\">{{notFoundTitle}}</a>{{/languages}}</html>\n",
        "i18n/en.yaml":
            "not_translated: not yet translated\ntags: Tags\npage_not_found: Page not found\nfallback_notice: Not translated yet.\nreading_time: {one: \"{count} minute\", other: \"{count} minutes\"}\n",
        "i18n/fr.yaml":
            "not_translated: pas encore traduit\ntags: Mots-clés\npage_not_found: Page introuvable\nfallback_notice: Pas encore traduit.\n",
        "i18n/ar.yaml": "not_translated: لم تُترجم بعد\nfallback_notice: لم تُترجم بعد.\n",
    ]
}
