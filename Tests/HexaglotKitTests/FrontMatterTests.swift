import Foundation
import Testing

@testable import HexaglotKit

@Suite struct FrontMatterSplitterTests {
    let splitter = FrontMatterSplitter()

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let parts = try splitter.split("# Title\n\nText\n", file: "a.md")
        #expect(parts.yaml == nil)
        #expect(parts.body == "# Title\n\nText\n")
        #expect(parts.bodyLineOffset == 0)
    }

    @Test func splitsAndCountsLines() throws {
        let parts = try splitter.split("---\ntitle: A\ndate: 2026-01-02\n---\nBody\n", file: "a.md")
        #expect(parts.yaml == "title: A\ndate: 2026-01-02\n")
        #expect(parts.body == "Body\n")
        #expect(parts.yamlLineOffset == 1)
        #expect(parts.bodyLineOffset == 4)
    }

    @Test func emptyFrontMatterAndDotsClose() throws {
        #expect(try splitter.split("---\n---\nBody", file: "a.md").yaml == "")
        #expect(try splitter.split("---\ntitle: A\n...\nBody", file: "a.md").body == "Body")
    }

    @Test func thematicBreakLaterInTheFileIsNotFrontMatter() throws {
        let parts = try splitter.split("Intro\n\n---\n\nMore\n", file: "a.md")
        #expect(parts.yaml == nil)
    }

    @Test func unterminatedFrontMatterIsReportedAtItsOpeningLine() {
        #expect(
            throws: Diagnostic.error(
                "front matter is not closed: add a '---' line after it",
                at: SourceLocation(file: "a.md", line: 1, column: 1))
        ) {
            try splitter.split("---\ntitle: A\n\nBody\n", file: "a.md")
        }
    }
}

@Suite struct YAMLCoreSchemaTests {
    func read(_ yaml: String) throws(Diagnostic) -> YAMLNode? { try YAMLReader(file: "f.md", lineOffset: 1).read(yaml) }

    @Test func yesNoOnOffAreStrings() throws {
        let node = try #require(try read("a: yes\nb: no\nc: on\nd: off\ne: true\nf: 2026\ng: '12'\nh: 1.5\ni: ~\n"))
        #expect(node["a"]?.resolved == .string("yes"))
        #expect(node["b"]?.resolved == .string("no"))
        #expect(node["c"]?.resolved == .string("on"))
        #expect(node["d"]?.resolved == .string("off"))
        #expect(node["e"]?.resolved == .bool(true))
        #expect(node["f"]?.resolved == .int(2026))
        #expect(node["g"]?.resolved == .string("12"))
        #expect(node["h"]?.resolved == .float(1.5))
        #expect(node["i"]?.resolved == .null)
    }

    @Test func numericTitleStaysText() throws {
        let (matter, problems) = FrontMatter.read(try read("title: 2026\ndraft: false\n"), file: "f.md")
        #expect(problems.isEmpty)
        #expect(matter.title == "2026")
    }

    @Test func typedFieldsSayWhatWasExpected() throws {
        let (_, problems) = FrontMatter.read(try read("draft: maybe\ndate: 2026-13-45\ntags: pops\nweight: heavy\n"), file: "f.md")
        #expect(
            problems.map(\.description) == [
                "f.md:2:8: error: 'draft' must be true or false, got 'maybe'",
                "f.md:3:7: error: 'date' is not a date: 2026-13-45 (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM)",
                "f.md:4:7: error: 'tags' must be a list, such as [pops, ozone], got 'pops'",
                "f.md:5:9: error: 'weight' must be a whole number, got 'heavy'",
            ])
    }

    @Test func unknownFieldsBecomeParams() throws {
        let (matter, _) = FrontMatter.read(try read("title: A\nhero: photo.jpg\n"), file: "f.md")
        #expect(matter.params.map(\.key) == ["hero"])
        #expect(matter.params.first?.value.scalarText == "photo.jpg")
    }

    @Test func syntaxErrorsPointIntoTheFile() {
        #expect(throws: Diagnostic.self) { try read("title: [unclosed\n") }
        do {
            _ = try read("title: A\ntags: [a, b\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.location?.file == "f.md")
            #expect((error.location?.line ?? 0) >= 3)
        }
    }

    @Test func anchorsAndDeepNestingAreRefused() throws {
        #expect(
            throws: Diagnostic.error(
                "YAML aliases (*name) are not supported here; write the value out",
                at: SourceLocation(file: "f.md", line: 3, column: 1))
        ) {
            try read("a: &x [1, 2]\nb: *x\n")
        }
        // A billion laughs fails at its first alias, at once.
        var bomb = "a: &a [\"lol\", \"lol\"]\n"
        for level in 1...30 { bomb += "l\(level): &l\(level) [*\(level == 1 ? "a" : "l\(level - 1)"), *\(level == 1 ? "a" : "l\(level - 1)")]\n" }
        #expect(throws: Diagnostic.self) { try read(bomb) }
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Diagnostic.self) { try read("a: \(deep)\n") }
    }

    @Test func datesAreCheckedForRealCalendarDays() {
        #expect(PageDate(parsing: "2026-11-20")?.day == "2026-11-20")
        #expect(PageDate(parsing: "2024-02-29") != nil)
        #expect(PageDate(parsing: "2026-02-29") == nil)
        #expect(PageDate(parsing: "2026-13-45") == nil)
        #expect(PageDate(parsing: "2026-11-20T10:30:00+08:00")?.day == "2026-11-20")
        #expect(PageDate(parsing: "2026-11-20 soon") == nil)
    }
}

@Suite struct PageDateArithmeticTests {
    /// The arithmetic agrees with Foundation's calendar on dates across centuries and offsets.
    @Test(arguments: [
        "1970-01-01", "2000-02-29", "2026-11-20T10:30:00+08:00", "1999-12-31T23:59:59-05:00",
        "2100-03-01", "1900-01-01T00:00:00Z", "2024-12-31T12:00:00+14:00",
    ])
    func instantsMatchFoundation(_ text: String) throws {
        let date = try #require(PageDate(parsing: text))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.count == 10 ? [.withFullDate] : [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        #expect(date.instant == formatter.date(from: text))
    }
}
