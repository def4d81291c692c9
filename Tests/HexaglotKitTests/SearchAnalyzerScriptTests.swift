import Foundation
import Testing

@testable import HexaglotKit

/// The analyser in Swift (index time) and in the search script (query time) give the same
/// terms at the same positions: samples of every language, then random mixtures of the
/// characters where they could differ.
@Suite struct SearchAnalyzerScriptTests {
    static let samples: [(text: String, lang: String)] = [
        ("正则表达式很有用。联合国工业发展组织（工发组织）推动包容和可持续的工业发展", "zh"),
        ("ＵＮＩＤＯ　２０２６年：臭氧层、ＨＦＣ替代品和𠀀𠀁字", "zh"),
        ("البِيئَة والأمم المتّحدة، إِنْتاج آمن؛ حمايـــة مستشفى ٢٠٢٦ ۱۲ ٱلكتاب مدرسة", "ar"),
        ("L'Organisation aide l’industrie à éliminer les œuvres du cœur ; CAFÉ, cafe\u{301}, Ærø", "fr"),
        ("Ёлка и ёж ЙОД, йогурт: Монреальский протокол", "ru"),
        ("¿Qué año? Niño, pingüino, ACCIÓN; Protocolo de Montreal", "es"),
        ("Don't stop: ΣΑΣ İstanbul 3.14 e-mail co_op naïve", "en"),
        ("", "en"),
        ("ـــ ً ٌ", "ar"),
        // French spacing's no-break spaces (FrenchSpacing) end words as spaces do.
        ("Visite\u{A0}: l’eau «\u{202F}recyclée\u{202F}» ; vraiment\u{202F}?", "fr"),
    ]

    static let pool: [Character] = Array(
        "aZéÉèçœŒñÑüßİıΣσςёЁйЙжДабвالأإآٱةهىيیـَُِّْٰ٠٩۳ＡｚＺ０９　。，、臭氧层工业发展𠀀ぁァー 'ʼ’-_.,;:!?\n\t\u{301}\u{308}\u{FE0F}😀1")

    static func randomSamples(count: Int) -> [(text: String, lang: String)] {
        var generator = SeededGenerator(seed: 16)
        let languages = ["zh", "ar", "en", "fr", "ru", "es"]
        return (0..<count).map { _ in
            let length = Int.random(in: 0...24, using: &generator)
            let text = String((0..<length).map { _ in pool.randomElement(using: &generator)! })
            return (text, languages.randomElement(using: &generator)!)
        }
    }

    static func swiftTokens(_ sample: (text: String, lang: String)) -> [String] {
        SearchAnalyzer(languageCode: sample.lang).tokens(sample.text).tokens.map {
            "\($0.term)@\($0.position):\($0.kind)" + ($0.form > 0 ? "/\($0.form)" : "")
        }
    }

    /// The script as published: Snowball's stemmers and the search code in one file.
    static var script: URL {
        get throws { try SearchScriptRunner.publishedScript() }
    }

    @Test func swiftAndScriptAgreeOnSamples() throws {
        let script = try SearchScriptRunner.tokens(script: try Self.script, samples: Self.samples)
        for (sample, scriptTokens) in zip(Self.samples, script) {
            #expect(Self.swiftTokens(sample) == scriptTokens, "\(sample.lang): \(sample.text)")
        }
        // What the samples must give, so agreement is not agreement on nothing.
        let arabic = Self.swiftTokens(Self.samples[2])
        // Stems without the article, and the form each was written in: 5 for ال, 1 for وال.
        #expect(arabic.prefix(3) == ["بيئه@0:word/5", "امم@1:word/1", "متحده@2:word/5"])
        #expect(arabic.contains("حمايه@5:word") && arabic.contains("مستشفي@6:word") && arabic.contains("2026@7:word"))
        #expect(arabic.contains("12@8:word") && arabic.contains("كتاب@9:word/5"))
        let french = Self.swiftTokens(Self.samples[3])
        // An apostrophe between letters is inside the word, and French drops the elided article;
        // stemmed by Snowball's French before the accents go: "élimine" and "éliminer" meet.
        #expect(french.prefix(3) == ["organis@0:word", "aid@1:word", "industr@2:word"])
        #expect(french.contains("oeuvr@6:word") && french.contains("coeur@8:word"))
        // Composed and decomposed é fold alike; ø has no decomposition and stays.
        #expect(french.suffix(3) == ["caf@9:word", "caf@10:word", "aerø@11:word"])
        // English keeps the apostrophe inside a word; one at a word's end separates.
        #expect(Self.swiftTokens(Self.samples[6]).prefix(2) == ["don't@0:word", "stop@1:word"])
        #expect(Self.swiftTokens(Self.samples[4]).prefix(4) == ["елк@0:word", "и@1:word", "еж@2:word", "йод@3:word"])
        #expect(Self.swiftTokens(Self.samples[1]).prefix(3) == ["unido@0:word", "2026@1:word", "年@2:hanCharacter"])
        #expect(Self.swiftTokens(Self.samples[8]).isEmpty)
    }

    @Test func swiftAndScriptAgreeOnRandomMixtures() throws {
        let samples = Self.randomSamples(count: 400)
        let script = try SearchScriptRunner.tokens(script: try Self.script, samples: samples)
        #expect(script.count == samples.count)
        for (sample, scriptTokens) in zip(samples, script) {
            #expect(Self.swiftTokens(sample) == scriptTokens, "\(sample.lang): \(sample.text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func plainTextOfABodyKeepsWhatIsShown() {
        let html = Array(
            ("<h2 id=\"a\">Why <em>phase</em> out <a class=\"heading-anchor\" href=\"#a\" aria-hidden=\"true\">#</a></h2><p>One&amp;two</p><pre><code>make site\n</code></pre><script>var x = 1;</script><!-- note --><p>臭<strong>氧</strong>层</p>"
                + "<p>Protocol<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup> text</p>")
                .utf8)
        #expect(SearchPlainText.text(ofHTML: html) == "Why phase out One&two make site 臭氧层 Protocol text")
    }

    /// Chinese blocks are not joined by an ASCII space (the search's excerpts show the text):
    /// nothing visible after 。 and an ideographic space between a heading and its paragraph;
    /// the spaces the text has are kept, and either separator still ends a run of Han characters.
    @Test func chineseBlocksAreJoinedWithoutAnASCIISpace() {
        let html = Array("<h2>关注我们</h2><p>如需了解，请来信。</p><p>每年 9 月</p><ul><li>惠及整个行业</li><li>English after</li></ul>".utf8)
        let text = SearchPlainText.text(ofHTML: html)
        #expect(text == "关注我们\u{3000}如需了解，请来信。\u{200B}每年 9 月\u{3000}惠及整个行业 English after")
        let pairs = SearchAnalyzer(languageCode: "zh").tokens(text).tokens.filter { $0.kind == .hanPair }.map(\.term)
        #expect(!pairs.contains("们如") && !pairs.contains("。每") && !pairs.contains("月惠"))
    }
}

/// A small deterministic generator (SplitMix64), so the random samples are the same every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
