import Foundation
import PropertyBased
import Testing

@testable import HexaglotKit

// `SimpleYAMLReader` reads the common front matter without Yams and must give exactly what Yams
// gives, or decline. These properties generate documents near the edges of its subset (quotes,
// `#` and `: ` inside values, colons without a space, indicators, indentation, unicode, nesting)
// and compare the two readers node by node: values, `isPlain`, the bytes of every string (Swift's
// `==` would take `é` and `e\u{301}` for one) and every location.

/// One of `pool`, uniformly.
private func pick(_ pool: [String]) -> Generator<String, some Sequence & SendableMetatype> {
    Gen<String?>.element(of: pool).map { $0! }
}

/// Strings made of `count` pieces of `pool`.
private func text(of pool: [String], _ count: ClosedRange<Int>) -> Generator<String, some Sequence & SendableMetatype> {
    pick(pool).array(of: count).map { $0.joined() }
}

/// How many documents a property's simple reader read, of how many.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var read = 0
    private var total = 0

    func count(_ wasRead: Bool) {
        lock.withLock {
            total += 1
            if wasRead { read += 1 }
        }
    }

    var share: Double { lock.withLock { total == 0 ? 0 : Double(read) / Double(total) } }
}

@Suite struct SimpleYAMLReaderProperties {
    static let file = "zh/news/2026-11-20-montreal.md"

    /// The node spelled out in ASCII, every scalar of every string as written, with locations.
    static func dump(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        let place = "@\(node.location.file):\(node.location.line):\(node.location.column)\(node.location.isWholeFile ? "w" : "")"
        switch node.value {
        case .scalar(let text, let isPlain): return "\(isPlain ? "plain" : "quoted")(\(spelled(text)))\(place)"
        case .sequence(let items): return "[\(items.map(dump).joined(separator: ", "))]\(place)"
        case .mapping(let entries):
            let pairs = entries.map {
                "\(spelled($0.key))@\($0.keyLocation.line):\($0.keyLocation.column): \(dump($0.value))"
            }
            return "{\(pairs.joined(separator: ", "))}\(place)"
        }
    }

    static func spelled(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            (0x21...0x7E).contains(scalar.value) && scalar != "\\"
                ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
        }.joined()
    }

    /// Reads `yaml` both ways; an issue unless the simple reader declined or agrees with Yams.
    /// Returns whether the simple reader read it.
    @discardableResult
    static func compare(_ yaml: String, lineOffset: Int = 1) -> Bool {
        guard let simple = SimpleYAMLReader(file: file, lineOffset: lineOffset).read(yaml) else { return false }
        do {
            let yams = try YAMLReader(file: file, lineOffset: lineOffset).readWithYams(yaml)
            #expect(dump(simple) == dump(yams), "for \(yaml.debugDescription)")
            #expect(simple == yams, "for \(yaml.debugDescription)")
        } catch {
            Issue.record("Yams refused what the simple reader read, \(error), for \(yaml.debugDescription)")
        }
        return true
    }

    // MARK: Documents near the edges of the subset

    static let indents = ["", "", "", "", "", " ", "  ", "    "]
    static let keys = [
        "title", "date", "tags", "summary", "draft", "weight", "slug", "url", "image", "a:b", "a b", "a  b", "标题",
        "عنوان", "é", "e\u{301}", "-x", "x-", "-", "<<", "a'b", "a\"b", "'q'", "\"q\"", "?q", "? q", ":q", "&a", "!t",
        "*r", "a #b", "a#b", "%d", "@x", "`x", "[a]", "{a}", "a,b", "title ", "x\u{A0}", "😀", "0", "~", "true",
        String(repeating: "k", count: 1100),
    ]
    static let separators = [": ", ": ", ": ", ":", ":  ", " : ", ": \t", " :", "::", ": : ", ":\u{A0}"]
    static let plainValues = [
        "hello", "Hello World", "2026-01-02", "2026-11-20T10:00:00+00:00", "12", "-5", "+3", "0x1F", "0o17", "1e3",
        ".5", "1_000", "~", "null", "Null", "yes", "no", "on", "true", "False", ".inf", ".NaN", "https://example.com/a#b?c=d",
        "mailto:a@b.c", "a:b", "a: b", "a :b", "C# is #1", "a #b", "a#b", "x:", "-", "- x", "-x", "--- x", "?", "? x",
        "?x", ":x", "a, b", "a [b]", "a]", "a}", "a{b}", "it's", "say \"hi\"", "back\\slash", "消除持久性有机污染物",
        "مرحبا بالعالم", "Привет мир", "😀 👩‍💻", "e\u{301}", "\u{A0}x", "x\u{A0}", "a  b", "&anchor x", "*alias",
        "!tag x", "!!str 5", "|", ">", "|-", "@x", "`x", "%x", ",x",
    ]
    static let quotedValues = [
        "\"a: b\"", "\"say \\\"hi\\\"\"", "\"tab\\tx\"", "\"\\u00e9\"", "\"\\u0000\"", "\"\\u0085\"", "\"\\ud800\"",
        "\"\\x41\"", "\"\\q\"", "\"\\n\"", "\"\\/\"", "\"\\ \"", "\"\\\\\"", "\"a # b\"", "\"#\"", "\"\"", "''", "'it''s'",
        "'a # b'", "'a: b'", "'\\n'", "'''", "\"unterminated", "'unterminated", "'x' y", "\"a\"b", "\"a\" # c", "\"a\"#c",
        "\"a\": b", "'a'  ", "\"  spaced  \"", "\"标题\"", "'عنوان'", "\"e\u{301}\"", "\"\\u00e9\\u0301\"",
        "\"Factory visit: how a small plant cut waste\"",
    ]
    static let flowValues = [
        "[a, b, \"c d\"]", "[]", "[ ]", "[ a ,b ]", "[a,]", "[a, , b]", "['x', \"y, z\"]", "[a: b]", "[a, [b]]",
        "[a #c]", "[a] # c", "[a]#c", "[\"a\"b]", "[a", "[-1, - 2]", "[-, a]", "[a b, c]", "[a:b]", "[?x]", "[a]b",
        "[ozone, montreal-protocol, training]", "[消除, 臭氧]", "['it''s', \"\\\"q\\\"\"]", "{a: b}", "{ a: b , c: 'd' }",
        "{language: zh, hash: 1a9cde1c}", "{a: b, a: c}", "{}", "{a}", "{a:b}", "{a: }", "{a: [b]}", "{\"a\": b}",
        "{a: b,}", "{a b: c d}", "{a: b} x",
    ]
    static let valueCharacters = [
        "a", "Z", "0", "1", " ", "  ", ":", ": ", "#", " #", "'", "\"", "\\", ",", "[", "]", "{", "}", "-", "- ", "?",
        "&", "*", "!", "|", ">", "%", "@", "`", "~", ".", "é", "e\u{301}", "中", "ع", "😀", "\u{A0}", "\t", "\u{FEFF}",
        "\u{2028}", "\u{85}", "\u{7}", "/", "\\n", "\\t", "\\u00e9", "\\x41",
    ]
    static let otherLines = [
        "", "", "   ", "# comment", "  # indented comment", "#", "- item", "  - item", "- a: b", "---", "...", "--- x",
        "%YAML 1.2", "  continued", "\tx: y", "? complex", ": value", "[a, b]", "plain scalar", "  sub: v", "    deep: w",
        "- 'q'", "-", "- ", "- # c", "- - a", "- [a, b]",
    ]

    static var value: Generator<String, some Sequence & SendableMetatype> {
        Gen<String>.frequency(
            (4, pick(plainValues)),
            (3, pick(quotedValues)),
            (2, pick(flowValues)),
            (1, pick([""])),
            (2, text(of: valueCharacters, 0...6)),
            (1, text(of: valueCharacters, 0...6).map { "\"" + $0 + "\"" }),
            (1, text(of: valueCharacters, 0...6).map { "'" + $0 + "'" }),
            (1, text(of: valueCharacters, 0...4).array(of: 0...3).map { "[" + $0.joined(separator: ", ") + "]" })
        )
    }

    /// Mostly an ordinary key (numbered, so that few are given twice), sometimes an odd one.
    static var key: Generator<String, some Sequence & SendableMetatype> {
        Gen<String>.frequency(
            (5, zip(pick(["title", "date", "tags", "标题", "عنوان", "x"]), Gen<Int>.int(in: 0...99)).map { "\($0)\($1)" }),
            (2, pick(keys))
        )
    }

    /// `key: value` with now and then an odd separator, indentation or ending.
    static var field: Generator<String, some Sequence & SendableMetatype> {
        zip(
            Gen<String>.frequency((8, pick([""])), (1, pick(indents))), key,
            Gen<String>.frequency((6, pick([": "])), (1, pick(separators))), value,
            Gen<String>.frequency((6, pick([""])), (1, pick(["", " ", "  ", " # c", "# c", "\t", " #", "  # a: b"])))
        ).map { $0 + $1 + $2 + $3 + $4 }
    }

    static var line: Generator<String, some Sequence & SendableMetatype> {
        Gen<String>.frequency(
            (8, field),
            (1, zip(pick(indents), pick(["-", "- ", "-  "]), value).map { $0 + $1 + $2 }),
            (1, pick(otherLines))
        )
    }

    @Test func documentsNearTheEdgesReadAsYamsReadsThem() async {
        let tally = Tally()
        await propertyCheck(count: 4000, input: Self.line.array(of: 1...5), Gen.bool, Gen<Int>.int(in: 0...3)) {
            lines, endsWithNewline, lineOffset in
            let yaml = lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
            tally.count(Self.compare(yaml, lineOffset: lineOffset))
        }
        // The generator must reach into the subset, not only around it.
        #expect(tally.share > 0.1, "the simple reader read \(tally.share) of the documents")
    }

    // MARK: Front matter as sites write it

    static let fieldNames = ["title", "date", "tags", "summary", "draft", "weight", "slug", "image", "标题", "عنوان", "author"]
    static let safeValues = [
        "Hello World", "2026-01-02", "2026-11-20T10:00:00+00:00", "12", "-5", "true", "no", "~", "null", "", "a:b",
        "https://example.com/a#b", "C# is #1", "消除持久性有机污染物", "مرحبا بالعالم", "\"Factory visit: how\"", "'it''s'",
        "\"say \\\"hi\\\" \\\\ there\"", "[ozone, montreal-protocol]", "[a, \"c d\", 'e']", "[]", "{language: zh, hash: 1a9c}",
        "value # comment", "\"quoted\" # comment", "'x'   ",
    ]

    /// A field as its key and its lines: `key: value`, or `key:` and a nested block under it.
    static var siteField: Generator<(String, String), some Sequence & SendableMetatype> {
        Gen<(String, String)>.frequency(
            (6, zip(pick(fieldNames), pick(safeValues)).map { key, value in (key, "\(key): \(value)") }),
            (
                1,
                zip(pick(fieldNames), pick(["  ", "    ", ""]), pick(safeValues).filter { !$0.isEmpty }.array(of: 1...3))
                    .map { key, indent, items in
                        (key, "\(key):\n" + items.map { "\(indent)- \($0)" }.joined(separator: "\n"))
                    }
            ),
            (
                1,
                zip(pick(fieldNames), pick(["  ", "    "]), zip(pick(["x", "y", "z", "é"]), pick(safeValues)).array(of: 1...3))
                    .map { key, indent, pairs in
                        var seen: Set<String> = []
                        let unique = pairs.filter { seen.insert($0.0).inserted }
                        return (key, "\(key): # nested\n" + unique.map { "\(indent)\($0.0): \($0.1)" }.joined(separator: "\n"))
                    }
            ),
            (1, pick(["", "# comment", "  # indented comment"]).map { ("", $0) })
        )
    }

    @Test func commonFrontMatterIsReadWithoutYamsAndAsYamsReadsIt() async {
        let tally = Tally()
        await propertyCheck(count: 1000, input: Self.siteField.array(of: 1...8)) { fields in
            // Each key once (a key given twice is Yams' to report).
            var keys: Set<String> = []
            let lines = fields.filter { $0.0.isEmpty || keys.insert($0.0).inserted }.map(\.1)
            tally.count(Self.compare(lines.joined(separator: "\n") + "\n"))
        }
        // Only a document of comments is left to Yams here.
        #expect(tally.share > 0.9, "the simple reader read \(tally.share) of the documents")
    }

    // MARK: Examples

    @Test func theBenchmarkCorpusShapeIsReadWithoutYams() {
        let yaml = """
            title: "Factory visit: how a \\"small\\" plant cut waste"
            date: 2023-04-05T06:07:08+00:00
            tags: [ozone, montreal-protocol, training]
            summary: "消除持久性有机污染物"
            draft: true

            """
        #expect(Self.compare(yaml))
    }

    @Test func theSitesOwnFrontMatterIsReadWithoutYams() throws {
        let content = Fixtures.repositoryRoot.appendingPathComponent("content")
        let files = FileManager.default.enumerator(atPath: content.path)?.compactMap { $0 as? String } ?? []
        var count = 0
        for path in files where path.hasSuffix(".md") {
            let text = try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8)
            guard let yaml = try FrontMatterSplitter().split(text, file: path).yaml else { continue }
            #expect(Self.compare(yaml), "\(path) was left to Yams")
            count += 1
        }
        #expect(count > 50)
    }

    @Test func whatTheSubsetLeavesOutIsLeftToYams() {
        let outside = [
            "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: >\n  text\n", "? a\n: b\n", "a: 1\na: 2\n",
            "a: b\n  c\n", "a: [b,\n  c]\n", "a: 'b\n  c'\n", "---\na: 1\n", "a: 1\n...\n", "%YAML 1.2\n---\na: 1\n",
            "a:\tb\n", "\u{FEFF}a: 1\n", "a: \"\\x41\"\n", "- a\n- b\n", "plain\n", "", "# only a comment\n", "  a: 1\n",
            "\"a\": 1\n", "a:\n  - b\n  c: d\n", "a:\n -\n", "a: b: c\n",
        ]
        for yaml in outside {
            #expect(SimpleYAMLReader(file: Self.file, lineOffset: 1).read(yaml) == nil, "for \(yaml.debugDescription)")
        }
    }
}
