import Foundation
import Testing

@testable import HexaglotKit

/// The fast paths in the text helpers must answer exactly what the plain code they replace did.
@Suite struct TextFastPathTests {
    @Test func scalarTraitsMatchTheStandardLibrary() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF where value < 0x10000 || value % 97 == 0 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let traits = ScalarTraits.of(scalar)
            let properties = scalar.properties
            if traits.contains(.alphabetic) != properties.isAlphabetic
                || traits.contains(.numeric) != (properties.numericType != nil)
                || traits.contains(.ideographic) != properties.isIdeographic
                || traits.contains(.nonspacingMark) != (properties.generalCategory == .nonspacingMark)
                || traits.contains(.spaceSeparator) != (properties.generalCategory == .spaceSeparator)
                || traits.contains(.wideScript) != CJKText.isWideScript(scalar)
                || traits.contains(.changesWhenLowercased) != (String(scalar).lowercased() != String(scalar))
                || ScalarTraits.withTable({ $0(value) }) != traits
            {
                disagreements.append(value)
            }
        }
        #expect(disagreements.isEmpty)
    }

    /// The slug skips Foundation's NFC when the standard library's quick check passes; that is
    /// only sound while the two agree on what is already in NFC.
    @Test func quickCheckedNFCIsLeftAloneByFoundation() {
        guard #available(macOS 26, *) else { return }
        var disagreements: [UInt32] = []
        for value in UInt32(0x80)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            var span = text.utf8Span
            if span.checkForNFC(quickCheck: true), !text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8) {
                disagreements.append(value)
            }
        }
        #expect(disagreements.isEmpty)
    }

    /// The slug as it was written before the fast paths: Foundation's NFC on every text.
    static func plainSlug(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark,
                .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
                result.append(scalar)
            case .spaceSeparator:
                result.append("-")
            case .dashPunctuation where scalar == "-":
                result.append(scalar)
            default:
                if scalar == " " || scalar == "\t" { result.append("-") }
            }
        }
        let slug = String(result).precomposedStringWithCanonicalMapping
        return slug.isEmpty ? "section" : slug
    }

    @Test func slugsAreTheSameAsWithoutTheFastPaths() {
        let ascii = String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) })
        let texts = [
            ascii, "", " ", "\t", "Hello, World!", "renewable-energy", "A_b-C d\te", "!!!",
            "Café", "Cafe\u{301}", "J\u{30C}", "İstanbul", "ΣΊΣΥΦΟΣ", "Привет мир", "消除持久性有机污染物",
            "إدارة البيئة", "Qu’est-ce que l’ONUDI ?", "a\u{323}\u{307}", "\u{1100}\u{1161}\u{11A8}",
            "x\u{2003}y\u{00A0}z", "Ⅻ ①", "🙂 emoji", "\u{FB01}le", "Å Ω K", "\u{10400}\u{10428} Deseret",
            "ⅫⅪ", "ǅ ǈ", "ΌΣΟΣ ΟΣ", "Ⓐⓑ",
        ]
        for text in texts {
            #expect(HeadingSlugger.slug(text).utf8.elementsEqual(Self.plainSlug(text).utf8), "\(text.debugDescription)")
        }
    }

    @Test func readingTimeCountsEveryScript() {
        #expect(SummaryText.readingMinutes(String(repeating: "слово ", count: 500)) == 2)
        #expect(SummaryText.readingMinutes(String(repeating: "كلمة ", count: 750)) == 3)
        #expect(SummaryText.readingMinutes(String(repeating: "かな", count: 600)) == 3)
        // A combining mark continues its word.
        #expect(SummaryText.readingMinutes(String(repeating: "cafe\u{301}x ", count: 500)) == 2)
    }

    @Test func forbiddenControlsAreFoundAtEveryOffset() {
        // The scan reads eight bytes at a time: a control in any lane, or a C2 80…9F pair across
        // two words, must still be found at its own offset; tabs, line feeds, « and no-break
        // spaces are not controls.
        let filler = "Texte «ok»\tsans\u{A0}contrôle\n"
        for control in ["\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}"] {
            for offset in 0...24 {
                let text = String(filler.unicodeScalars.prefix(offset)) + control + "suite"
                let found = TextHygiene.firstForbiddenControl(in: text)
                #expect(found?.offset == offset, "\(control.debugDescription) after \(offset) scalars")
                #expect(found?.scalar == control.unicodeScalars.first)
            }
        }
        #expect(TextHygiene.firstForbiddenControl(in: String(repeating: filler, count: 9)) == nil)
    }

    @Test func leftToRightRunsAreTheSameInBytesAndInText() {
        let texts = [
            "تعاون مع UNIDO's BAT/BEP في 2026", "plain Latin only", "مرحبا", "ABC مرحبا", "مرحبا ABC",
            "مع e-waste: Stockholm و Basel.", "مع café ΣΊΣΥΦΟΣ Привет 🙂 و x", "عربي 123 ١٢٣ A1",
        ]
        for text in texts {
            let runs = BidiRuns.leftToRightRuns(in: text).map { String(text[$0]) }
            var copy = text
            let byteRuns = copy.withUTF8 { bytes in
                BidiRuns.leftToRightRuns(inUTF8: bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
            }
            #expect(runs == byteRuns, "\(text)")
        }
        #expect(
            BidiRuns.leftToRightRuns(in: "تعاون مع UNIDO's BAT/BEP في 2026").map { String("تعاون مع UNIDO's BAT/BEP في 2026"[$0]) } == [
                "UNIDO's BAT/BEP"
            ])
        #expect(BidiRuns.leftToRightRuns(in: "plain Latin only").isEmpty)
    }

    /// The runs by the rules alone, scalar by scalar from Unicode's properties (no byte fast paths).
    static func plainLeftToRightRuns(_ text: String) -> [String] {
        func isRightToLeft(_ value: UInt32) -> Bool {
            switch value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
            default: return false
            }
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { isRightToLeft($0.value) }) else { return [] }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value >= 0x41 && scalar.properties.isAlphabetic && scalar.properties.generalCategory != .nonspacingMark
                && !isRightToLeft(scalar.value)
        }
        let joiners: Set<Unicode.Scalar> = [" ", "-", "/", ".", "'", "\u{2019}", "&", "+", "_", ":"]
        var runs: [String] = []
        var index = 0
        while index < scalars.count {
            guard isLetter(scalars[index]) else {
                index += 1
                continue
            }
            var end = index + 1
            var probe = end
            while probe < scalars.count {
                if isLetter(scalars[probe]) || scalars[probe].properties.numericType != nil {
                    probe += 1
                    end = probe
                } else if joiners.contains(scalars[probe]) {
                    probe += 1
                } else {
                    break
                }
            }
            var run = String.UnicodeScalarView()
            run.append(contentsOf: scalars[index..<end])
            runs.append(String(run))
            index = end
        }
        return runs
    }

    @Test func leftToRightRunsFollowTheRulesInEveryScript() {
        // Arabic, Hebrew, Syriac, Thaana and N'Ko letters (two-byte, skipped without decoding),
        // Armenian (two-byte but left-to-right), Latin, Greek, Cyrillic, CJK, digits of both
        // kinds, joiners, marks, astral scalars.
        let pieces = [
            "مرحبا", "שלום", "ܫܠܡܐ", "ދިވެހި", "ߒߞߏ", "Հայերեն", "UNIDO", "BAT/BEP", "e-waste", "café", "ΣΊΣΥΦΟΣ",
            "Привет", "消除", "2026", "١٢٣", " ", "’", "'", ": ", ".", "(", ")", "«", "»", "\u{64B}", "a\u{301}", "🙂",
            "\u{10900}", "@", "[", "`", "{", "_",
        ]
        var generator = SystemRandomNumberGenerator()
        var texts = pieces
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 1...9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(BidiRuns.leftToRightRuns(in: text).map { String(text[$0]) } == Self.plainLeftToRightRuns(text), "\(text)")
        }
    }

    @Test func simpleLowercasesAreUnicodesMappings() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), let lower = HeadingSlugger.simpleLowercase(value) else { continue }
            #expect(scalar.properties.lowercaseMapping == String(lower), "U+\(String(value, radix: 16))")
        }
    }

    /// Reading time's counts by its rules alone, scalar by scalar from Unicode's properties.
    static func plainReadingCounts(_ text: String) -> (words: Int, wide: Int) {
        var wide = 0
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if scalar.isASCII {
                let isWordCharacter = properties.isAlphabetic || properties.numericType != nil
                if isWordCharacter && !inWord { words += 1 }
                inWord = isWordCharacter
            } else if CJKText.isWideScript(scalar) {
                if properties.isIdeographic || properties.isAlphabetic { wide += 1 }
                inWord = false
            } else if properties.isAlphabetic || properties.numericType != nil {
                if !inWord { words += 1 }
                inWord = true
            } else if properties.generalCategory != .nonspacingMark {
                inWord = false
            }
        }
        return (words, wide)
    }

    static func readingCounts(_ text: String) -> (words: Int, wide: Int) {
        var text = text
        return text.withUTF8 { SummaryText.readingCounts(utf8: $0) }
    }

    @Test func readingTimeFollowsTheRulesAtEveryAlignment() {
        // Runs of ASCII (read eight bytes at a time) of every length, between other scripts.
        let pieces = [
            "a", "Z", "0", "9", " ", "@", "[", "`", "{", "/", ":", "word ", "two words, ", "x1y2 ", "слово ", "كلمة ", "字", "かな",
            "cafe\u{301}", "é", "\u{301}", "١٢٣", "🙂", "\t", "\n",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...400, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Self.readingCounts(text) == Self.plainReadingCounts(text), "\(text.debugDescription)")
        }
        let ascii = String(repeating: "ab1 c, ", count: 2000)
        #expect(Self.readingCounts(ascii) == Self.plainReadingCounts(ascii))
        #expect(Self.readingCounts(ascii).words == 4000)
    }

    @Test func readingTimeIsTheSameFromBytes() {
        for text in ["слово ", "كلمة ", "字", "cafe\u{301}x ", "word, "] {
            let long = String(repeating: text, count: 777)
            #expect(SummaryText.readingMinutes(utf8: Array(long.utf8)) == SummaryText.readingMinutes(long))
        }
    }

    @Test func xmlEscapingOverBytesMatchesTheRulesScalarByScalar() {
        // The reference: XML 1.0's characters, the five specials as entities, scalar by scalar.
        func reference(_ text: String) -> String {
            var result = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                case "'": result += "&apos;"
                default:
                    let value = scalar.value
                    if value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                        || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                    {
                        result.unicodeScalars.append(scalar)
                    }
                }
            }
            return result
        }
        let texts = [
            "<p>Tom & Jerry's \"show\"</p>", "ok\u{0}\u{1}\u{8}\t\n\r\u{1F}end", "\u{FFFE}\u{FFFF}\u{FFFD}\u{FEFF}\u{EFFF}",
            "تعاون <b>UNIDO</b> — 消除持久性有机污染物 🙂", "\u{7F}\u{85}\u{9F}x", "&amp;", "", "plain",
        ]
        for text in texts {
            #expect(XMLEscaping.escape(text) == reference(text), "\(text.debugDescription)")
            #expect(XMLEscaping.escape(text + text) == reference(text) + reference(text))
        }
    }

    @Test func frontMatterFencesMayEndInSpacesAndTabs() throws {
        let parts = try FrontMatterSplitter().split("--- \t\ntitle: A\n... \nBody", file: "a.md")
        #expect(parts.yaml == "title: A\n")
        #expect(try FrontMatterSplitter().split("----\ntitle: A\n---\n", file: "a.md").yaml == nil)
        #expect(try FrontMatterSplitter().split("---\u{301}\ntitle: A\n---\n", file: "a.md").yaml == nil)
    }

    @Test func fileNameIsTheLastComponent() {
        func name(_ path: String) -> String {
            SourceFile(relativePath: path, displayPath: path, url: URL(fileURLWithPath: "/" + path)).fileName
        }
        #expect(name("news/2026-10-05-visit/index.md") == "index.md")
        #expect(name("a.md") == "a.md")
        #expect(name("a/b/") == "b")
        #expect(name("") == "")
        #expect(name("//") == "")
        #expect(name("新闻/文章.md") == "文章.md")
        #expect(name("a/\u{301}b.md") == "a/\u{301}b.md")
    }

    /// Each byte test of the Windows name check agrees with looking the byte up in the list of
    /// forbidden characters, for every byte in every position.
    @Test func windowsForbiddenBytesAreThoseOfTheList() {
        var disagreements: [UInt8] = []
        for byte in UInt8(0x20)...0x7E {
            let name = "a" + String(UnicodeScalar(byte)) + "b.md"
            let listed = "<>:\"|?*".utf8.contains(byte)
            if (PathSafety.windowsProblem(inFileName: name)?.contains("which Windows does not allow") == true) != listed {
                disagreements.append(byte)
            }
        }
        #expect(disagreements.isEmpty)
        #expect(PathSafety.windowsProblem(inFileName: "新闻|稿.md")?.contains("'|'") == true)
    }

    /// Built in one allocation, the same text `+` gives.
    @Test func utf8JoiningGivesWhatConcatenationGives() {
        let parts = ["img/", "café-", "", "480", "w-", "0123456789ab", "新闻"]
        let joined = UTF8Joining.build(capacity: parts.reduce(0) { $0 + $1.utf8.count }) { text in
            for part in parts { text.put(part) }
        }
        #expect(joined == parts.joined())
        #expect(UTF8Joining.build(capacity: 0) { _ in } == "")
        #expect(UTF8Joining.build(capacity: 8) { $0.put("新闻", first: 3) } == "新")
        for number in [0, 7, 10, 480, 1600, 99_999, Int.max, -3, Int.min] {
            let written = UTF8Joining.build(capacity: UTF8Joining.Writer.decimalCapacity + 4) { text in
                text.put("w")
                text.put(decimal: number)
                text.put("0123456789abcdef", first: 2)
            }
            #expect(written == "w\(number)01", "\(number)")
        }
        var bytes: [UInt8] = [0x41]
        bytes.append(utf8Of: "é新")
        #expect(bytes == Array("Aé新".utf8))
    }

    /// The cache's format names read back as the formats that wrote them, and nothing else does.
    @Test func imageFormatNamesReadBack() {
        for format in ImageFormat.allCases {
            var name = format.rawValue
            #expect(name.withUTF8 { ImageFormat(named: $0) } == format)
        }
        for other in ["jpg", "AVIF", "web", "webpp", "p"] {
            var name = other
            #expect(name.withUTF8 { ImageFormat(named: $0) } == nil, "\(other)")
        }
    }
}
