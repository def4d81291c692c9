import Foundation
import Testing

@testable import HexaglotKit

/// Nothing a value holds reaches beyond it: bidi controls are balanced wherever inline text is
/// written (HTML text and attributes, `<title>`, feeds, JSON-LD), and dates show and feed the
/// day written, also before the Gregorian reform of 1582.
@Suite struct TextHygieneTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("\u{202E}evil", "\u{202E}evil\u{202C}"),
        ("a\u{202B}b\u{2067}c", "a\u{202B}b\u{2067}c\u{2069}\u{202C}"),
        ("x\u{202C}y\u{2069}z", "xyz"),
        ("\u{2068}\u{202E}ab\u{2069}c", "\u{2068}\u{202E}ab\u{2069}c"),
        ("\u{202D}ab\u{202C}\u{202C}", "\u{202D}ab\u{202C}"),
        ("\u{2066}\u{202C}\u{2069}", "\u{2066}\u{2069}"),
    ])
    func bidiControlsAreBalanced(_ written: String, _ balanced: String) {
        #expect(TextHygiene.balancingBidiControls(written) == balanced)
    }

    /// An unterminated RLO in a page title, an RLI in a tag and an RLE in the site's title close
    /// where the value ends: in `<title>` before " · ", in attributes, in the feed and JSON-LD.
    @Test func anUnterminatedOverrideEndsWithItsValue() async throws {
        let site = try TestSite([
            "content/site.yaml": TestSite.siteYAML.replacingOccurrences(of: "en: Test Site", with: "en: \"Test \\u202BSite\""),
            "content/en/index.md": "# Home\n",
            "content/en/news/evil.md":
                "---\ntitle: \"\\u202Eevil\"\ndate: 2026-01-01\ntags: [\"\\u2067tag\"]\nsummary: \"one\\u202Ctwo\"\n---\nText.\n",
        ])
        try await site.build()
        let page = try #require(site.file("en/news/evil/index.html"))
        #expect(page.contains("<title>\u{202E}evil\u{202C} · Test \u{202B}Site\u{202C}</title>"))
        #expect(page.contains("<h1>\u{202E}evil\u{202C}</h1>"))
        #expect(page.contains("<p class=\"summary\">onetwo</p>"))
        #expect(page.contains(">\u{2067}tag\u{2069}</a>"))
        let feed = try #require(site.file("en/atom.xml"))
        #expect(feed.contains("<title>Test \u{202B}Site\u{202C}</title>"))
        #expect(feed.contains("<title>\u{202E}evil\u{202C}</title>"))
        #expect(feed.contains("label=\"\u{2067}tag\u{2069}\""))
        #expect(feed.contains("<summary>onetwo</summary>"))
        let home = try #require(site.file("en/index.html"))
        #expect(home.contains("\"name\":\"Test \u{202B}Site\u{202C}\""))
        #expect(!home.contains("\u{202B}Site<") && !home.contains("\u{202B}Site\""))
    }

    /// The project's theme isolates tag names, which authors write in any script: `C++` on an
    /// Arabic page keeps its pluses on the right, an Arabic tag on an English page keeps its page
    /// count after it. `<title>` cannot hold `<bdi>`, so there the name is as written.
    @Test func theThemeIsolatesTagNames() async throws {
        let site = try TestSite(
            [
                "content/en/index.md": "# Home\n",
                "content/en/news/a.md": "---\ntitle: A\ntags: [\"بيئة\"]\n---\nText.\n",
                "content/ar/index.md": "# الرئيسية\n",
                "content/ar/news/b.md": "---\ntitle: ب\ntags: [C++]\n---\nنص.\n",
            ], theme: PageUpdateTests.projectTheme)
        try await site.build()
        let page = try #require(site.file("ar/news/b/index.html"))
        #expect(page.contains("rel=\"tag\"><bdi>C++</bdi></a>"))
        let tags = try #require(site.file("en/tags/index.html"))
        #expect(tags.contains("rel=\"tag\"><bdi>بيئة</bdi> <span class=\"count\">"))
        let tag = try #require(site.file("ar/tags/c-plus-plus/index.html"))
        #expect(tag.contains("<h1><bdi>C++</bdi></h1>"))
        #expect(tag.contains("<title>C++ · "))
        // Listed on the tag page's cards too.
        #expect(tag.contains("rel=\"tag\"><bdi>C++</bdi></a>"))
    }

    /// JSON-LD escapes every control JSON could carry raw, not only those JSON must escape.
    @Test func jsonForScriptEscapesControls() {
        #expect(XMLEscaping.jsonForScript(["a": "x\u{0}\u{1F}\u{7F}\u{85}\u{9F}y"]) == #"{"a":"x\u0000\u001f\u007f\u0085\u009fy"}"#)
    }

    /// The JSON-LD writer gives what Foundation's JSONSerialization gives (sorted keys, slashes as
    /// they are), then the script-safe escapes, for every control, quote, slash and some scripts.
    @Test func jsonForScriptIsJSONSerializationsJSONMadeScriptSafe() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let texts = [controls, "\"quoted\" \\ back/slash", "<b>&amp;</b>", "العربية\u{2028}中文\u{2029}", "\u{7F}\u{80}\u{9F}\u{A0}é", ""]
        let value: ScriptJSON = ["z": .array(texts.map(ScriptJSON.string)), "a": ["nested": "x", "@type": "Organization"], "m": "one"]
        let plain: [String: Any] = ["z": texts, "a": ["nested": "x", "@type": "Organization"], "m": "one"]
        let data = try JSONSerialization.data(withJSONObject: plain, options: [.sortedKeys, .withoutEscapingSlashes])
        var expected = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{7F}"..."\u{9F}":
                let hex = String(scalar.value, radix: 16)
                expected += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: expected.unicodeScalars.append(scalar)
            }
        }
        #expect(XMLEscaping.jsonForScript(value) == expected)
    }

    /// A date shows, in every language, and feeds the day that was written, in the proleptic
    /// Gregorian calendar: before 1582, in the ten days the reform skipped, before 1000, year 1.
    @Test func datesAreProlepticGregorianEverywhere() async throws {
        let days = ["0001-01-01", "0800-06-15", "1500-03-01", "1582-10-10", "1582-10-15", "2026-11-20"]
        var files = [
            "content/site.yaml": """
            title: {en: T, fr: T, ar: T, zh: T, ru: T, es: T}
            baseURL: https://example.org/
            defaultLanguage: en
            languages:
              - {code: en, name: English}
              - {code: zh, name: 中文, locale: zh-Hans}
              - {code: ar, name: العربية, dir: rtl}
              - {code: fr, name: Français}
              - {code: ru, name: Русский}
              - {code: es, name: Español}

            """
        ]
        for language in ["en", "zh", "ar", "fr", "ru", "es"] {
            files["content/\(language)/index.md"] = "# \(language)\n"
            for day in days { files["content/\(language)/news/d\(day).md"] = "---\ntitle: D\(day)\ndate: \(day)\n---\nText.\n" }
        }
        let site = try TestSite(files)
        try await site.build()
        let shown: [String: [String]] = [
            "en": ["January 1, 1", "June 15, 800", "March 1, 1500", "October 10, 1582", "October 15, 1582", "November 20, 2026"],
            "zh": ["1年1月1日", "800年6月15日", "1500年3月1日", "1582年10月10日", "1582年10月15日", "2026年11月20日"],
            "ar": ["1 يناير، 1", "15 يونيو، 800", "1 مارس، 1500", "10 أكتوبر، 1582", "15 أكتوبر، 1582", "20 نوفمبر، 2026"],
            "fr": ["1 janvier 1", "15 juin 800", "1 mars 1500", "10 octobre 1582", "15 octobre 1582", "20 novembre 2026"],
            // CLDR puts a narrow no-break space before "г.".
            "ru": [
                "1 января 1\u{202F}г.", "15 июня 800\u{202F}г.", "1 марта 1500\u{202F}г.", "10 октября 1582\u{202F}г.",
                "15 октября 1582\u{202F}г.", "20 ноября 2026\u{202F}г.",
            ],
            "es": [
                "1 de enero de 1", "15 de junio de 800", "1 de marzo de 1500", "10 de octubre de 1582", "15 de octubre de 1582",
                "20 de noviembre de 2026",
            ],
        ]
        for (language, texts) in shown {
            for (day, text) in zip(days, texts) {
                let page = try #require(site.file("\(language)/news/d\(day)/index.html"), "\(language) \(day)")
                #expect(page.contains("<time datetime=\"\(day)\">\(text)</time>"), "\(language) \(day)")
            }
            let feed = try #require(site.file("\(language)/atom.xml"))
            for day in days { #expect(feed.contains("<published>\(day)T00:00:00Z</published>"), "\(language) \(day)") }
            #expect(feed.contains("<updated>2026-11-20T00:00:00Z</updated>\n  <author>"), "\(language)")
            // Newest first, by the written day.
            let order = days.reversed().compactMap { feed.range(of: "<title>D\($0)</title>")?.lowerBound }
            #expect(order.count == days.count && order == order.sorted(), "\(language)")
        }
        let sitemap = try #require(site.file("sitemap.xml"))
        for day in days {
            #expect(sitemap.contains("<loc>https://example.org/fr/news/d\(day)/</loc>\n    <lastmod>\(day)</lastmod>"), "\(day)")
        }
    }

    @Test func yearZeroIsNotADate() {
        #expect(PageDate(parsing: "0000-01-01") == nil)
        #expect(PageDate(parsing: "0001-01-01")?.day == "0001-01-01")
        #expect(PageDate.timestampUTC(PageDate(parsing: "1500-03-01T23:30:00-02:00")!.instant) == "1500-03-02T01:30:00Z")
        for days in [-719_162, -171_605, -1, 0, 20_777, 2_932_896] {
            let (year, month, day) = PageDate.civilFromDays(days)
            #expect(PageDate.daysFromCivil(year: year, month: month, day: day) == days)
        }
    }
}
