import Foundation
import PropertyBased
import Testing

@testable import HexaglotKit

// Property-based tests of the small text functions that everything else builds on: front matter
// splitting, heading ids, path-segment safety and URL encoding. Each property states what must hold
// for every input of a generated family; a failure prints the (shrunk) input and a `.fixedSeed(…)`
// that reproduces it.
//
// Strings are compared by their UTF-8 bytes (`bytes`) wherever the exact scalars matter: Swift's
// `==` on String ignores the difference between canonically equivalent forms (`é` and `e\u{301}`
// are equal to it), while a file name, an HTML id or a URL does not.
//
// Some properties found real bugs when they were written (characters followed by combining
// marks slipping past path checks, slugs left decomposed); each pins the smallest failing input.
//
// An error thrown out of a `propertyCheck` body is swallowed, not recorded as a failure, so no
// body here throws.

// MARK: - Generator helpers

/// One of `pool`, uniformly.
private func pick(_ pool: [String]) -> Generator<String, some Sequence & SendableMetatype> {
    Gen<String?>.element(of: pool).map { $0! }
}

/// Strings made of `count` pieces of `pool`; shrinks by leaving pieces out.
private func text(of pool: [String], _ count: ClosedRange<Int>) -> Generator<String, some Sequence & SendableMetatype> {
    pick(pool).array(of: count).map { $0.joined() }
}

/// Any Unicode scalar value (surrogates are not scalars and are skipped).
private let anyScalar = Gen<UInt32>.value(in: 0...(0x10FFFF - 0x800)).map { value in
    String(Character(Unicode.Scalar(value < 0xD800 ? value : value + 0x800)!))
}

extension String {
    fileprivate var bytes: [UInt8] { Array(utf8) }
    fileprivate var nfc: String { precomposedStringWithCanonicalMapping }
    fileprivate var nfd: String { decomposedStringWithCanonicalMapping }
}

/// Combining marks and other "Extend" scalars, which join the character before them into one
/// Swift `Character`.
private let extenders = ["\u{301}", "\u{308}", "\u{30C}", "\u{323}", "\u{20DD}", "\u{200D}", "\u{FE0F}"]

// MARK: - Front matter

@Suite struct FrontMatterSplitterProperties {
    /// Splits `text`, recording an issue if it throws.
    func split(_ text: String) -> FrontMatterSplitter.Parts? {
        do {
            return try FrontMatterSplitter().split(text, file: "a.md")
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    /// Text arriving at the splitter has gone through `SourceText.decode`: no leading byte order
    /// mark and every line ending in `\n` (no `\r`), so the generators make no other.
    static let yamlishLines = [
        "title: A", "date: 2026-01-02", "tags: [a, b]", "", " ", "\t", "  nested: value", "- item",
        "text: |", "  indented", "# comment", "summary: 'a --- b'", "key: ...",
        "标题: 消除持久性有机污染物", "عنوان: مرحبا بالعالم", "заголовок: Привет мир", "é: e\u{301}",
        // Near misses: none of these is a fence.
        "-", "--", "----", "- --", "-- -", " ---", "  ---", "\t---", "--- x", "---x", "x---", "---\u{301}",
        "\u{301}---", ".", "..", "....", ". . .", " ...", "...x", "—", "–––", "___", "***", "+++", "===",
    ]
    static let lineCharacters = ["a", "z", "Q", "0", " ", "\t", "-", "-", ".", ".", ":", "#", "'", "中", "é", "\u{301}", "\u{FEFF}"]

    /// `line` without trailing spaces and tabs, as scalars.
    static func trimmed(_ line: String) -> [Unicode.Scalar] {
        var scalars = Array(line.unicodeScalars)
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return scalars
    }

    /// A fence line, as the splitter reads it: `---` (or `...`) with any trailing spaces and tabs.
    /// (Trailing blanks after a fence are accepted on purpose, as Jekyll and YAML do.)
    static func isFenceLike(_ line: String) -> Bool {
        trimmed(line) == Array("---".unicodeScalars) || trimmed(line) == Array("...".unicodeScalars)
    }

    /// One line of YAML-ish text without its `\n`, never a fence.
    static var yamlLine: Generator<String, some Sequence & SendableMetatype> {
        Gen<String>.frequency(
            (2, pick(yamlishLines)),
            (1, text(of: lineCharacters, 0...10))
        ).filter { !isFenceLike($0) }
    }

    static let bodyPieces = ["Body", "\n", "\n", "---", "...", "---\n", "...\n", "# Title", "正文……", "Привет", " ", "\u{301}", "é", "* * *"]

    @Test func frontMatterBetweenFencesIsSplitOffExactly() async {
        let fences = ["---", "--- ", "---\t", "...", "... \t"]
        await propertyCheck(
            count: 200,
            input: Self.yamlLine.array(of: 0...8), pick(["---", "--- ", "---\t"]), pick(fences),
            text(of: Self.bodyPieces, 0...10)
        ) { lines, opening, closing, body in
            let yaml = lines.map { $0 + "\n" }.joined()
            guard let parts = split(opening + "\n" + yaml + closing + "\n" + body) else { return }
            #expect(parts.yaml?.bytes == yaml.bytes)
            #expect(parts.body.bytes == body.bytes)
            #expect(parts.yamlLineOffset == 1)
            #expect(parts.bodyLineOffset == lines.count + 2)
        }
    }

    @Test func textNotOpeningWithAFenceIsAllBody() async {
        // `...` closes front matter but does not open it.
        let firstLines = Self.yamlishLines + ["...", "... ", "# Title", "Text ---", "-\u{2014}-"]
        let firstLine = Gen<String>.frequency(
            (2, pick(firstLines)),
            (1, text(of: Self.lineCharacters, 0...10))
        ).filter { Self.trimmed($0) != Array("---".unicodeScalars) }
        await propertyCheck(
            count: 200, input: firstLine, Gen.bool, text(of: Self.bodyPieces, 0...10)
        ) { first, hasMore, rest in
            let text = hasMore ? first + "\n" + rest : first
            guard let parts = split(text) else { return }
            #expect(parts.yaml == nil)
            #expect(parts.body.bytes == text.bytes)
            #expect(parts.yamlLineOffset == 0)
            #expect(parts.bodyLineOffset == 0)
        }
    }

    @Test func unclosedFrontMatterIsReportedAtLineOne() async {
        await propertyCheck(
            count: 200,
            input: pick(["---", "--- ", "---\t"]), Self.yamlLine.array(of: 0...8), Gen.bool,
            pick(["a.md", "zh/news/2026-11-20-montreal.md", "fr/à propos.md"])
        ) { opening, lines, endsWithNewline, file in
            let text =
                lines.isEmpty && !endsWithNewline
                ? opening
                : opening + "\n" + lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
            do throws(Diagnostic) {
                let parts = try FrontMatterSplitter().split(text, file: file)
                Issue.record("no error; split into \(parts)")
            } catch {
                #expect(error.severity == .error)
                #expect(error.location == HexaglotKit.SourceLocation(file: file, line: 1, column: 1))
            }
        }
    }
}

// MARK: - Heading ids

@Suite struct HeadingSluggerProperties {
    static let pieces =
        [
            "a", "Z", "Hello", "ÉTÉ", "é", "e\u{301}", "E\u{301}", "Å", "A\u{30A}", "İ", "ß", "ẞ", "ǅ", "Σ", "ΣΑΣ",
            "ὈΔΥΣΣΕΎΣ", "Ⅻ", "½", "x²", "١٢٣", "Привет", "МИР", "消除", "持久性", "مرحبا", "한국어", "\u{1100}\u{1161}",
            " ", "  ", "\t", "\n", "\u{A0}", "\u{3000}", "\u{2028}", "\u{200B}", "\u{AD}",
            "-", "_", ".", ",", "!", "?", "'", "\"", "(", ")", "[", "]", "{", "}", "#", "$", "%", "&", "*", "+",
            "/", "\\", ":", ";", "<", "=", ">", "@", "^", "`", "|", "~",
            "—", "–", "・", "。", "、", "«", "»", "¿", "‿", "＿", "👍", "👩‍💻", "🇫🇷",
            "1", "42", "section", "section-1", "a-1",
        ] + extenders

    /// Heading text: mostly pieces of the pool above, sometimes any scalar at all.
    static var heading: Generator<String, some Sequence & SendableMetatype> {
        Gen<String>.frequency(
            (4, pick(pieces)),
            (1, anyScalar)
        ).array(of: 0...12).map { $0.joined() }
    }

    static let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    @Test func slugHasNoWhitespacePunctuationOrUppercase() async {
        await propertyCheck(count: 300, input: Self.heading) { heading in
            let slug = HeadingSlugger.slug(heading)
            let scalars = Array(slug.unicodeScalars)
            #expect(!scalars.isEmpty)
            #expect(!scalars.contains { $0.properties.isWhitespace }, "whitespace in \(scalars)")
            #expect(
                !scalars.contains { Self.asciiPunctuation.contains($0) && $0 != "-" && $0 != "_" },
                "ASCII punctuation in \(scalars)")
            #expect(!scalars.contains { $0.properties.lowercaseMapping != String($0) }, "uppercase in \(scalars)")
        }
    }

    @Test func slugIsIdempotent() async {
        // Swift's `==`: equal up to canonical equivalence. (Byte for byte it is not: see
        // `slugIsInNFC`.)
        await propertyCheck(count: 300, input: Self.heading) { heading in
            let once = HeadingSlugger.slug(heading)
            #expect(HeadingSlugger.slug(once) == once)
        }
    }

    @Test func slugDoesNotDependOnTheNormalizationForm() async {
        await propertyCheck(count: 300, input: Self.heading) { heading in
            #expect(HeadingSlugger.slug(heading.nfd).bytes == HeadingSlugger.slug(heading.nfc).bytes)
        }
    }

    /// Texts whose lowercase or punctuation-free form composes further under NFC: `J̌` lowercases
    /// to `j` + U+030C, which NFC writes as `ǰ`; dropping the `.` of `e.\u{301}` leaves `e\u{301}`.
    static var composesAfterSlugging: Generator<String, some Sequence & SendableMetatype> {
        pick(["J\u{30C}", "T\u{308}", "W\u{30A}", "Y\u{30A}", "e.\u{301}", "e\u{200B}\u{301}", "\u{1100}.\u{1161}", "A!\u{30A}"])
    }

    @Test func slugIsInNFC() async {
        // The type's documentation promises NFC ids, and the same id must come out whichever way a
        // link or a second slugging reaches it.
        do {
            await propertyCheck(
                input: text(of: ["a", "Б", " ", "中"], 0...4), Self.composesAfterSlugging, text(of: ["a", "Б", " ", "中"], 0...4)
            ) { before, core, after in
                let slug = HeadingSlugger.slug(before + core + after)
                #expect(slug.bytes == slug.nfc.bytes)
                #expect(HeadingSlugger.slug(slug).bytes == slug.bytes)
            }
            #expect(HeadingSlugger.slug("J\u{30C}").bytes == "ǰ".bytes)
        }
    }

    @Test func sluggerNeverHandsOutTheSameIdTwice() async {
        // A small pool, so that repeats, clashes with `-1` suffixes and the `section` fallback are common.
        let headings = pick([
            "a", "A", "a-1", "A 1", "a 1", "a-2", "a_1", "a--1", "a-1-1", "", "!", "?", "section",
            "Section", "section-1", "é", "e\u{301}", "É", "1", "1-1",
        ])
        await propertyCheck(count: 300, input: headings.array(of: 0...30)) { headings in
            var slugger = HeadingSlugger()
            let ids = headings.map { slugger.slug(for: $0) }
            #expect(Set(ids).count == ids.count, "ids: \(ids)")
            #expect(Set(ids.map(\.bytes)).count == ids.count, "ids: \(ids)")
        }
    }
}

// MARK: - Path safety

@Suite struct PathSafetyProperties {
    /// Letters and digits of one script, and `-`.
    static let scripts = [
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-éñßøÇ",
        "中文新闻保护臭氧层消除持久性有机污染物0123456789-",
        "مرحبابالعالمالأوزون٠١٢٣٤٥٦٧٨٩-",
        "приветмирозоновыйслойПРИВЕТЁё0123456789-",
    ].map { Array($0).map(String.init) }
    static let segmentCharacters = scripts.flatMap { $0 }

    /// A segment in one script (so that 50 Han characters, 150 bytes, come up) or in a mix of them.
    static func segment(_ length: ClosedRange<Int>) -> Generator<String, some Sequence & SendableMetatype> {
        Gen<String>.frequency(
            (1, text(of: segmentCharacters, length)),
            (1, text(of: scripts[0], length)),
            (1, text(of: scripts[1], length)),
            (1, text(of: scripts[2], length)),
            (1, text(of: scripts[3], length))
        )
    }

    static let forbiddenCharacters = ["/", "\\", "%", "\u{0}", "\u{1}", "\t", "\n", "\r", "\u{1B}", "\u{1F}", "\u{7F}"]

    @Test func segmentsOfLettersDigitsAndHyphensAreAccepted() async {
        await propertyCheck(count: 300, input: Self.segment(1...50)) { segment in
            #expect(PathSafety.problem(inSegment: segment) == nil)
        }
    }

    @Test func segmentsWithAForbiddenCharacterAreRefused() async {
        await propertyCheck(
            count: 300, input: Self.segment(0...20), pick(Self.forbiddenCharacters), Self.segment(0...20)
        ) { before, forbidden, after in
            #expect(PathSafety.problem(inSegment: before + forbidden + after) != nil)
        }
    }

    @Test func emptyDotAndDotStartedSegmentsAreRefused() async {
        await propertyCheck(count: 200, input: pick([".", ".."]), Self.segment(0...20)) { dots, rest in
            #expect(PathSafety.problem(inSegment: dots + rest) != nil)
        }
        #expect(PathSafety.problem(inSegment: "") != nil)
    }

    @Test func forbiddenCharacterFollowedByACombiningMarkIsRefused() async {
        // `contains("/")` and `hasPrefix(".")` compare Characters, and `/` + U+0301 is one
        // Character, so neither sees the `/` or `.` that the file system will see.
        do {
            await propertyCheck(
                input: Self.segment(0...10), pick(["/", "\\", "%"]), pick(extenders), Self.segment(0...10)
            ) { before, forbidden, mark, after in
                #expect(PathSafety.problem(inSegment: before + forbidden + mark + after) != nil)
            }
            await propertyCheck(input: pick(extenders), Self.segment(0...10)) { mark, rest in
                #expect(PathSafety.problem(inSegment: "." + mark + rest) != nil)
            }
            #expect(PathSafety.problem(inSegment: "a/\u{301}") != nil)
            #expect(PathSafety.problem(inSegment: ".\u{301}") != nil)
        }
    }

    @Test func segmentsWithAC1ControlCharacterAreRefused() async {
        // U+0080…U+009F are control characters (general category Cc) too; the check stops at U+007F.
        do {
            let c1 = Gen<UInt32>.value(in: 0x80...0x9F).map { String(Character(Unicode.Scalar($0)!)) }
            await propertyCheck(input: Self.segment(0...10), c1, Self.segment(0...10)) { before, control, after in
                #expect(PathSafety.problem(inSegment: before + control + after) != nil)
            }
            #expect(PathSafety.problem(inSegment: "a\u{85}") != nil)
        }
    }

    // MARK: OutputWriter.problem(inPath:)

    /// Any segment that PathSafety accepts, from a wide mix of characters.
    static var acceptedSegment: Generator<String, some Sequence & SendableMetatype> {
        text(of: segmentCharacters + HeadingSluggerProperties.pieces + ["~", ".", "..."], 1...6)
            .filter { PathSafety.problem(inSegment: $0) == nil }
    }

    @Test func joinsOfAcceptedSegmentsAreAccepted() async {
        await propertyCheck(count: 300, input: Self.acceptedSegment.array(of: 1...6)) { segments in
            let path = segments.joined(separator: "/")
            #expect(OutputWriter.problem(inPath: path) == nil, "path: \(Array(path.unicodeScalars))")
        }
    }

    @Test func pathsWithADotDotDotOrEmptySegmentAreRefused() async {
        await propertyCheck(
            count: 300,
            input: Self.segment(1...8).array(of: 0...4), pick(["..", ".", ""]), Self.segment(1...8).array(of: 0...4)
        ) { before, bad, after in
            let path = (before + [bad] + after).joined(separator: "/")
            #expect(OutputWriter.problem(inPath: path) != nil)
        }
    }

    @Test func absolutePathsAndPathsWithNULAreRefused() async {
        await propertyCheck(
            count: 300, input: Self.segment(1...8).array(of: 1...4), Gen.int(in: 0...1_000)
        ) { segments, position in
            let path = segments.joined(separator: "/")
            #expect(OutputWriter.problem(inPath: "/" + path) != nil)
            var scalars = Array(path.unicodeScalars)
            scalars.insert("\u{0}", at: position % (scalars.count + 1))
            #expect(OutputWriter.problem(inPath: String(String.UnicodeScalarView(scalars))) != nil)
        }
    }

    @Test func slashFollowedByACombiningMarkStillSeparatesSegments() async {
        // The path is split on the Character "/", and "/" + U+0301 is another Character, so
        // "../\u{301}x" is one harmless-looking segment to the check and two, the first "..", to
        // the file system; "/\u{301}x" passes as relative.
        do {
            await propertyCheck(
                input: Self.segment(1...8).array(of: 0...3), pick(["..", "."]), pick(extenders), Self.segment(1...8)
            ) { before, dots, mark, rest in
                let path = (before + [dots, mark + rest]).joined(separator: "/")
                #expect(OutputWriter.problem(inPath: path) != nil)
            }
            await propertyCheck(input: pick(extenders), Self.segment(1...8)) { mark, rest in
                #expect(OutputWriter.problem(inPath: "/" + mark + rest) != nil)
            }
            #expect(OutputWriter.problem(inPath: "../\u{301}x") != nil)
            #expect(OutputWriter.problem(inPath: "/\u{301}x") != nil)
        }
    }
}

// MARK: - URL paths

@Suite struct URLPathProperties {
    static var segment: Generator<String, some Sequence & SendableMetatype> {
        Gen<String>.frequency(
            (3, pick(HeadingSluggerProperties.pieces + ["\u{0}", "%", "%41", "%2F", "~", ".", "..", "+", "😀", "\u{FFFF}", "\u{10FFFF}"])),
            (1, anyScalar)
        ).array(of: 0...12).map { $0.joined() }
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "-._~".utf8.contains(byte)
        }
    }

    static func isUppercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    @Test func encodedSegmentIsUnreservedCharactersAndEscapes() async {
        await propertyCheck(count: 300, input: Self.segment) { segment in
            let encoded = Array(URLPath.encodeSegment(segment).utf8)
            var index = 0
            var escapes = 0
            while index < encoded.count {
                if encoded[index] == UInt8(ascii: "%") {
                    let isEscape =
                        index + 2 < encoded.count && Self.isUppercaseHex(encoded[index + 1])
                        && Self.isUppercaseHex(encoded[index + 2])
                    #expect(isEscape, "bad escape at \(index) of \(encoded)")
                    escapes += 1
                    index += 3
                } else {
                    #expect(Self.isUnreserved(encoded[index]), "reserved byte \(encoded[index]) in \(encoded)")
                    index += 1
                }
            }
            // Nothing unreserved is escaped: one escape for each other byte of the input.
            #expect(escapes == segment.utf8.count(where: { !Self.isUnreserved($0) }))
        }
    }

    @Test func percentDecodingGivesBackTheSegment() async {
        await propertyCheck(count: 300, input: Self.segment) { segment in
            #expect(URLPath.encodeSegment(segment).removingPercentEncoding?.bytes == segment.bytes)
        }
    }

    @Test func decodePathGivesBackTheEncodedPath() async {
        await propertyCheck(count: 300, input: Self.segment) { segment in
            #expect(URLPath.decodePath(URLPath.encodePath("/" + segment + "/"))?.bytes == ("/" + segment + "/").bytes)
        }
    }
}
