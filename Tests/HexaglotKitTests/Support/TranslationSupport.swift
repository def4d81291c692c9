import Foundation
import Testing

@testable import HexaglotKit

/// External programs the translation tests use: xmllint (libxml2-utils), cmark-gfm's command
/// line, OmegaT. `make test` installs them; without them the tests fail, they do not skip.
enum ExternalTool {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func path(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ name: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:], input: String? = nil)
        throws -> Run
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path(name), "\(name) is not installed (make test installs it)"))
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes while the process runs, so neither fills up.
        nonisolated(unsafe) var errors = Data()
        let reader = Thread { errors = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self))
    }

    static let schemaFolder = Fixtures.folder.appendingPathComponent("xliff")

    /// `xmllint --nonet` against the strict XLIFF schema and Hexaglot's attributes, offline.
    static func validateXLIFF(_ file: URL) throws -> Run {
        try run(
            "xmllint", ["--nonet", "--noout", "--schema", schemaFolder.appendingPathComponent("hexaglot-xliff-strict.xsd").path, file.path],
            environment: ["XML_CATALOG_FILES": schemaFolder.appendingPathComponent("catalog.xml").path])
    }
}

/// A Markdown body as cmark-gfm's own command line parses it (`-t xml`): the independent
/// parser the translation tests compare with.
struct CmarkStructure: Equatable {
    /// Each node as `depth name`, code with its text, links and images with their destination;
    /// text nodes and soft breaks left out (translated text differs, and lines are joined).
    var nodes: [String]
    /// The text nodes' contents.
    var texts: [String]
    /// Code spans' and blocks' contents.
    var code: [String]

    init(markdown: String) throws {
        let run = try ExternalTool.run(
            "cmark-gfm", ["-t", "xml", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "footnotes", "-e", "tasklist"],
            input: markdown)
        #expect(run.status == 0, "cmark-gfm: \(run.errors)")
        // This cmark-gfm names footnote nodes `<unknown>` in its XML, brackets included; its
        // DOCTYPE names a DTD that is not needed (and XMLTree reads none).
        let xml = run.output.replacingOccurrences(of: "<!DOCTYPE document SYSTEM \"CommonMark.dtd\">", with: "").replacingOccurrences(
            of: "<<unknown>", with: "<footnote"
        ).replacingOccurrences(of: "</<unknown>>", with: "</footnote>")
        let root = try XMLTree.parse(Data(xml.utf8))
        var nodes: [String] = [], texts: [String] = [], code: [String] = []
        func walk(_ element: XMLElementNode, depth: Int) {
            switch element.localName {
            case "text": texts.append(element.text)
            case "softbreak": break
            case "code", "code_block":
                code.append(element.text)
                nodes.append("\(depth) \(element.localName) \(element.text)")
            case "link", "image": nodes.append("\(depth) \(element.localName) \(element.attribute("destination") ?? "")")
            default: nodes.append("\(depth) \(element.localName)")
            }
            for child in element.elements { walk(child, depth: depth + 1) }
        }
        walk(root, depth: 0)
        self.nodes = nodes
        self.texts = texts
        self.code = code
    }

    /// The body of a page file (after its front matter).
    static func body(of page: String) -> String {
        (try? FrontMatterSplitter().split(page, file: "page.md").body) ?? page
    }
}

/// The non-empty lines a page lost and gained, in order, by a line diff (an LCS: a line moved
/// or repeated shows, which comparing sets of lines would miss).
enum LineChanges {
    static func of(_ before: String, _ after: String) -> (removed: [String], added: [String]) {
        let old = before.split(separator: "\n").map(String.init), new = after.split(separator: "\n").map(String.init)
        var removed: [(Int, String)] = [], added: [(Int, String)] = []
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, let line, _): removed.append((offset, line))
            case .insert(let offset, let line, _): added.append((offset, line))
            }
        }
        // CollectionDifference lists removals from the end: put both in the pages' order.
        return (removed.sorted { $0.0 < $1.0 }.map(\.1), added.sorted { $0.0 < $1.0 }.map(\.1))
    }
}

enum PseudoTranslation {
    static let marker = "ع·"

    /// Puts the marker before every run of text with a letter in it, between tags: XLIFF's
    /// `<g id="1">`, or OmegaT's shorthand in a TMX (`&lt;g0&gt;`).
    static func translateRuns(_ segment: String, tagPattern: String) -> String {
        let regex = try! NSRegularExpression(pattern: tagPattern)
        let text = segment as NSString
        var result = "", cursor = 0
        func addRun(_ run: String) {
            result += run.unicodeScalars.contains { $0.properties.isAlphabetic } ? marker + run : run
        }
        for match in regex.matches(in: segment, range: NSRange(location: 0, length: text.length)) {
            addRun(text.substring(with: NSRange(location: cursor, length: match.range.location - cursor)))
            result += text.substring(with: match.range)
            cursor = match.range.location + match.range.length
        }
        addRun(text.substring(from: cursor))
        return result
    }

    /// Every `<target>` of an XLIFF file translated.
    static func xliff(_ text: String) -> String {
        replacing(in: text, pattern: "(<target>)(.*?)(</target>)", tagPattern: "<[^>]+>")
    }

    /// Every target-language `<seg>` of OmegaT's pseudo-translation TMX translated.
    static func tmx(_ text: String, language: String) -> String {
        replacing(in: text, pattern: "(<tuv lang=\"\(language)\">\\s*<seg>)(.*?)(</seg>)", tagPattern: "&lt;/?[a-z]+[0-9]+/?&gt;")
    }

    private static func replacing(in text: String, pattern: String, tagPattern: String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let source = text as NSString
        var result = "", cursor = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            result += source.substring(with: match.range(at: 1))
            result += translateRuns(source.substring(with: match.range(at: 2)), tagPattern: tagPattern)
            result += source.substring(with: match.range(at: 3))
            cursor = match.range.location + match.range.length
        }
        return result + source.substring(from: cursor)
    }
}

/// A page with every kind of block and inline markup the translation units know.
enum TranslationFixture {
    static let richPage = """
        ---
        title: Ozone layer
        summary: How the department helps phase out ozone-depleting substances.
        date: 2026-09-16
        slug: ozone
        weight: 3
        tags: [ozone]
        ---
        # Protecting the *ozone* layer

        The **Montreal Protocol** is the ~~only~~ treaty ratified by all members[^1].
        Read the [guide](https://example.org/guide "Official guide") or see `HCFC-22`.\\
        A second line after a hard break, with <abbr>ODS</abbr> and <https://www.unido.org>.

        Setext heading
        --------------

        - First item with **bold**
        - [ ] A task
          1. Nested *ordered* item

        > A quoted paragraph
        > over two lines.

        | Substance | Phase-out |
        |-----------|-----------|
        | CFC-11 \\| CFC-12 | 2010 |
        | `HCFC` | 2030 |

        ![A chiller in a factory](https://example.org/chiller.svg "Replaced chiller")

        ```swift
        let code = "never translated"
        ```

        <div>raw block</div>

        ---

        **Note:** see below.

        [^1]: The Vienna Convention came first.

        """

    static let siteFiles: [String: String] = [
        "content/en/areas/ozone.md": richPage,
        "content/en/about.md": "---\ntitle: About\n---\nWe help *industry* grow cleanly.\n",
    ]
}

/// A French translation made by hand before the exchange existed, of a page whose source has
/// changed since: the hand translation keeps its own line wrapping and emphasis delimiters.
enum HandTranslationFixture {
    static let source = """
        ---
        title: Ozone layer
        summary: How the department helps.
        ---
        # Protecting the ozone layer

        The **Montreal Protocol** is the only treaty
        ratified by every member.

        ## Measures

        - Recover *refrigerants* from old chillers.
        - Train technicians.

        > Phase-out dates are set per country.

        | Substance | Phase-out |
        |-----------|-----------|
        | CFC-11 | 2010 |

        """

    static let translation = """
        ---
        title: Couche d’ozone
        summary: Comment le département aide.
        translatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: CmarkStructure.body(of: source)))}
        ---
        # Protéger la couche d’ozone

        Le __Protocole de Montréal__ est le seul traité
        ratifié par tous les membres.

        ## Mesures

        - Récupérer les _frigorigènes_ des vieux refroidisseurs.
        - Former les techniciens.

        > Les dates d’élimination sont
        > fixées par pays.

        | Substance | Élimination |
        |-----------|-----------|
        | CFC-11 | 2010 |

        """

    /// The source after the translation was made: one list item edited, one paragraph added.
    static let edited = source.replacingOccurrences(of: "- Train technicians.\n", with: "- Train and certify technicians.\n")
        .replacingOccurrences(of: "> Phase-out dates are set per country.\n", with: "> Phase-out dates are set per country.\n\nA new paragraph.\n")

    /// The site with the source and its hand translation committed to git (when `git`), then the
    /// source edited in the working tree.
    static func site(git: Bool, translation: String = translation) throws -> TestSite {
        let site = try TestSite(["content/en/areas/ozone.md": source, "content/fr/areas/ozone.md": translation])
        if git {
            for arguments in [
                ["init", "-q"], ["add", "-A"],
                ["-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "hand translation"],
            ] {
                let run = try ExternalTool.run("git", arguments, in: site.root)
                #expect(run.status == 0, "git \(arguments): \(run.errors)")
            }
        }
        try site.write(edited, to: "content/en/areas/ozone.md")
        return site
    }

    /// The `<source>` of each unit of an XLIFF file that is work (not marked translate="no").
    static func work(_ xliff: String) -> [String] {
        xliff.components(separatedBy: "<trans-unit ").dropFirst().filter { !$0.contains("translate=\"no\"") }.map {
            $0.components(separatedBy: "<source>")[1].components(separatedBy: "</source>")[0]
        }
    }
}
