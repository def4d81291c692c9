/// The translation status as a terminal table: pages as rows, languages as columns, a symbol in
/// each cell, coverage under each column, then what needs doing.
public struct StatusTextReport: Sendable {
    public var status: TranslationStatus
    /// ANSI colours, for a terminal; the symbols alone carry the meaning.
    public var usesColour: Bool

    public init(status: TranslationStatus, usesColour: Bool = false) {
        self.status = status
        self.usesColour = usesColour
    }

    public static func symbol(for state: TranslationState) -> String {
        switch state {
        case .source: return "src"
        case .current: return "✓"
        case .outdated: return "!"
        case .untracked: return "?"
        case .missing: return "✗"
        }
    }

    public var text: String {
        let defaultLanguage = status.defaultLanguage
        var lines = [
            "Translation status of \(status.siteTitle): \(count(status.rows.count, "page")) in \(defaultLanguage.code) (\(defaultLanguage.name)), the source language",
            "",
        ]
        let header = "page"
        let labelWidth = max(([header, "coverage"] + status.rows.map(\.path)).map(Self.displayWidth).max() ?? 0, 8) + 2
        let columnWidth = max(status.languages.map { Self.displayWidth($0.code) }.max() ?? 0, 6) + 1
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(width - Self.displayWidth(text), 0))
        }
        lines.append(pad(header, labelWidth) + status.languages.map { pad($0.code, columnWidth) }.joined())
        for row in status.rows {
            var line = pad(row.path, labelWidth)
            for language in status.languages {
                let state = row.cells[language.code]?.state ?? .missing
                let symbol = Self.symbol(for: state)
                line += paint(symbol, state) + String(repeating: " ", count: max(columnWidth - Self.displayWidth(symbol), 0))
            }
            lines.append(line)
        }
        var coverageLine = pad("coverage", labelWidth)
        for language in status.languages {
            coverageLine += pad(language.code == defaultLanguage.code ? "" : status.coverage(of: language).percentText, columnWidth)
        }
        lines.append(coverageLine)
        lines.append("")
        lines.append(
            TranslationState.allCases.filter { $0 != .source }
                .map { paint(Self.symbol(for: $0), $0) + " " + $0.rawValue }.joined(separator: "   ")
                + "   (coverage: current pages / \(defaultLanguage.code) pages)")
        lines.append("")
        for coverage in status.coverages { lines.append(summary(of: coverage, codeWidth: columnWidth)) }
        let outdated = status.outdatedCells
        if !outdated.isEmpty {
            lines.append("")
            lines.append("Outdated:")
            for (_, _, cell) in outdated { lines.append("  \(cell.file ?? ""): \(cell.note ?? "outdated")") }
        }
        if !status.orphans.isEmpty {
            lines.append("")
            lines.append("Not counted, no \(defaultLanguage.code) page with the same translation key:")
            for orphan in status.orphans { lines.append("  \(orphan.file)") }
        }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    /// `fr  60%     3 of 5 current, 1 outdated, 1 missing`
    private func summary(of coverage: TranslationStatus.Coverage, codeWidth: Int) -> String {
        var parts = ["\(coverage.current) of \(coverage.total) current"]
        for (number, word) in [(coverage.outdated, "outdated"), (coverage.untracked, "untracked"), (coverage.missing, "missing")] where number > 0 {
            parts.append("\(number) \(word)")
        }
        let code = coverage.language.code
        let percent = coverage.percentText
        return code + String(repeating: " ", count: max(codeWidth - Self.displayWidth(code), 1))
            + percent + String(repeating: " ", count: max(8 - percent.count, 1)) + parts.joined(separator: ", ")
    }

    private func paint(_ text: String, _ state: TranslationState) -> String {
        guard usesColour else { return text }
        let colour: String
        switch state {
        case .source: colour = "2"
        case .current: colour = "32"
        case .outdated: colour = "33"
        case .untracked: colour = "36"
        case .missing: colour = "31"
        }
        return "\u{1B}[\(colour)m\(text)\u{1B}[0m"
    }

    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// Terminal columns: East Asian wide characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { return width }
            return width + (CJKText.isWideScript(scalar) || (0xAC00...0xD7A3).contains(scalar.value) ? 2 : 1)
        }
    }
}
