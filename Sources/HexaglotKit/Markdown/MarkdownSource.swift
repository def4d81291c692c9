import Foundation

/// How to render one page's Markdown.
public struct MarkdownSource: Sendable {
    public var text: String
    /// The file, relative to the site folder, for diagnostics.
    public var file: String
    /// Lines of the file before `text` begins (the front matter).
    public var lineOffset: Int
    public var allowsRawHTML: Bool
    /// Drop the first `# ` heading: the page took its title from it and the layout shows the title.
    public var dropsTitleHeading: Bool
    /// Wrap left-to-right runs (Latin names, code) in `<bdi>`, for right-to-left pages.
    public var isolatesLeftToRightRuns: Bool
    /// No-break spaces before `: ; ! ? »` and after `«` in the text, for French pages (`FrenchSpacing`).
    public var usesFrenchSpacing = false
    /// A YouTube or Facebook video URL alone in a paragraph becomes a card with these words;
    /// nil leaves such links as links.
    public var videoCards: VideoCardText?

    public init(
        text: String, file: String, lineOffset: Int = 0, allowsRawHTML: Bool = false,
        dropsTitleHeading: Bool = false, isolatesLeftToRightRuns: Bool = false, videoCards: VideoCardText? = nil
    ) {
        self.videoCards = videoCards
        self.text = text
        self.file = file
        self.lineOffset = lineOffset
        self.allowsRawHTML = allowsRawHTML
        self.dropsTitleHeading = dropsTitleHeading
        self.isolatesLeftToRightRuns = isolatesLeftToRightRuns
    }

    /// The summary marker: the text before a `<!--more-->` line is the page's summary.
    public static let summaryMarker = "<!--more-->"

    /// The text before a `<!--more-->` line, and the text with that line removed (its
    /// neighbours keep their line numbers but one). Searched as bytes: it runs on every page.
    public static func splitSummary(_ text: String) -> (summary: String, text: String)? {
        var text = text
        // Over the bytes in place: most bodies have no marker, and copying each one cost ~1% of a build.
        return text.withUTF8 { bytes -> (summary: String, text: String)? in
            let marker = Array(summaryMarker.utf8)
            guard bytes.count >= marker.count else { return nil }
            guard let base = bytes.baseAddress else { return nil }
            var index = 0
            while index + marker.count <= bytes.count {
                // memchr jumps to the next `<` (a byte loop was ~1% of a build).
                guard let found = memchr(base + index, Int32(marker[0]), bytes.count - index) else { return nil }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard index + marker.count <= bytes.count,
                    UnsafeBufferPointer(rebasing: bytes[index..<index + marker.count]).elementsEqual(marker)
                else {
                    index += 1
                    continue
                }
                var lineStart = index
                while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
                var lineEnd = index + marker.count
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let before = bytes[lineStart..<index], after = bytes[(index + marker.count)..<lineEnd]
                if before.allSatisfy({ $0 == UInt8(ascii: " ") }) && after.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                    let summary = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<lineStart]), as: UTF8.self)
                    return (summary, summary + String(decoding: UnsafeBufferPointer(rebasing: bytes[lineEnd...]), as: UTF8.self))
                }
                index += marker.count
            }
            return nil
        }
    }
}
