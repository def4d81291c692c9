import Foundation
import Testing

@testable import HexaglotKit

/// Small sites built with a search page, their index read back by the published script under
/// Node, as the browser reads it (Support/SearchScriptRunner.swift).
@Suite struct SearchIndexTests {
    static let siteYAML = """
        title: {en: Test Site, zh: 测试网站, ar: موقع تجريبي, fr: Site de test}
        baseURL: https://example.org/
        defaultLanguage: en
        languages:
          - {code: en, name: English}
          - {code: zh, name: 中文, locale: zh-Hans}
          - {code: ar, name: العربية, dir: rtl}
          - {code: fr, name: Français}
        fallbackPages: true
        search: true

        """

    static var theme: [String: String] {
        var theme = TestSite.minimalTheme
        theme["search.mustache"] = """
            {{<base}}{{$main}}<h1>{{page.title}}</h1><div data-search-index="{{search.index}}"></div>
            <script src="{{search.scriptURL}}" defer></script>{{/main}}{{/base}}

            """
        return theme
    }

    static let pages: [String: String] = [
        "content/site.yaml": siteYAML,
        "content/en/areas/ozone.md": """
        ---
        title: Ozone layer
        tags: [montreal-protocol]
        ---
        Industry replaces ozone-depleting substances under the Montreal Protocol.

        ## Cleaner refrigeration

        Technicians learn to recover refrigerants safely.
        """,
        "content/en/areas/pops.md": """
        ---
        title: Persistent organic pollutants
        summary: Eliminating POPs under the Stockholm Convention.
        ---
        Protocol work and Montreal meetings are mentioned here apart.
        """,
        "content/en/news/draft.md": "---\ntitle: Draft\ndraft: true\n---\nUnpublishedword in a draft.\n",
        "content/en/news/future.md": "---\ntitle: Future\ndate: 2999-01-01\n---\nFutureword not yet out.\n",
        "content/en/news/hidden.md": "---\ntitle: Hidden\nsearch: false\n---\nHiddenword stays out.\n",
        "content/en/news/robots.md": "---\ntitle: Robots\nnoindex: true\n---\nNoindexword stays out.\n",
        "content/en/news/only-english.md": "---\ntitle: Only English\n---\nFallbackword shown in every language.\n",
        "content/zh/areas/ozone.md": """
        ---
        title: 保护臭氧层
        ---
        联合国工业发展组织推动可持续发展。环境司协助各国淘汰消耗臭氧层物质。
        """,
        "content/zh/areas/pops.md": """
        ---
        title: 持久性有机污染物
        ---
        依照《斯德哥尔摩公约》，消除持久性有机污染物。ＵＮＩＤＯ参与其中。
        """,
        "content/ar/areas/environment.md": """
        ---
        title: البِيئَة والصناعة
        ---
        تعمل المُنَظَّمَة على حمايـــة البيئة، وتساعد الدول على إلغاء المواد المستنفدة لطبقة الأوزون.

        مستشفى جديد في المدينة.
        """,
        "content/fr/areas/ozone.md": """
        ---
        title: Couche d'ozone
        ---
        L'Organisation aide l'industrie à éliminer les substances qui appauvrissent la couche d'ozone.
        """,
    ]

    /// Every term in a language's index shards, with its page count, read from the binary
    /// format here (independently of the script).
    static func terms(_ language: String, in site: TestSite) throws -> [String: Int] {
        let page = try #require(site.file("\(language)/search/index.html"))
        let manifest = try #require(SearchScriptRunner.manifestJSON(in: page))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any])
        let base = try #require(object["base"] as? String)
        let shards = try #require(object["shards"] as? Int)
        let hasForms = object["forms"] as? Int == 1
        var terms: [String: Int] = [:]
        for number in 0..<shards {
            let data = try #require(FileManager.default.contents(atPath: site.output.path + base + "t\(number).bin"))
            for (term, pages) in try ShardReader.entries(of: [UInt8](data), hasForms: hasForms) { terms[term] = pages }
        }
        return terms
    }

    @Test func chineseSubstringsAreFoundAcrossWordBoundariesAndSingleCharacters() async throws {
        let site = try TestSite(Self.pages, theme: Self.theme)
        try await site.build()
        // 业发展组 crosses the words 工业 | 发展 | 组织; 3 and 2 characters, and one alone.
        for query in ["业发展组", "持久性有机", "层物质", "臭氧", "臭"] {
            let results = try SearchScriptRunner.search(query, language: "zh", in: site)
            #expect(!results.isEmpty, "\(query) found nothing")
        }
        let across = try SearchScriptRunner.search("业发展组", language: "zh", in: site)
        #expect(across.map(\.url) == ["/zh/areas/ozone/"])

        #expect(across[0].excerpt.contains("联合国工[业发展组]织"))
        // Characters next to each other only in different sentences are no substring.
        #expect(try SearchScriptRunner.search("展环", language: "zh", in: site).isEmpty)
        // Nor in a longer run, found by pairs at their positions: 发展 and 环境司 are on each side
        // of a 。, which takes a position, so 发展环境司 is not found there.
        #expect(try SearchScriptRunner.search("发展环境司", language: "zh", in: site).isEmpty)
        #expect(try SearchScriptRunner.search("展。环境司", language: "zh", in: site).map(\.url) == ["/zh/areas/ozone/"])
        // Full-width letters are found by half-width ones and back.
        #expect(try SearchScriptRunner.search("unido", language: "zh", in: site).map(\.url) == ["/zh/areas/pops/"])
        #expect(try SearchScriptRunner.search("ＵＮＩＤＯ", language: "zh", in: site).map(\.url) == ["/zh/areas/pops/"])
    }

    @Test func arabicSpellingVariantsFindTheSamePage() async throws {
        let site = try TestSite(Self.pages, theme: Self.theme)
        try await site.build()
        // With and without harakat, ة or ه, أ or ا, tatweel, with or without the article.
        for query in ["البيئة", "البِيئَةِ", "بيئه", "المنظمة", "منظمه", "حماية", "الاوزون", "مستشفي"] {
            let results = try SearchScriptRunner.search(query, language: "ar", in: site)
            #expect(results.map(\.url) == ["/ar/areas/environment/"], "\(query)")
        }
        // The excerpt is the original text, harakat and tatweel kept, the match marked.
        let results = try SearchScriptRunner.search("منظمة", language: "ar", in: site)
        #expect(results.first?.excerpt.contains("[المُنَظَّمَة]") == true)
        #expect(try SearchScriptRunner.search("حماية", language: "ar", in: site).first?.excerpt.contains("[حمايـــة]") == true)
    }

    @Test func wordsAreFoldedAndPhrasesRankFirst() async throws {
        let site = try TestSite(Self.pages, theme: Self.theme)
        try await site.build()
        #expect(try SearchScriptRunner.search("ELIMINER", language: "fr", in: site).map(\.url) == ["/fr/areas/ozone/"])
        #expect(try SearchScriptRunner.search("ozone", language: "fr", in: site).first?.excerpt.contains("[d'ozone]") == true)
        // Elided articles: "l'industrie" and "industrie" find the page that writes "l'industrie".
        for query in ["l'industrie", "industrie", "l’industrie"] {
            let found = try SearchScriptRunner.search(query, language: "fr", in: site)
            #expect(found.map(\.url) == ["/fr/areas/ozone/"], "\(query)")
            #expect(found.first?.excerpt.contains("[l'industrie]") == true, "\(query)")
        }
        // Both pages hold both words; only ozone.md has them side by side.
        let phrase = try SearchScriptRunner.search("Montreal Protocol", language: "en", in: site)
        #expect(phrase.map(\.url).prefix(2) == ["/en/areas/ozone/", "/en/areas/pops/"])
        #expect(phrase.first?.phrase == true)
        #expect(phrase.dropFirst().first?.phrase == false)
        // A page with one of two words comes after the pages with both.
        let partial = try SearchScriptRunner.search("refrigerants stockholm", language: "en", in: site)
        #expect(Set(partial.map(\.url)) == ["/en/areas/ozone/", "/en/areas/pops/"])
        #expect(partial.allSatisfy { $0.matched == 1 })
        // Title, section and the tag's display name are what a result shows and finds.
        let ozone = try #require(try SearchScriptRunner.search("ozone", language: "en", in: site).first)
        #expect(ozone.title == "Ozone layer")
        #expect(ozone.section == "Areas")
        #expect(try SearchScriptRunner.search("stockholm", language: "en", in: site).map(\.url) == ["/en/areas/pops/"])
    }

    /// Arabic keeps which form of a stem each page has: the form typed (with or without the
    /// article) ranks first, the other forms still found. A section list's own title counts
    /// less than the pages it lists.
    @Test func theFormTypedAndContentPagesRankFirst() async throws {
        var pages = Self.pages
        pages["content/ar/news/bare.md"] = "---\ntitle: خبر\n---\nبيئة بيئة بيئة نظيفة.\n"
        pages["content/ar/news/article.md"] = "---\ntitle: مقال\n---\nالبيئة والمصانع في تقرير طويل عن الصناعة والعمل والتدريب.\n"
        pages["content/en/areas/_index.md"] = "---\ntitle: Refrigeration areas\n---\nWhere we work.\n"
        let site = try TestSite(pages, theme: Self.theme)
        try await site.build()
        let bare = try SearchScriptRunner.search("بيئة", language: "ar", in: site).map(\.url)
        let withArticle = try SearchScriptRunner.search("البيئة", language: "ar", in: site).map(\.url)
        #expect(bare.first == "/ar/news/bare/", "\(bare)")
        #expect(withArticle.first != "/ar/news/bare/", "\(withArticle)")
        #expect(Set(bare) == Set(withArticle))
        #expect(Set(bare).isSuperset(of: ["/ar/news/bare/", "/ar/news/article/", "/ar/areas/environment/"]))
        // The section's title has the word; the page that talks about it comes first.
        let refrigeration = try SearchScriptRunner.search("refrigeration", language: "en", in: site).map(\.url)
        #expect(refrigeration == ["/en/areas/ozone/", "/en/areas/"], "\(refrigeration)")
    }

    @Test func unpublishedHiddenAndFallbackPagesAreNotIndexed() async throws {
        let site = try TestSite(Self.pages, theme: Self.theme)
        try await site.build {
            $0.includeDrafts = true; $0.includeFuture = true
        }
        // A preview build publishes drafts and future pages, but search still leaves them out.
        #expect(site.exists("en/news/draft/index.html"))
        #expect(site.exists("fr/news/only-english/index.html"))
        let english = try Self.terms("en", in: site)
        for word in ["unpublishedword", "futureword", "hiddenword", "noindexword"] { #expect(english[word] == nil, "\(word)") }
        #expect(english["fallbackword"] != nil)
        // The fallback copy in French is the English page: not in the French index.
        #expect(try Self.terms("fr", in: site)["fallbackword"] == nil)
        #expect(try Self.terms("zh", in: site)["fallbackword"] == nil)
        // Nothing of menus, the footer or the site title: only the pages' own text.
        #expect(english["youtube"] == nil)
    }

    @Test func indexIsTheSameOnEveryBuildAndEscaped() async throws {
        var pages = Self.pages
        pages["content/en/xss.md"] = "---\ntitle: \"</script><img src=x onerror=alert(1)>\"\n---\nText & more \u{2028} \"quoted\".\n"
        let first = try TestSite(pages, theme: Self.theme)
        let second = try TestSite(pages, theme: Self.theme)
        try await first.build()
        try await second.build()
        let firstFiles = TestSite.files(below: first.output).filter { $0.contains("search") }
        #expect(firstFiles == TestSite.files(below: second.output).filter { $0.contains("search") })
        #expect(firstFiles.count > 8)
        for path in firstFiles {
            #expect(first.file(path) == second.file(path), "\(path)")
            if path.hasSuffix(".json") {
                let text = try #require(first.file(path))
                #expect(!text.contains("<") && !text.contains(">") && !text.contains("\u{2028}"), "\(path)")
                #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "\(path) is not JSON")
            }
        }
        let xss = try SearchScriptRunner.search("onerror", language: "en", in: first)
        #expect(xss.first?.title == "</script><img src=x onerror=alert(1)>")
    }

    @Test func searchPageNamesCollideWithAPageCalledSearch() async throws {
        var pages = Self.pages
        pages["content/en/search.md"] = "---\ntitle: Search\n---\nA page where the search page goes.\n"
        let site = try TestSite(pages, theme: Self.theme)
        let errors = await site.errors()
        #expect(errors.contains { $0.hasPrefix("content/en/search.md") && $0.contains("search page of en") }, "\(errors)")
    }

    @Test func searchFieldMustBeTrueOrFalse() async throws {
        var pages = Self.pages
        pages["content/en/bad.md"] = "---\ntitle: Bad\nsearch: maybe\n---\nText.\n"
        let site = try TestSite(pages, theme: Self.theme)
        #expect(await site.errors() == ["content/en/bad.md:3:9: error: 'search' must be true or false, got 'maybe'"])
    }

    @Test func anInPlaceBodyEditIsSearchableAndLeavesNoOldIndex() async throws {
        var pages = Self.pages
        // Pages with fallback copies take a full build: without them, the edit is applied in place.
        pages["content/site.yaml"] = Self.siteYAML.replacingOccurrences(of: "fallbackPages: true\n", with: "")
        let site = try TestSite(pages, theme: Self.theme)
        let cache = BuildCache()
        try await site.build { $0.cache = cache }
        let before = TestSite.files(below: site.output).filter { $0.hasPrefix("en/search/") && $0.hasSuffix(".json") }
        let path = "content/en/areas/ozone.md"
        try site.write("---\ntitle: Ozone layer\ntags: [montreal-protocol]\n---\nHydrofluorocarbons are phased down.\n", to: path)
        var options = site.options
        options.cache = cache
        let report = try SiteBuilder(options: options).build(changed: [site.root.appendingPathComponent(path).path])
        #expect(report.pagesUpdated == 1)
        #expect(try SearchScriptRunner.search("hydrofluorocarbons", language: "en", in: site).map(\.url) == ["/en/areas/ozone/"])
        #expect(try SearchScriptRunner.search("refrigerants", language: "en", in: site).isEmpty)
        let after = TestSite.files(below: site.output).filter { $0.hasPrefix("en/search/") && $0.hasSuffix(".json") }
        #expect(Set(before).isDisjoint(with: after))
        try await site.expectOutputMatchesCleanBuild("search index after a body edit")
    }

    /// Common terms keep only their best pages and the first positions: what the script cannot
    /// check then, it accepts, so nothing that matches is lost.
    @Test func cutListsLoseNoMatches() throws {
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "zh"), positionLimit: 2)
        for (name, text) in [
            ("a", "common common common"), ("b", "common common"), ("c", "common"), ("d", "common rare"), ("e", "臭氧，臭氧，臭氧层"),
        ] {
            postings.add(.init(url: "/zh/\(name)/", title: name, section: "", excerptText: text), fields: [.init(text: text, weight: 1)])
        }
        var builder = SearchIndexBuilder(languageCode: "zh", rootPath: "/", postings: postings)
        builder.postingLimit = 2
        let index = builder.build()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Only the two best pages of a word on four.
        #expect(try SearchScriptRunner.search("common", index: index, in: folder).map(\.url) == ["/zh/a/", "/zh/b/"])
        // d is not among common's best pages, but it has both words.
        let both = try SearchScriptRunner.search("rare common", index: index, in: folder)
        #expect(both.first?.url == "/zh/d/")
        #expect(both.first?.matched == 2)
        // 臭氧 is listed at its first two places only; 臭氧层 is at the third.
        let han = try SearchScriptRunner.search("臭氧层", index: index, in: folder)
        #expect(han.map(\.url) == ["/zh/e/"])
        #expect(han.first?.excerpt == "臭氧，臭氧，[臭氧层]")
    }

    /// Terms are put in order a batch at a time (a few megabytes of postings); how many batches
    /// there are changes nothing in the index.
    @Test func theIndexIsTheSameWhateverItsBatches() throws {
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "en"))
        for (name, text) in [
            ("a", "ozone layer ozone depleting substances"), ("b", "persistent organic pollutants and the ozone layer"),
            ("c", "cleaner production in textiles 臭氧层保护"), ("d", "the Montreal Protocol phases out ozone depleting substances"),
        ] {
            postings.add(.init(url: "/en/\(name)/", title: name, section: "", excerptText: text), fields: [.init(text: text, weight: 1)])
        }
        let whole = SearchIndexBuilder(languageCode: "en", rootPath: "/", postings: postings).build()
        for size in [1, 2, 5] {
            var builder = SearchIndexBuilder(languageCode: "en", rootPath: "/", postings: postings)
            builder.postingsPerBatch = size
            let batched = builder.build()
            #expect(batched.folder == whole.folder, "\(size) postings a batch")
            for (left, right) in zip(batched.files, whole.files) {
                guard case .bytes(let a) = left.contents, case .bytes(let b) = right.contents else { continue }
                #expect(left.path == right.path && a == b, "\(left.path), \(size) postings a batch")
            }
        }
    }

    /// On an index of many shards, a run of two to four Han characters is one term and takes one
    /// shard; longer runs take their pairs' shards. Every page holding the run is found.
    @Test func hanRunsOfUpToFourCharactersTakeOneShard() throws {
        var generator = SeededGenerator(seed: 4)
        let characters = Array("环境工业发展组织臭氧层物质持久性有机污染物公约淘汰消耗可续能源气候变化化学品管理国家合作项目")
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "zh"))
        var texts: [String] = []
        for number in 0..<60 {
            let text = String((0..<300).map { _ in characters.randomElement(using: &generator)! })
            texts.append(text)
            postings.add(.init(url: "/zh/\(number)/", title: "\(number)", section: "", excerptText: text), fields: [.init(text: text, weight: 1)])
        }
        let index = SearchIndexBuilder(languageCode: "zh", rootPath: "/", postings: postings).build()
        #expect(index.files.filter { $0.path.hasSuffix(".bin") }.count > 4)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (length, page) in [(2, 3), (3, 10), (4, 17), (4, 29), (5, 41)] {
            let text = Array(texts[page])
            let query = String(text[100..<100 + length])
            let results = try SearchScriptRunner.search(query, index: index, in: folder)
            let holding = texts.indices.filter { texts[$0].contains(query) }.map { "/zh/\($0)/" }
            #expect(Set(results.prefix(10).map(\.url)).isSuperset(of: holding.prefix(10)) && results.count == holding.count, "\(query)")
            let shards = results.first?.shards ?? 0
            #expect(length <= 4 ? shards == 1 : shards > 1, "\(query): \(shards) shards")
        }
    }

    /// A page accepted only because its positions were cut comes after the pages where the
    /// query was seen at its place, however much more often it has the query's pairs (found by
    /// the bench on the translated React docs: 函数 and 调用 a dozen times each outranked 函数调用).
    /// Runs of five or more characters are found by their pairs' positions; three or four
    /// characters are one term each and need none.
    @Test func pagesSeenToMatchRankBeforePagesAcceptedUnchecked() throws {
        var postings = SearchPostings(analyzer: SearchAnalyzer(languageCode: "zh"), positionLimit: 2)
        for (name, text) in [
            ("apart", "函数和调用的再函数和调用的再函数和调用的再函数和调用的"), ("once", "一个很长的句子里只有一次函数调用的说明"),
        ] {
            postings.add(.init(url: "/zh/\(name)/", title: name, section: "", excerptText: text), fields: [.init(text: text, weight: 1)])
        }
        let index = SearchIndexBuilder(languageCode: "zh", rootPath: "/", postings: postings).build()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Still both: "apart" has positions past the two kept, where 函数调用的 could be.
        #expect(try SearchScriptRunner.search("函数调用的", index: index, in: folder).map(\.url) == ["/zh/once/", "/zh/apart/"])
        // Four characters are one term: only the page that has them.
        #expect(try SearchScriptRunner.search("函数调用", index: index, in: folder).map(\.url) == ["/zh/once/"])
        #expect(try SearchScriptRunner.search("调用的", index: index, in: folder).map(\.url).sorted() == ["/zh/apart/", "/zh/once/"])
    }
}

/// The index's shard format read back (SearchIndexBuilder's description): terms with their
/// page counts, every posting decoded so a malformed block fails.
enum ShardReader {
    struct Malformed: Error {}

    static func entries(of bytes: [UInt8], hasForms: Bool) throws -> [(term: String, pages: Int)] {
        var at = 0
        func varint() throws -> Int {
            var value = 0, shift = 0
            while true {
                guard at < bytes.count, shift < 35 else { throw Malformed() }
                let byte = bytes[at]
                at += 1
                value |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
            }
        }
        var entries: [(String, Int)] = []
        while at < bytes.count {
            let length = try varint()
            guard at + length <= bytes.count else { throw Malformed() }
            let term = String(decoding: bytes[at..<at + length], as: UTF8.self)
            at += length
            let pages = try varint(), size = try varint()
            let end = at + size
            guard end <= bytes.count else { throw Malformed() }
            // Han characters alone, or three or four together, have no positions: their
            // postings are pairs of numbers. Words and Han pairs list theirs.
            let isHan = term.unicodeScalars.contains { SearchFolding.isHan($0.value) }
            let hasPositions = !isHan || term.unicodeScalars.count == 2
            var listed = 0
            while at < end {
                _ = try varint()
                _ = try varint()
                if hasForms && !isHan { _ = try varint() }
                if hasPositions { for _ in 0..<(try varint() / 2) { _ = try varint() } }
                listed += 1
            }
            guard at == end, listed >= 1, listed <= pages else { throw Malformed() }
            entries.append((term, pages))
        }
        return entries
    }
}
