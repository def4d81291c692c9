import Foundation
import Testing

@testable import HexaglotKit

/// What a result shows of Chinese text: no ASCII space where blocks meet, and an excerpt that
/// starts after a punctuation mark near its cut rather than in a word's middle.
@Suite struct SearchExcerptTests {
    @Test func chineseExcerptsStartAfterPunctuationAndJoinBlocksWithoutSpaces() async throws {
        let body = String(repeating: "甲", count: 10) + "，" + String(repeating: "乙", count: 55) + "臭氧层保护。"
        let site = try TestSite(
            [
                "content/site.yaml": """
                title: {zh: 测试网站}
                baseURL: https://example.org/
                defaultLanguage: zh
                languages:
                  - {code: zh, name: 中文, locale: zh-Hans}
                search: true

                """,
                "content/zh/a.md": "---\ntitle: 页面\n---\n## 关注我们\n\n如需了解，请来信。\n\n每年举办。\n",
                "content/zh/b.md": "---\ntitle: 长页\n---\n\(body)\n",
            ], theme: SearchIndexTests.theme)
        try await site.build()
        let joined = try #require(try SearchScriptRunner.search("关注我们", language: "zh", in: site).first)
        #expect(joined.excerpt.contains("[关注我们]\u{3000}如需了解，请来信。\u{200B}每年举办。"), "\(joined.excerpt)")
        let cut = try #require(try SearchScriptRunner.search("臭氧层", language: "zh", in: site).first)
        // Sixty characters before the match would start among the 甲; the excerpt starts after the ，.
        #expect(cut.excerpt.contains("乙乙[臭氧层]") && !cut.excerpt.contains("甲"), "\(cut.excerpt)")
    }
}
