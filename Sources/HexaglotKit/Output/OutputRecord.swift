import Foundation

/// The list of files a build wrote, kept in the output folder (`.hexaglot-written`) so that it
/// travels with the folder (a `gh-pages` worktree, a deploy copy): the next build replaces or
/// removes exactly those files and leaves everything else in the folder as it found it.
///
/// One path a line, `/`-separated and sorted, after a comment line: the same site gives the same
/// bytes, so the file does not break a byte-for-byte comparison of two builds. A second comment
/// line summarises the files in the photos' variant folder (`FolderSummary`); a record without it
/// (written before it) is read as it always was.
struct OutputRecord: Equatable, Sendable {
    static let fileName = ".hexaglot-written"
    private static let header = "# Files written by hexaglot build; the next build replaces or removes only these. Keep this file with the site."
    /// The folder summarised: the photos' variants, two thousand files on a site with 200 photos.
    static let summarizedFolder = PlannedVariant.folder

    /// What the folder held before this build, as far as the build may change it.
    enum Previous: Equatable, Sendable {
        /// A folder that does not exist or is empty.
        case nothing
        /// The files an earlier build recorded.
        case recorded(OutputRecord)
        /// Everything but the hidden entries at the top (`.git`, `.nojekyll`): a folder written by
        /// a Hexaglot build from before the record, or one the user lets the build clean.
        case everythingVisible
    }

    /// Every recorded path, except, in a record read with a summary, those directly in the
    /// summarised folder: they are kept unparsed in `summarizedLines` (see `complete`).
    var paths: Set<String>
    /// The files directly in `summarizedFolder`, when the record read had its summary line.
    private(set) var summary: FolderSummary?
    /// The record's text and the byte ranges of those files' lines, not yet checked or made into
    /// paths: a warm rebuild whose old variant folder matches the summary never needs them.
    private var text = ""
    private var summarizedLines: [Range<Int>] = []

    init(paths: Set<String>) {
        self.paths = paths
    }

    /// The record with every path in `paths`.
    var complete: OutputRecord {
        guard !summarizedLines.isEmpty else { return OutputRecord(paths: paths) }
        var paths = paths
        var text = text
        text.withUTF8 { buffer in
            for range in summarizedLines {
                let path = String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
                if OutputWriter.problem(inPath: path) == nil { paths.insert(path) }
            }
        }
        return OutputRecord(paths: paths)
    }

    /// The folders the recorded files lie in (`zh`, `zh/news`), to walk only through those.
    var folders: Set<String> {
        var folders: Set<String> = []
        for path in paths {
            // By bytes: `lastIndex(of:)` on characters was most of the walk of the old output.
            var rest = Substring(path)
            while let slash = rest.utf8.lastIndex(of: UInt8(ascii: "/")) {
                rest = rest[..<slash]
                guard folders.insert(String(rest)).inserted else { break }
            }
        }
        return folders
    }

    static func read(in folder: String) -> OutputRecord? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName),
            var text = String(data: data, encoding: .utf8), text.hasPrefix("# ")
        else { return nil }
        var record = OutputRecord(paths: [])
        var counted = FolderSummary()
        let prefix = Array((summarizedFolder + "/").utf8)
        // One pass over the bytes: splitting the text into substrings cost more than the walk
        // the record guides.
        text.withUTF8 { buffer in
            var start = 0, number = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
                defer { start = end + 1 }
                guard end > start else { continue }
                number += 1
                let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                if number == 1 { continue }  // the header
                if number == 2, line[0] == UInt8(ascii: "#"),
                    let summary = FolderSummary.parse(line: Substring(String(decoding: line, as: UTF8.self)), for: summarizedFolder)
                {
                    record.summary = summary
                    continue
                }
                if record.summary != nil, line.count > prefix.count, line.starts(with: prefix),
                    !line[prefix.count...].contains(UInt8(ascii: "/"))
                {
                    record.summarizedLines.append(start..<end)
                    counted.add(name: line[prefix.count...])
                    continue
                }
                let path = String(decoding: line, as: UTF8.self)
                if OutputWriter.problem(inPath: path) == nil { record.paths.insert(path) }
            }
        }
        record.text = text
        // A summary that does not count the lines it summarises is not trusted: the record is
        // then read whole, as one without a summary.
        if let summary = record.summary, summary == counted { return record }
        return record.complete
    }

    var bytes: Data {
        Self.bytes(of: summarizedLines.isEmpty ? paths : complete.paths)
    }

    /// The record of `paths` (each once; a path given twice is written once), without making a
    /// `Set` of them first: hashing every path of the output cost as much as writing the record.
    /// `summary`: theirs in `summarizedFolder`, when the caller has it; `previous`: the record
    /// the output holds, whose lines for that folder are taken as they are when its summary is
    /// the same (sorting two thousand variant paths again was most of writing the record).
    static func bytes<Paths: Collection<String>>(of paths: Paths, summary: FolderSummary? = nil, previous: OutputRecord? = nil) -> Data {
        let summary = summary ?? FolderSummary(paths: paths, directlyIn: Self.summarizedFolder)
        var bytes = Array((Self.header + "\n").utf8)
        if summary.count > 0 { bytes += (summary.line(for: Self.summarizedFolder) + "\n").utf8 }
        if let previous, summary.count > 0, previous.summary == summary, previous.summarizedLines.count == summary.count,
            let merged = previous.merging(summarizedLinesInto: Self.sortedLines(Self.paths(of: paths, outside: summary)))
        {
            bytes += merged
        } else {
            bytes += Self.sortedLines(paths)
        }
        return Data(bytes)
    }

    /// The paths not directly in `summarizedFolder` (of which `summary` counts the others),
    /// gathered in one pass: a lazy filter was tested twice over (counted, then read).
    private static func paths<Paths: Collection<String>>(of paths: Paths, outside summary: FolderSummary) -> [String] {
        var others: [String] = []
        others.reserveCapacity(max(0, paths.count - summary.count))
        for path in paths where !FolderSummary.lies(path, directlyIn: Self.summarizedFolder) { others.append(path) }
        return others
    }

    /// `lines` (sorted, one a line) with this record's lines of `summarizedFolder` put in among
    /// them in byte order: both are sorted, so one pass. Nil when this record's lines are not in
    /// strictly increasing order (edited by hand): then they are sorted again as any others.
    private func merging(summarizedLinesInto lines: [UInt8]) -> [UInt8]? {
        func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            let order = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
            return order < 0 || order == 0 && a.count < b.count
        }
        var text = text
        return text.withUTF8 { record -> [UInt8]? in
            lines.withUnsafeBufferPointer { lines -> [UInt8]? in
                var merged: [UInt8] = []
                merged.reserveCapacity(lines.count + summarizedLines.reduce(0) { $0 + $1.count + 1 })
                var at = 0
                var last: UnsafeBufferPointer<UInt8>?
                for range in summarizedLines {
                    let line = UnsafeBufferPointer(rebasing: record[range])
                    if let last, !precedes(last, line) { return nil }
                    last = line
                    // Every line of `lines` that sorts before this one goes first.
                    while at < lines.count {
                        // Each line of `lines` ends in a line break.
                        let found = memchr(lines.baseAddress! + at, Int32(UInt8(ascii: "\n")), lines.count - at)!
                        let end = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - lines.baseAddress!
                        guard precedes(UnsafeBufferPointer(rebasing: lines[at..<end]), line) else { break }
                        merged.append(contentsOf: lines[at...end])
                        at = end + 1
                    }
                    merged.append(contentsOf: line)
                    merged.append(UInt8(ascii: "\n"))
                }
                merged.append(contentsOf: lines[at...])
                return merged
            }
        }
    }

    /// The paths one a line, in the order of their UTF-8 bytes (which is `String`'s order for
    /// the NFC text paths are): sorted as byte ranges of one buffer with `memcmp`, since
    /// comparing `String`s was most of writing the record of a site with 2,000 photo variants.
    static func sortedLines<Paths: Collection<String>>(_ paths: Paths) -> [UInt8] {
        var text: [UInt8] = []
        var spans: [Range<Int>] = []
        spans.reserveCapacity(paths.count)
        for path in paths {
            var path = path
            path.withUTF8 { bytes in
                spans.append(text.count..<text.count + bytes.count)
                text.append(contentsOf: bytes)
            }
        }
        text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            spans.sort { a, b in
                let order = memcmp(base + a.lowerBound, base + b.lowerBound, min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        var lines: [UInt8] = []
        lines.reserveCapacity(text.count + spans.count)
        for (index, span) in spans.enumerated() {
            if index > 0, text[spans[index - 1]] == text[span] { continue }
            lines.append(contentsOf: text[span])
            lines.append(UInt8(ascii: "\n"))
        }
        return lines
    }
}
