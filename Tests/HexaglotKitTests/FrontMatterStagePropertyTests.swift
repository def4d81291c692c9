import Foundation
import PropertyBased
import Testing

@testable import HexaglotKit

// The shortcuts taken in the front matter stage for speed give the answers of the slower code
// they stand in front of: the byte test for control characters, `isNull`, the blank-tag test
// and the splitter's byte search for line feeds.

/// One of `pool`, uniformly.
private func pick(_ pool: [String]) -> Generator<String, some Sequence & SendableMetatype> {
    Gen<String?>.element(of: pool).map { $0! }
}

/// Strings made of `count` pieces of `pool`.
private func text(of pool: [String], _ count: ClosedRange<Int>) -> Generator<String, some Sequence & SendableMetatype> {
    pick(pool).array(of: count).map { $0.joined() }
}

@Suite struct FrontMatterStageProperties {
    /// Controls, their neighbours, and the lead bytes they share with printable text.
    static let pieces = [
        "a", " ", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "«", "»",
        "é", "e\u{301}", "中", "ع", "😀", "\u{2028}", "\u{FEFF}", "\u{3000}", "\u{2009}", "\u{301}", "-", "---", "...",
        "~", "null", "NULL", "nul", "x",
    ]

    @Test func theByteTestForControlsAgreesWithTheScalars() async {
        await propertyCheck(count: 2000, input: text(of: Self.pieces, 0...12)) { text in
            let byScalars = text.unicodeScalars.contains(where: TextHygiene.isForbiddenControl)
            #expect(TextHygiene.containsForbiddenControl(text.utf8) == byScalars)
            #expect((TextHygiene.firstForbiddenControl(in: text) != nil) == byScalars)
        }
    }

    /// Source files take a one-pass path when they hold no CR and no control; it must give
    /// what the general path gives (byte order mark dropped, CRs to LF, controls refused).
    @Test func decodingASourceFileAgreesWithTheGeneralPath() async {
        await propertyCheck(count: 2000, input: text(of: Self.pieces, 0...12), Gen.bool) { text, withMark in
            let bytes = (withMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
            let unmarked = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            let expected = String(decoding: unmarked, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n")
            let refused = expected.unicodeScalars.contains(where: TextHygiene.isForbiddenControl)
            do {
                let decoded = try SourceText.decode(Data(bytes), file: "a.md")
                #expect(!refused, "\(text.debugDescription) was accepted")
                #expect(Array(decoded.text.utf8) == Array(expected.utf8), "\(text.debugDescription)")
            } catch {
                #expect(refused, "\(text.debugDescription): \(error)")
            }
        }
    }

    @Test func isNullIsWhatTheCoreSchemaResolvesToNull() async {
        await propertyCheck(count: 1000, input: text(of: Self.pieces, 0...3), Gen.bool) { text, isPlain in
            let node = YAMLNode(.scalar(text, isPlain: isPlain), at: SourceLocation(file: "a.md", line: 1))
            #expect(node.isNull == (node.resolved == .null))
        }
    }

    @Test func aBlankTagIsOneThatTrimsToNothing() async {
        await propertyCheck(count: 1000, input: text(of: Self.pieces, 0...4)) { text in
            #expect(FrontMatter.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty)
        }
    }

    @Test func linesEndAtTheFirstLineFeedCharacter() async {
        // With a CR before it, `\r\n` is one Character and not the `\n` the splitter looks for.
        await propertyCheck(count: 1000, input: text(of: Self.pieces + ["---\n", "---\r\n", "...\n", "--- \n"], 0...12)) { text in
            let parts = try? FrontMatterSplitter().split(text, file: "a.md")
            let expected = Self.referenceSplit(text)
            #expect(parts?.yaml.map { Array($0.utf8) } == expected?.yaml.map { Array($0.utf8) })
            #expect(parts.map { Array($0.body.utf8) } == expected.map { Array($0.body.utf8) })
            #expect(parts?.yamlLineOffset == expected?.yamlLineOffset)
            #expect(parts?.bodyLineOffset == expected?.bodyLineOffset)
        }
    }

    /// The splitter as it was, walking Characters to find line ends; nil for an unclosed block.
    static func referenceSplit(_ text: String) -> FrontMatterSplitter.Parts? {
        func isFence(_ line: Substring, allowDots: Bool) -> Bool {
            var content = line.utf8[...]
            while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { content.removeLast() }
            return content.elementsEqual("---".utf8) || (allowDots && content.elementsEqual("...".utf8))
        }
        var lineStart = text.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            let next = lineEnd == text.endIndex ? text.endIndex : text.index(after: lineEnd)
            if let start = yamlStart {
                if isFence(line, allowDots: true) {
                    return .init(
                        yaml: String(text[start..<lineStart]), body: String(text[next...]), yamlLineOffset: 1,
                        bodyLineOffset: lineNumber)
                }
            } else {
                guard isFence(line, allowDots: false) else { return .init(yaml: nil, body: text, yamlLineOffset: 0, bodyLineOffset: 0) }
                yamlStart = next
            }
            if lineEnd == text.endIndex { break }
            lineStart = next
            lineNumber += 1
        }
        return yamlStart == nil ? .init(yaml: nil, body: text, yamlLineOffset: 0, bodyLineOffset: 0) : nil
    }
}
