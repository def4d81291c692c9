import Foundation
import Testing

@testable import HexaglotKit

@Suite struct HeadingSluggerTests {
    @Test func slugsKeepEveryScript() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: "消除持久性有机污染物") == "消除持久性有机污染物")
        #expect(slugger.slug(for: "Привет мир") == "привет-мир")
        #expect(slugger.slug(for: "Hello, World!") == "hello-world")
        #expect(slugger.slug(for: "إدارة البيئة") == "إدارة-البيئة")
        #expect(slugger.slug(for: "Qu’est-ce que l’ONUDI ?") == "quest-ce-que-lonudi-")
    }

    @Test func repeatsGetNumbered() {
        var slugger = HeadingSlugger()
        #expect(["Goals", "Goals", "Goals", "Goals-1"].map { slugger.slug(for: $0) } == ["goals", "goals-1", "goals-2", "goals-1-1"])
    }

    @Test func normalisesToNFC() {
        // "é" written as e + combining acute accent, and precomposed.
        #expect(HeadingSlugger.slug("Caf\u{65}\u{301}") == HeadingSlugger.slug("Caf\u{E9}"))
        #expect(HeadingSlugger.slug("Caf\u{65}\u{301}") == "caf\u{E9}")
    }

    @Test func emptyHeadingsStillGetAnId() {
        #expect(HeadingSlugger.slug("!!!") == "section")
    }
}

@Suite struct URLPathTests {
    @Test func encodesNonASCIIAndReservedCharacters() {
        #expect(URLPath.encodePath("zh/新闻/a b?c/") == "zh/%E6%96%B0%E9%97%BB/a%20b%3Fc/")
        #expect(URLPath.encodePath("en/areas/pops/") == "en/areas/pops/")
    }

    /// `serve` reads request paths with it: once, as UTF-8, and nothing that is not an encoding.
    @Test func decodesOnceAsUTF8AndRefusesWhatIsNotAnEncoding() {
        #expect(URLPath.decodePath("/en/50%25-more/") == "/en/50%-more/")
        #expect(URLPath.decodePath("/zh/%E6%96%B0%E9%97%BB/") == "/zh/新闻/")
        #expect(URLPath.decodePath("/a%e2%82%acb") == "/a€b")
        #expect(URLPath.decodePath("/en/plain/") == "/en/plain/")
        // Once only: a second layer stays as it is, part of the name.
        #expect(URLPath.decodePath("/%252e%252e/") == "/%2e%2e/")
        // What the text holds is the caller's to judge.
        #expect(URLPath.decodePath("/..%2F..%2Fsecret") == "/../../secret")
        #expect(URLPath.decodePath("/a%00b") == "/a\0b")
        // A `%` without two hex digits; a cut, overlong (`/` as C0 AF), surrogate or non-UTF-8 byte sequence.
        for invalid in ["/50%-more/", "/a%4", "/a%", "/%zz", "/%C3", "/%C3/", "/%C0%AF", "/%ED%A0%80", "/%FF", "/%E6%96"] {
            #expect(URLPath.decodePath(invalid) == nil, "\(invalid)")
        }
    }
}

@Suite struct SummaryTextTests {
    @Test func cutsAtSentenceEnds() {
        let text = "第一句话很长很长很长。第二句话也很长很长很长很长很长。第三句话。"
        #expect(SummaryText.truncate(text, limit: 20) == "第一句话很长很长很长。")
        #expect(SummaryText.truncate("Short.", limit: 20) == "Short.")
        #expect(SummaryText.truncate("one two three four five six", limit: 15) == "one two three…")
    }

    @Test func readingTimeCountsHanCharacters() {
        #expect(SummaryText.readingMinutes(String(repeating: "字", count: 1200)) == 3)
        #expect(SummaryText.readingMinutes(String(repeating: "word ", count: 500)) == 2)
        #expect(SummaryText.readingMinutes("hi") == 1)
    }
}

@Suite struct ImageSizeTests {
    @Test func readsTheSizeOfEachFormat() {
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8))
        png += Data([0, 0, 0x03, 0x20, 0, 0, 0x01, 0xC2])  // 800 × 450
        #expect(ImageSize.of(png)! == (800, 450))
        #expect(ImageSize.of(Data(Array("GIF89a".utf8) + [0x10, 0, 0x08, 0]))! == (16, 8))
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0x01, 0xC2, 0x03, 0x20, 3])
        #expect(ImageSize.of(jpeg)! == (800, 450))
        #expect(ImageSize.of(Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450">"#.utf8))! == (800, 450))
        #expect(ImageSize.of(Data(#"<?xml version="1.0"?><svg viewBox="0 0 64 32" xmlns="http://www.w3.org/2000/svg">"#.utf8))! == (64, 32))
        #expect(ImageSize.of(Data("not an image".utf8)) == nil)
        // Attributes as the SVG specification allows them: either quote, spaces around `=`, any
        // order; a name inside another attribute's name or value does not count.
        #expect(ImageSize.of(Data("<svg\n  data-width='9' width = '12.4px'\theight=\"7\">".utf8))! == (12, 7))
        #expect(ImageSize.of(Data(#"<svg title="width='3'" viewBox="0,0,10.6,20">"#.utf8))! == (11, 20))
        #expect(ImageSize.of(Data(#"<svg width="0" height="5" viewBox="0 0 4 2">"#.utf8))! == (4, 2))
        #expect(ImageSize.of(Data(#"<svg width="50%" height="5">"#.utf8)) == nil)
        #expect(ImageSize.of(Data(#"<svg width="5" height="5""#.utf8)) == nil)
        #expect(ImageSize.of(Data("<sv".utf8)) == nil)
    }

    @Test func markdownImagesGetTheirSizeAndAllButTheFirstLoadLazily() {
        let (rendered, _) = MarkdownRenderer().render(
            MarkdownSource(text: "![A *plant*](pic.svg \"Title\")\n\n![Second](pic.svg)\n", file: "t.md"),
            rewriteLink: { _ in .keep }, imageMarkup: { .sized($0.url == "pic.svg" ? (800, 450) : nil) })
        #expect(
            rendered.html
                == "<p><img src=\"pic.svg\" alt=\"A plant\" title=\"Title\" width=\"800\" height=\"450\" loading=\"eager\" decoding=\"async\" /></p>\n"
                + "<p><img src=\"pic.svg\" alt=\"Second\" width=\"800\" height=\"450\" loading=\"lazy\" decoding=\"async\" /></p>\n"
        )
    }

    @Test func photosAreWrittenAsPicturesWithTheirVariants() {
        let markup = ImageMarkup(
            src: "/a/p-960w.jpg", width: 960, height: 640, srcset: "/a/p-480w.jpg 480w, /a/p-960w.jpg 960w", sizes: "100vw",
            sources: [.init(type: "image/avif", srcset: "/a/p-480w.avif 480w, /a/p-960w.avif 960w")])
        var seen: [MarkdownImage] = []
        let (rendered, _) = MarkdownRenderer().render(
            MarkdownSource(text: "Intro\n\n![Field \"visit\"](p.jpg)\n", file: "t.md", lineOffset: 4),
            rewriteLink: { _ in .keep },
            imageMarkup: {
                seen.append($0)
                return markup
            })
        #expect(seen.map(\.url) == ["p.jpg"])
        #expect(seen.first?.location == SourceLocation(file: "t.md", line: 7, column: 1))
        #expect(
            rendered.html
                == "<p>Intro</p>\n<p><picture><source type=\"image/avif\" srcset=\"/a/p-480w.avif 480w, /a/p-960w.avif 960w\" sizes=\"100vw\">"
                + "<img src=\"/a/p-960w.jpg\" alt=\"Field &quot;visit&quot;\" srcset=\"/a/p-480w.jpg 480w, /a/p-960w.jpg 960w\" sizes=\"100vw\" "
                + "width=\"960\" height=\"640\" loading=\"eager\" decoding=\"async\" /></picture></p>\n")
    }
}
