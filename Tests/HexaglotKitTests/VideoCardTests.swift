import Foundation
import Testing

@testable import HexaglotKit

/// A YouTube or Facebook video URL alone in a paragraph becomes a light card: a plain link to the
/// video, its title and "Watch on YouTube" in the page's language, an optional local poster
/// processed as every photo is, and nothing that makes the browser contact the platform.
@Suite struct VideoCardTests {
    let words = VideoCardText(pageTitle: "Field visit", watchLabels: [.youTube: "Watch on YouTube", .facebook: "Watch on Facebook"])

    func html(_ markdown: String, direction rightToLeft: Bool = false) -> String {
        MarkdownRenderer().render(MarkdownSource(text: markdown, file: "t.md", isolatesLeftToRightRuns: rightToLeft, videoCards: words)) {
            _ in .keep
        }.0.html
    }

    @Test func aBareVideoURLBecomesACardWithThePagesTitle() {
        let card = html("Before.\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nAfter.\n")
        #expect(
            card.contains(
                "<figure class=\"video-card\"><a class=\"video-card-link\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">"
                    + "<bdi class=\"video-card-title\">Field visit</bdi> <span class=\"video-card-action\">Watch on YouTube</span></a></figure>"),
            "\(card)")
        #expect(card.contains("<p>Before.</p>") && card.contains("<p>After.</p>"))
        // No player, no thumbnail from the platform: the only mention of it is the link.
        #expect(!card.contains("<iframe") && !card.contains("ytimg") && card.components(separatedBy: "youtube").count == 2)
    }

    @Test func everyFormOfAYouTubeURLLeadsToItsWatchPage() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "https://youtube.com/shorts/dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "http://youtu.be/dQw4w9WgXcQ?si=abc",
        ] {
            #expect(VideoLink(url) == VideoLink("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), "\(url)")
        }
        #expect(VideoLink("https://www.youtube.com/watch?v=dQw4w9WgXcQ")?.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        for notAVideo in [
            "https://www.youtube.com/user/UNIDObeta", "https://www.youtube.com/watch?v=short", "https://youtu.be/",
            "javascript:alert(1)//youtu.be/dQw4w9WgXcQ", "https://example.org/watch?v=dQw4w9WgXcQ",
            "https://evil.example/youtu.be/dQw4w9WgXcQ", "ftp://youtu.be/dQw4w9WgXcQ",
            "https://www.facebook.com/UNIDO", "http://www.facebook.com/UNIDO/videos/123",
        ] {
            #expect(VideoLink(notAVideo) == nil, "\(notAVideo)")
        }
        #expect(VideoLink("https://www.facebook.com/UNIDO/videos/1234567890/")?.platform == .facebook)
        #expect(VideoLink("https://fb.watch/abcDEF/")?.url == "https://fb.watch/abcDEF/")
    }

    @Test func theLinksOwnTextIsTheTitleAndIsEscaped() {
        let card = html("[Training <b>day</b> & \"more\"](https://www.facebook.com/UNIDO/videos/1234567890/)\n")
        #expect(card.contains("<bdi class=\"video-card-title\">Training day &amp; &quot;more&quot;</bdi>"), "\(card)")
        #expect(card.contains("href=\"https://www.facebook.com/UNIDO/videos/1234567890/\""))
        #expect(card.contains("<span class=\"video-card-action\">Watch on Facebook</span>"))
    }

    @Test func videoLinksInsideTextAndOtherLoneLinksStayLinks() {
        let inline = html("See https://youtu.be/dQw4w9WgXcQ for the talk.\n")
        #expect(!inline.contains("video-card") && inline.contains("<a href=\"https://youtu.be/dQw4w9WgXcQ\">"))
        let other = html("https://www.unido.org/\n")
        #expect(!other.contains("video-card") && other.contains("<p><a href=\"https://www.unido.org/\">"))
        let plain = MarkdownRenderer().render(MarkdownSource(text: "https://youtu.be/dQw4w9WgXcQ\n", file: "t.md")) { _ in .keep }.0.html
        #expect(!plain.contains("video-card"), "no words given: no card")
    }

    @Test func aRightToLeftPageKeepsOneTitle() {
        let card = html("[Visit to UNIDO in Cairo](https://youtu.be/dQw4w9WgXcQ)\n", direction: true)
        #expect(card.contains("<bdi class=\"video-card-title\">Visit to UNIDO in Cairo</bdi>"), "\(card)")
        #expect(card.components(separatedBy: "Cairo").count == 2)
    }

    /// In a built site: the label in the page's language, and a linked poster published as
    /// variants like any photo, lazily loaded, inside the card.
    @Test func cardsSpeakThePagesLanguageAndTheirPosterIsProcessed() async throws {
        var theme = TestSite.minimalTheme
        theme["i18n/en.yaml"]! += "watch_video: \"Watch on {site}\"\n"
        theme["i18n/ar.yaml"]! += "watch_video: \"شاهد على {site}\"\n"
        let site = try TestSite(
            [
                "content/en/visit/index.md":
                    "---\ntitle: Field visit\n---\nIntro.\n\n[![The dyeing line](poster.jpg)](https://youtu.be/dQw4w9WgXcQ)\n",
                "content/ar/visit.md": "---\ntitle: زيارة ميدانية\n---\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n",
            ], theme: theme)
        try site.write(Data(contentsOf: ImageTests.images.appendingPathComponent("field-visit.jpg")), to: "content/en/visit/poster.jpg")
        try await site.build()
        let english = try #require(site.file("en/visit/index.html"))
        #expect(
            english.contains(
                "<figure class=\"video-card\"><a class=\"video-card-link\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><picture>"))
        #expect(english.contains("alt=\"The dyeing line\""))
        #expect(
            english.contains(
                "<bdi class=\"video-card-title\">Field visit</bdi> <span class=\"video-card-action\">Watch on YouTube</span></a></figure>"))
        #expect(!site.exists("en/visit/poster.jpg"), "the poster is published as variants, not as it came")
        #expect(site.outputFiles().contains { $0.hasPrefix("img/poster-480w-") && $0.hasSuffix(".avif") })
        let arabic = try #require(site.file("ar/visit/index.html"))
        #expect(
            arabic.contains("<bdi class=\"video-card-title\">زيارة ميدانية</bdi> <span class=\"video-card-action\">شاهد على YouTube</span>"),
            "\(arabic)")
    }
}
