import Foundation
import Testing

@testable import HexaglotKit

/// Translation status and scaffolding (`hexaglot status`, `hexaglot new`): `swift test --filter StatusTests`.
@Suite struct StatusTests {}

extension StatusTests {
    /// SHA-256 against FIPS 180-4's examples and `sha256sum` at the padding boundaries.
    @Suite struct SHA256Tests {
        @Test func knownVectors() {
            #expect(SHA256.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(
                SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                    == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
            #expect(SHA256.hexDigest("消除持久性有机污染物\n") == "aac7d93f40528bd3de6353a099e793c7376ddd90bc1451be73f4386d3c27dbc4")
        }

        @Test(arguments: [
            (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
            (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        ])
        func paddingBoundaries(length: Int, expected: String) {
            #expect(SHA256.hexDigest(String(repeating: "a", count: length)) == expected)
        }

        @Test func oneMillionAs() {
            #expect(
                SHA256.hexDigest(String(repeating: "a", count: 1_000_000))
                    == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }
    }
}

extension StatusTests {
    /// The `translatedFrom` field and the body hash it records.
    @Suite struct TranslationRecordTests {
        static let hashOfA = TranslationRecord.hash(ofBody: "Body A\n")

        func frontMatter(_ yaml: String) throws -> (FrontMatter, [String]) {
            let root = try YAMLReader(file: "content/fr/a.md", lineOffset: 1).read(yaml)
            let (matter, problems) = FrontMatter.read(root, file: "content/fr/a.md")
            return (matter, problems.map(\.description))
        }

        @Test func hashIsOfTheBodyWithLineEndingsNormalised() {
            #expect(Self.hashOfA == SHA256.hexDigest("Body A\n"))
            #expect(TranslationRecord.hash(ofBody: "Body A\r\n") == Self.hashOfA)
            #expect(TranslationRecord.hash(ofBody: "Body A\r") == Self.hashOfA)
            #expect(TranslationRecord.hash(ofBody: "Body A") != Self.hashOfA, "every change counts, even a final newline")
        }

        @Test func hashIsStableAcrossFrontMatterEditsBOMAndCRLF() throws {
            let site = try TestSite([
                "content/en/a.md": "---\ntitle: A\n---\nBody A\n",
                "content/fr/a.md": "\u{FEFF}---\r\ntitle: Un autre titre\r\ntags: [x]\r\n---\r\nBody A\r\n",
            ])
            let (site2, _) = try SiteBuilder(options: site.options).loadSite()
            let bodies = site2.pages.filter { $0.sourcePath?.hasSuffix("/a.md") == true }.map { TranslationRecord.hash(ofBody: $0.body) }
            #expect(bodies == [Self.hashOfA, Self.hashOfA])
        }

        @Test func recordIsATypedFieldNotATemplateParameter() throws {
            let (matter, problems) = try frontMatter("title: A\ntranslatedFrom: {language: en, hash: \(Self.hashOfA.uppercased())}\nhero: x.jpg\n")
            #expect(problems.isEmpty)
            #expect(matter.translatedFrom?.language == "en")
            #expect(matter.translatedFrom?.hash == Self.hashOfA)
            #expect(matter.translatedFrom?.languageLocation == SourceLocation(file: "content/fr/a.md", line: 3, column: 28))
            #expect(matter.params.map(\.key) == ["hero"])
        }

        @Test func blockStyleAndEmptyValuesAreAccepted() throws {
            let (block, problems) = try frontMatter("translatedFrom:\n  language: en\n  hash: \(Self.hashOfA)\n")
            #expect(problems.isEmpty)
            #expect(block.translatedFrom?.hash == Self.hashOfA)
            let (empty, none) = try frontMatter("translatedFrom:\n")
            #expect(none.isEmpty)
            #expect(empty.translatedFrom == nil)
        }

        @Test func badRecordsAreReportedWhereTheyAreWritten() throws {
            #expect(
                try frontMatter("translatedFrom: en\n").1 == [
                    "content/fr/a.md:2:17: error: 'translatedFrom' must be a mapping such as {language: zh, hash: <64 hexadecimal digits>}, got 'en'"
                ])
            #expect(
                try frontMatter("translatedFrom: {language: en, hash: abc123}\n").1 == [
                    "content/fr/a.md:2:38: error: 'translatedFrom.hash' must be 64 hexadecimal digits (the SHA-256 of the source page's body), got 'abc123'"
                ])
            #expect(
                try frontMatter("translatedFrom:\n  hash: \(Self.hashOfA)\n  from: en\n").1.sorted() == [
                    "content/fr/a.md:2:1: error: 'translatedFrom' needs language (write {language: <code>, hash: <64 hexadecimal digits>})",
                    "content/fr/a.md:4:3: error: 'translatedFrom' has no field 'from' (only language and hash)",
                ])
            #expect(
                try frontMatter("translatedFrom: {language: [en], hash: \(Self.hashOfA)}\n").1 == [
                    "content/fr/a.md:2:28: error: 'translatedFrom.language' must be a language code such as zh, got a list"
                ])
        }

        @Test func aBadRecordFailsTheBuildLikeAnyBadField() async throws {
            let site = try TestSite(["content/en/a.md": "A\n", "content/fr/a.md": "---\ntranslatedFrom: {language: en, hash: 12}\n---\nA\n"])
            #expect(
                await site.errors() == [
                    "content/fr/a.md:2:38: error: 'translatedFrom.hash' must be 64 hexadecimal digits (the SHA-256 of the source page's body), got '12'"
                ])
        }
    }
}

/// A small site with every state: English is the source, French and Arabic translate it.
enum StatusFixture {
    static func record(_ language: String, _ body: String) -> String {
        "translatedFrom: {language: \(language), hash: \(TranslationRecord.hash(ofBody: body))}"
    }

    static var files: [String: String] {
        [
            "content/en/a.md": "---\ntitle: Alpha\n---\nBody A\n",
            "content/en/b.md": "---\ntitle: Beta\n---\nBody B, edited\n",
            "content/en/c.md": "---\ntitle: Gamma\n---\nBody C\n",
            "content/en/news/d.md": "---\ntitle: Delta\n---\nBody D\n",
            // French: current, outdated (B changed), current, outdated.
            "content/fr/a.md": "---\ntitle: Alpha\n\(record("en", "Body A\n"))\n---\nCorps A\n",
            "content/fr/b.md": "---\n\(record("en", "Body B\n"))\n---\nCorps B\n",
            "content/fr/c.md": "---\n\(record("en", "Body C\n"))\n---\nCorps C\n",
            "content/fr/news/d.md": "---\n\(record("en", "Old body D\n"))\n---\nCorps D\n",
            "content/fr/extra.md": "An orphan.\n",
            // Arabic: untracked, missing, current through French, outdated through French.
            "content/ar/a.md": "نص أ\n",
            "content/ar/c.md": "---\n\(record("fr", "Corps C\n"))\n---\nنص ج\n",
            "content/ar/news/d.md": "---\n\(record("fr", "Corps D\n"))\n---\nنص د\n",
        ]
    }

    static func status(_ extra: [String: String] = [:]) throws -> (TranslationStatus, [Diagnostic], TestSite) {
        let site = try TestSite(files.merging(extra) { _, new in new })
        let (status, warnings) = try TranslationStatus.read(siteFolder: site.root)
        return (status, warnings, site)
    }
}

extension StatusTests {
    /// States, coverage and the three reports of the fixture site.
    @Suite struct TranslationStatusTests {
        func states(_ status: TranslationStatus, _ code: String) -> [String] {
            status.rows.map { $0.path + " " + ($0.cells[code]?.state.rawValue ?? "-") }
        }

        @Test func everyStateIsWorkedOut() throws {
            let (status, warnings, _) = try StatusFixture.status()
            #expect(warnings.isEmpty)
            #expect(status.rows.map(\.path) == ["a.md", "b.md", "c.md", "news/d.md"])
            #expect(states(status, "en") == ["a.md source", "b.md source", "c.md source", "news/d.md source"])
            #expect(states(status, "fr") == ["a.md current", "b.md outdated", "c.md current", "news/d.md outdated"])
            #expect(states(status, "ar") == ["a.md untracked", "b.md missing", "c.md current", "news/d.md outdated"])
            #expect(status.rows[1].cells["fr"]?.note == "content/en/b.md changed since it was translated")
            #expect(status.rows[3].cells["ar"]?.note == "translated from fr, which is outdated")
            #expect(status.orphans.map(\.file) == ["content/fr/extra.md"])
        }

        @Test func coverageCountsCurrentTranslationsAgainstTheSourcePages() throws {
            let (status, _, _) = try StatusFixture.status()
            let french = status.coverage(of: status.languages[1])
            #expect((french.total, french.current, french.outdated, french.untracked, french.missing) == (4, 2, 2, 0, 0))
            #expect(french.percent == 50)
            let arabic = status.coverage(of: status.languages[2])
            #expect((arabic.total, arabic.current, arabic.outdated, arabic.untracked, arabic.missing) == (4, 1, 1, 1, 1))
            #expect(arabic.percent == 25)
            #expect(!french.isBelow(50) && french.isBelow(50.1) && arabic.isBelow(26))
            let third = TranslationStatus.Coverage(language: status.languages[1], total: 3, current: 2, outdated: 0, untracked: 0, missing: 1)
            #expect(third.percent == 66.6 && third.percentText == "66.6%", "rounded down, never up to a gate's value")
            #expect(third.isBelow(66.67) && !third.isBelow(66.66))
            let nothing = TranslationStatus.Coverage(language: status.languages[1], total: 0, current: 0, outdated: 0, untracked: 0, missing: 0)
            #expect(nothing.percent == 100 && !nothing.isBelow(100))
        }

        @Test func recordsNamingNoUsableLanguageAreUntrackedWithAWarning() throws {
            let (status, warnings, _) = try StatusFixture.status([
                "content/ar/a.md": "---\n\(StatusFixture.record("xx", "Body A\n"))\n---\nنص أ\n",
                "content/ar/b.md": "---\n\(StatusFixture.record("ar", "Body B, edited\n"))\n---\nنص ب\n",
            ])
            #expect(states(status, "ar").prefix(2) == ["a.md untracked", "b.md untracked"])
            #expect(
                warnings.map(\.description) == [
                    "content/ar/a.md:2:28: warning: translatedFrom names language 'xx', which is not one of the site's languages (en, fr, ar); this translation cannot be checked",
                    "content/ar/b.md:2:28: warning: translatedFrom names this page's own language 'ar'; name the language it was translated from",
                ])
        }

        @Test func contentErrorsStopTheStatusLikeABuild() throws {
            let site = try TestSite(["content/en/a.md": "---\ndraft: maybe\n---\nA\n"])
            #expect(throws: BuildFailure.self) { try TranslationStatus.read(siteFolder: site.root) }
        }

        @Test func futurePagesCountDraftsDoNot() throws {
            let (status, _, _) = try StatusFixture.status([
                "content/en/later.md": "---\ndate: 2999-01-01\n---\nLater\n",
                "content/en/wip.md": "---\ndraft: true\n---\nWIP\n",
            ])
            #expect(status.rows.map(\.path).contains("later.md"))
            #expect(!status.rows.map(\.path).contains("wip.md"))
        }

        @Test func textTableShowsSymbolsAndCoverage() throws {
            let (status, _, _) = try StatusFixture.status()
            let text = StatusTextReport(status: status).text
            #expect(
                text.contains(
                    """
                    page       en     fr     ar
                    a.md       src    ✓      ?
                    b.md       src    !      ✗
                    c.md       src    ✓      ✓
                    news/d.md  src    !      !
                    coverage          50%    25%
                    """))
            #expect(text.contains("fr     50%     2 of 4 current, 2 outdated"))
            #expect(text.contains("  content/fr/b.md: content/en/b.md changed since it was translated"))
            #expect(text.contains("  content/fr/extra.md"))
            #expect(!text.contains("\u{1B}["))
            #expect(StatusTextReport(status: status, usesColour: true).text.contains("\u{1B}[32m✓\u{1B}[0m"))
        }

        @Test func jsonFollowsTheDocumentedSchema() throws {
            let (status, _, _) = try StatusFixture.status()
            let text = StatusJSONReport(status: status).text
            #expect(text == StatusJSONReport(status: try StatusFixture.status().0).text, "stable")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(Set(json.keys) == ["schemaVersion", "site", "defaultLanguage", "languages", "coverage", "pages", "orphans"])
            #expect(json["schemaVersion"] as? Int == 1)
            #expect(json["defaultLanguage"] as? String == "en")
            let languages = try #require(json["languages"] as? [[String: Any]])
            #expect(languages.map { $0["code"] as? String } == ["en", "fr", "ar"])
            #expect(languages[2]["dir"] as? String == "rtl" && languages[0]["isDefault"] as? Bool == true)
            let coverage = try #require(json["coverage"] as? [String: [String: Any]])
            #expect(Set(coverage.keys) == ["fr", "ar"])
            #expect(
                coverage["ar"]?.mapValues { "\($0)" } == [
                    "total": "4", "current": "1", "outdated": "1", "untracked": "1",
                    "missing": "1", "percent": "25",
                ])
            let pages = try #require(json["pages"] as? [[String: Any]])
            #expect(pages.count == 4)
            #expect(Set(pages[1].keys) == ["translationKey", "source", "title", "hash", "translations"])
            #expect(pages[1]["source"] as? String == "content/en/b.md" && pages[1]["translationKey"] as? String == "b")
            #expect(pages[1]["hash"] as? String == TranslationRecord.hash(ofBody: "Body B, edited\n"))
            let translations = try #require(pages[1]["translations"] as? [String: [String: Any]])
            #expect(translations["en"]?["state"] as? String == "source")
            #expect(translations["ar"]?.keys.sorted() == ["state"] && translations["ar"]?["state"] as? String == "missing")
            #expect(translations["fr"]?["state"] as? String == "outdated" && translations["fr"]?["file"] as? String == "content/fr/b.md")
            #expect(
                translations["fr"]?["translatedFrom"] as? [String: String]
                    == ["language": "en", "hash": TranslationRecord.hash(ofBody: "Body B\n")])
            let orphans = try #require(json["orphans"] as? [[String: String]])
            #expect(orphans == [["translationKey": "extra", "language": "fr", "file": "content/fr/extra.md"]])
        }

        @Test func htmlPageHasTheMatrixAndBarsAndNeedsNoNetwork() throws {
            let (status, _, _) = try StatusFixture.status()
            let html = StatusHTMLReport(status: status).html
            #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\" dir=\"ltr\">"))
            #expect(html.contains("<style>") && !html.contains("<script") && !html.contains("<link"))
            #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
            // Coverage bars: one segment per state present, with the figures in text beside them.
            #expect(
                html.contains(
                    "<div class=\"bar\" role=\"img\" aria-label=\"25% current: 1 of 4; 1 outdated, 1 untracked, 1 missing\"><span class=\"current\" style=\"width:25%\"></span><span class=\"outdated\" style=\"width:25%\"></span><span class=\"untracked\" style=\"width:25%\"></span><span class=\"missing\" style=\"width:25%\"></span></div> <strong>25%</strong>"
                ))
            // The matrix: header cells with scopes, language names marked with their language and direction.
            #expect(html.contains("<table class=\"matrix\">"))
            #expect(html.contains("<th scope=\"col\"><span lang=\"ar\" dir=\"rtl\">العربية</span> <code>ar</code></th>"))
            #expect(
                html.contains(
                    "<th scope=\"row\"><span lang=\"en\" dir=\"ltr\">Beta</span><br><code>b.md</code></th><td class=\"source\" title=\"content/en/b.md\">source</td><td class=\"outdated\" title=\"content/fr/b.md: content/en/b.md changed since it was translated\"><span aria-hidden=\"true\">!</span> outdated</td><td class=\"missing\"><span aria-hidden=\"true\">✗</span> missing</td></tr>"
                ))
            #expect(html.contains("<code>content/fr/extra.md</code>"))
        }

        @Test func htmlEscapesWhatContentSays() throws {
            let (status, _, _) = try StatusFixture.status(["content/en/a.md": "---\ntitle: \"<script>alert(1)</script>\"\n---\nBody A\n"])
            let html = StatusHTMLReport(status: status).html
            #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }

        @Test func gatesFailOnLowCoverageAndOutdatedPages() throws {
            let (status, _, _) = try StatusFixture.status()
            #expect(StatusGates(minimumCoverage: 25).failures(in: status).isEmpty)
            #expect(StatusGates(minimumCoverage: 50).failures(in: status) == ["ar: coverage 25% (1 of 4 pages current) is under 50%"])
            #expect(
                StatusGates(languagesWithoutOutdated: ["fr"]).failures(in: status)
                    == ["fr: 2 outdated pages: content/fr/b.md, content/fr/news/d.md"])
            #expect(
                StatusGates(languagesWithoutOutdated: ["xx"]).problem(for: status)
                    == "--fail-on-outdated: 'xx' is not one of the site's languages (en, fr, ar)")
            #expect(StatusGates(languagesWithoutOutdated: ["en"]).problem(for: status) != nil)
            #expect(StatusGates(minimumCoverage: 101).problem(for: status) != nil)
        }
    }
}

extension StatusTests {
    /// `hexaglot new page` and `new translation`, through the library.
    @Suite struct ScaffoldTests {
        static let november29 = ISO8601DateFormatter().date(from: "2026-11-29T23:30:00Z")!

        func read(_ site: TestSite, _ path: String) -> String? {
            FileManager.default.contents(atPath: site.root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
        }

        @Test func newPageHasATitleAndTodaysDate() throws {
            let site = try TestSite([:])
            let scaffolder = PageScaffolder(siteFolder: site.root, now: Self.november29)
            #expect(try scaffolder.createPage("fr/areas/ozone-layer", title: nil) == "content/fr/areas/ozone-layer.md")
            #expect(read(site, "content/fr/areas/ozone-layer.md") == "---\ntitle: Ozone layer\ndate: 2026-11-29\n---\n\n")
            #expect(try scaffolder.createPage("content/ar/news/visit.md", title: "زيارة: مصنع") == "content/ar/news/visit.md")
            #expect(read(site, "content/ar/news/visit.md") == "---\ntitle: \"زيارة: مصنع\"\ndate: 2026-11-29\n---\n\n")
        }

        @Test(arguments: ["2026", "yes", "true", "Note: x", "#tag", "- item", "a \"quoted\" \\ title", "  padded ", "null", "[x]", "line\nbreak"])
        func titlesReadBackAsWritten(title: String) throws {
            let yaml = "title: \(YAMLScalar.text(title))\n"
            let (matter, problems) = FrontMatter.read(try YAMLReader(file: "f.md").read(yaml), file: "f.md")
            #expect(problems.isEmpty)
            #expect(matter.title == title)
        }

        @Test func neverOverwritesAFile() throws {
            let site = try TestSite(["content/fr/a.md": "Mine\n"])
            let scaffolder = PageScaffolder(siteFolder: site.root)
            #expect {
                try scaffolder.createPage("fr/a", title: "A")
            } throws: { error in
                guard case .content(let problems) = error as? ScaffoldError else { return false }
                return problems.map(\.description) == [
                    "content/fr/a.md:1:1: error: content/fr/a.md already exists; it was left as it is (remove it or choose another path)"
                ]
            }
            #expect(read(site, "content/fr/a.md") == "Mine\n")
        }

        @Test(arguments: ["../a", "fr/../../a", "/etc/a", "fr//a", "fr/.hidden", "fr/a%20b", "fr", "", "fr\\a", "~/a"])
        func unsafePathsAreUsageErrors(argument: String) throws {
            let site = try TestSite([:])
            #expect {
                try PageScaffolder(siteFolder: site.root).createPage(argument, title: nil)
            } throws: { error in
                if case .usage = error as? ScaffoldError { return true }
                return false
            }
        }

        /// A page the next build would refuse for its address is refused now, with the way out.
        @Test func pagesAtASectionsOrTheTagListsAddressAreRefused() throws {
            let site = try TestSite(["content/site.yaml": TestSite.siteYAML + "search: true\n", "content/en/news/a.md": "# A\n"])
            let scaffolder = PageScaffolder(siteFolder: site.root)
            let expected = [
                "en/news":
                    "en/news is a section (content/en/news/), published at the same address: add a page inside it (en/news/<name>), or give the section its own text in en/news/_index.md",
                "en/news.md":
                    "en/news is a section (content/en/news/), published at the same address: add a page inside it (en/news/<name>), or give the section its own text in en/news/_index.md",
                "en/tags": "en/tags would be published under /en/tags/, where the build writes the tag list and tag pages: choose another path",
                "en/search/help": "en/search/help would be published under /en/search/, where the build writes the search page: choose another path",
            ]
            for (argument, message) in expected {
                #expect {
                    try scaffolder.createPage(argument, title: nil)
                } throws: { error in
                    guard case .usage(let given) = error as? ScaffoldError else { return false }
                    return given == message
                }
            }
            #expect(try scaffolder.createPage("en/news/b", title: nil) == "content/en/news/b.md")
            #expect(try scaffolder.createPage("en/news/_index", title: "News") == "content/en/news/_index.md")
        }

        @Test func unknownLanguagesAreUsageErrors() throws {
            let site = try TestSite(["content/en/a.md": "A\n"])
            let scaffolder = PageScaffolder(siteFolder: site.root)
            for attempt in [
                { try scaffolder.createPage("de/a", title: nil) }, { try scaffolder.createTranslation(of: "en/a", into: "de") },
                { try scaffolder.createTranslation(of: "en/a", into: "en") },
            ] {
                #expect {
                    _ = try attempt()
                } throws: { error in
                    if case .usage = error as? ScaffoldError { return true }
                    return false
                }
            }
        }

        @Test func translationKeepsFrontMatterAndRecordsTheSourceBody() throws {
            let source =
                "---\ntitle: Ozone   # translate me\ndate: 2026-09-16\ntags: [ozone, montreal-protocol]\nsummary: Why the ozone layer matters.\n---\n# Ozone\n\nBody text.\n"
            let site = try TestSite(["content/en/areas/ozone.md": source])
            let created = try PageScaffolder(siteFolder: site.root).createTranslation(of: "en/areas/ozone", into: "fr")
            #expect(created == "content/fr/areas/ozone.md")
            #expect(
                read(site, created) == """
                    ---
                    title: Ozone   # translate me
                    date: 2026-09-16
                    tags: [ozone, montreal-protocol]
                    summary: Why the ozone layer matters.
                    translatedFrom: {language: en, hash: \(TranslationRecord.hash(ofBody: "# Ozone\n\nBody text.\n"))}
                    ---
                    # Ozone

                    Body text.

                    """)
        }

        @Test func translationOfATranslationReplacesItsRecord() throws {
            let site = try TestSite(StatusFixture.files)
            try site.remove("content/ar/c.md")
            let created = try PageScaffolder(siteFolder: site.root).createTranslation(of: "fr/c.md", into: "ar")
            let text = try #require(read(site, created))
            #expect(text == "---\n\(StatusFixture.record("fr", "Corps C\n"))\n---\nCorps C\n")
            // Without front matter, and a page bundle named by its folder.
            try site.write("Plain text\n", to: "content/en/news/visit/index.md")
            #expect(try PageScaffolder(siteFolder: site.root).createTranslation(of: "en/news/visit", into: "fr") == "content/fr/news/visit/index.md")
            #expect(read(site, "content/fr/news/visit/index.md") == "---\n\(StatusFixture.record("en", "Plain text\n"))\n---\nPlain text\n")
        }

        @Test func missingOrBrokenSourcesAreContentErrors() throws {
            let site = try TestSite(["content/en/bad.md": "---\ntitle: [\n---\nx\n", "content/en/flow.md": "---\n{title: A}\n---\nx\n"])
            let scaffolder = PageScaffolder(siteFolder: site.root)
            for argument in ["en/nope", "en/bad", "en/flow"] {
                #expect {
                    try scaffolder.createTranslation(of: argument, into: "fr")
                } throws: { error in
                    if case .content = error as? ScaffoldError { return true }
                    return false
                }
            }
            #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/fr").path))
        }

        @Test func newTranslationIsCurrentUntilTheSourceBodyChanges() throws {
            let site = try TestSite(["content/en/a.md": "---\ntitle: A\n---\nBody A\n"])
            _ = try PageScaffolder(siteFolder: site.root).createTranslation(of: "en/a", into: "fr")
            func french() throws -> TranslationState? {
                try TranslationStatus.read(siteFolder: site.root).0.rows.first?.cells["fr"]?.state
            }
            #expect(try french() == .current)
            try site.write("---\ntitle: A, retitled\ntags: [x]\n---\nBody A\n", to: "content/en/a.md")
            #expect(try french() == .current, "front matter edits do not outdate translations")
            try site.write("---\ntitle: A\n---\nBody A, edited\n", to: "content/en/a.md")
            #expect(try french() == .outdated)
        }
    }
}

extension StatusTests {
    /// The commands as CI runs them: output, files and exit statuses.
    @Suite struct StatusCommandLineTests {
        func run(_ arguments: [String], in folder: URL) throws -> CommandLineTests.Run {
            try CommandLineTests().run(arguments, in: folder, environment: ["NO_COLOR": "1"])
        }

        @Test func gatesDecideTheExitStatus() throws {
            let site = try TestSite(StatusFixture.files)
            let plain = try run(["status"], in: site.root)
            #expect(plain.status == 0)
            #expect(plain.output.contains("coverage          50%    25%\n"))
            #expect(try run(["status", "--fail-under", "25"], in: site.root).status == 0)
            let low = try run(["status", "--fail-under", "80", "--source", site.root.path], in: FileManager.default.temporaryDirectory)
            #expect(low.status == 1)
            #expect(
                low.errors
                    == "Error: translation status check failed\n  fr: coverage 50% (2 of 4 pages current) is under 80%\n  ar: coverage 25% (1 of 4 pages current) is under 80%\n"
            )
            let outdated = try run(["status", "--fail-on-outdated", "fr,ar"], in: site.root)
            #expect(outdated.status == 1)
            #expect(
                outdated.errors.contains("  fr: 2 outdated pages: content/fr/b.md, content/fr/news/d.md\n  ar: 1 outdated page: content/ar/news/d.md")
            )
            #expect(try run(["status", "--fail-on-outdated", "fr", "--fail-on-outdated", "ar"], in: site.root).status == 1)
            // Translators catch up with English; Arabic, translated from French, is current again with it.
            try site.write("---\n\(StatusFixture.record("en", "Body B, edited\n"))\n---\nCorps B\n", to: "content/fr/b.md")
            try site.write("---\n\(StatusFixture.record("en", "Body D\n"))\n---\nCorps D\n", to: "content/fr/news/d.md")
            #expect(try run(["status", "--fail-on-outdated", "fr,ar"], in: site.root).status == 0)
        }

        @Test func usageErrorsAndContentErrorsHaveTheirOwnStatus() throws {
            let site = try TestSite(StatusFixture.files)
            #expect(try run(["status", "--fail-on-outdated", "de"], in: site.root).status == 2)
            #expect(try run(["status", "--fail-under", "120"], in: site.root).status == 2)
            #expect(try run(["status", "--format", "pdf"], in: site.root).status == 2)
            try site.write("---\ndraft: maybe\n---\n", to: "content/en/e.md")
            let broken = try run(["status"], in: site.root)
            #expect(broken.status == 1)
            #expect(broken.errors.hasPrefix("content/en/e.md:2:8: error: 'draft' must be true or false, got 'maybe'"))
        }

        @Test func jsonAndHTMLGoWhereTheyAreSent() throws {
            let site = try TestSite(StatusFixture.files)
            let json = try run(["status", "--format", "json"], in: site.root)
            #expect(json.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
            #expect(object?["schemaVersion"] as? Int == 1)

            let html = try run(["status", "--format", "html", "--fail-under", "90"], in: site.root)
            #expect(html.status == 1, "the page is written, then the gate fails")
            #expect(html.output == "wrote translation-status.html\n")
            let page = try #require(FileManager.default.contents(atPath: site.root.appendingPathComponent("translation-status.html").path))
            #expect(String(decoding: page, as: UTF8.self).contains("<table class=\"matrix\">"))

            let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString).json")
            #expect(try run(["status", "--format", "json", "--output", elsewhere.path], in: site.root).status == 0)
            #expect(FileManager.default.contents(atPath: elsewhere.path).map { String(decoding: $0, as: UTF8.self) } == json.output)
            #expect(try run(["status", "--format", "html", "--output", "-"], in: site.root).output.hasPrefix("<!doctype html>"))
        }

        @Test func newCommandsPrintTheCreatedFileAndRefuseToOverwrite() throws {
            let site = try TestSite(["content/en/a.md": "---\ntitle: A\n---\nBody A\n"])
            let page = try run(["new", "page", "fr/areas/pops", "--title", "POPs"], in: site.root)
            #expect(page.status == 0)
            #expect(page.output == "content/fr/areas/pops.md\n")
            let again = try run(["new", "page", "fr/areas/pops.md", "--source", site.root.path], in: FileManager.default.temporaryDirectory)
            #expect(again.status == 1)
            #expect(again.errors.hasPrefix("content/fr/areas/pops.md:1:1: error: content/fr/areas/pops.md already exists"))

            let translation = try run(["new", "translation", "en/a", "--to", "ar"], in: site.root)
            #expect(translation.status == 0)
            #expect(translation.output == "content/ar/a.md\n")
            #expect(try run(["new", "translation", "en/a", "--to", "ar"], in: site.root).status == 1)
            #expect(try run(["new", "translation", "en/a", "--to", "de"], in: site.root).status == 2)
            #expect(try run(["new", "translation", "en/a"], in: site.root).status == 2)
            #expect(try run(["new", "page", "../outside"], in: site.root).status == 2)
            #expect(try run(["new", "page", "/tmp/outside"], in: site.root).status == 2)

            let status = try run(["status", "--format", "json"], in: site.root)
            let object = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
            let coverage = object?["coverage"] as? [String: [String: Any]]
            #expect(coverage?["ar"]?["current"] as? Int == 1)
            #expect(coverage?["fr"]?["current"] as? Int == 0 && coverage?["fr"]?["missing"] as? Int == 1)
        }
    }
}
