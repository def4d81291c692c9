import Foundation

/// The text of a new translation: the source page as written, its front matter kept line for
/// line (title, date, tags, summary, comments… for the translator to translate in place), any
/// `translatedFrom` of its own replaced by a record of the source itself, and its body copied.
enum TranslationDraft {
    /// `file` is read only if it is a regular file inside `site`: a link leading out of the site
    /// (to `/proc/self/environ`) would copy what it leads to into the site, a FIFO would block.
    static func make(from file: URL, inside site: URL, displayPath: String, language: String, maximumBytes: Int) throws(ScaffoldError) -> String {
        guard let data = ContainedFile.contents(of: file.path, inside: site, maximumBytes: .max) else {
            throw .content([
                .error(
                    "cannot read file: only a regular file inside the site is read, not a symbolic link leading out of it, a FIFO or a device",
                    at: SourceLocation(file: displayPath))
            ])
        }
        guard data.count <= maximumBytes else {
            throw .content([
                .error(
                    "file is \(data.count) bytes, over the limit of \(maximumBytes) bytes for one page (maxPageBytes in site.yaml)",
                    at: SourceLocation(file: displayPath))
            ])
        }
        let parts: FrontMatterSplitter.Parts
        var root: YAMLNode?
        do {
            let text = try SourceText.decode(data, file: displayPath).text
            parts = try FrontMatterSplitter().split(text, file: displayPath)
            if let yaml = parts.yaml { root = try YAMLReader(file: displayPath, lineOffset: parts.yamlLineOffset).read(yaml) }
        } catch {
            throw .content([error])
        }
        let problems = FrontMatter.read(root, file: displayPath).1
        if problems.contains(where: { $0.severity == .error }) { throw .content(problems) }

        let record = TranslationRecord(language: language, hash: TranslationRecord.hash(ofBody: parts.body))
        var lines = (parts.yaml ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var indent = ""
        if let root, let entries = root.entries, let first = entries.first {
            if isFlowMapping(lines) {
                throw .content([
                    .error(
                        "this front matter is one {…} mapping; write it as one field a line (key: value) to make a translation of it",
                        at: root.location)
                ])
            }
            indent = String(repeating: " ", count: first.keyLocation.column - 1)
            if let index = entries.firstIndex(where: { $0.key == "translatedFrom" }) {
                // A block mapping's entries each start a line: the old record runs from its key
                // to the next key, or to the end.
                let start = entries[index].keyLocation.line - 1 - parts.yamlLineOffset
                let end = index + 1 < entries.count ? entries[index + 1].keyLocation.line - 1 - parts.yamlLineOffset : lines.count
                lines.removeSubrange(start..<end)
            }
        }
        lines.append(indent + record.yamlLine)
        let draft = "---\n" + lines.joined(separator: "\n") + "\n---\n" + parts.body
        try check(draft, displayPath: displayPath)
        return draft
    }

    /// Whether the YAML's first line of content opens a flow mapping (`{title: A, …}`).
    private static func isFlowMapping(_ lines: [String]) -> Bool {
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            return trimmed.hasPrefix("{")
        }
        return false
    }

    /// Reads the draft back: the record must be there and nothing else may have broken, so a
    /// surprising source never leaves a file that the build would refuse.
    private static func check(_ draft: String, displayPath: String) throws(ScaffoldError) {
        let failure = ScaffoldError.content([
            .error(
                "could not copy this page's front matter into a translation; copy the file by hand and add a translatedFrom record",
                at: SourceLocation(file: displayPath))
        ])
        do {
            let parts = try FrontMatterSplitter().split(draft, file: displayPath)
            let root = try YAMLReader(file: displayPath).read(parts.yaml ?? "")
            let (matter, problems) = FrontMatter.read(root, file: displayPath)
            guard matter.translatedFrom != nil, !problems.contains(where: { $0.severity == .error }) else { throw failure }
        } catch {
            throw failure
        }
    }
}
