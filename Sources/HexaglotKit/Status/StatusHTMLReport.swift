/// The translation status as one self-contained HTML page: inline CSS, no scripts, nothing
/// fetched from the network, so it can be opened from a CI artefact or sent by e-mail.
///
/// Every state is written as a word beside its symbol and colour; tables have header cells
/// with scopes; each language's name carries its own `lang` and `dir`.
public struct StatusHTMLReport: Sendable {
    public var status: TranslationStatus

    public init(status: TranslationStatus) {
        self.status = status
    }

    public var html: String {
        let site = status.siteTitle
        var out = """
            <!doctype html>
            <html lang="en" dir="ltr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Translation status · \(escape(site))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <h1>Translation status of <span \(languageAttributes(status.defaultLanguage))>\(escape(site))</span></h1>
            <p>\(status.rows.count) page\(status.rows.count == 1 ? "" : "s") in \(name(status.defaultLanguage)), the source language.
            Coverage is the share of these pages whose translation is current.</p>

            """
        out += coverageTable()
        out += matrix()
        out += attentionList()
        out += legend()
        out += "</body>\n</html>\n"
        return out
    }

    private func coverageTable() -> String {
        var out = """
            <h2 id="coverage">Coverage</h2>
            <table class="coverage">
            <thead><tr><th scope="col">Language</th><th scope="col">Coverage</th><th scope="col">Current</th><th scope="col">Outdated</th><th scope="col">Untracked</th><th scope="col">Missing</th></tr></thead>
            <tbody>

            """
        for coverage in status.coverages {
            let segments = [
                (TranslationState.current, coverage.current), (.outdated, coverage.outdated),
                (.untracked, coverage.untracked), (.missing, coverage.missing),
            ]
            let bar = segments.filter { $0.1 > 0 }.map { state, number in
                "<span class=\"\(state.rawValue)\" style=\"width:\(share(number, of: coverage.total))%\"></span>"
            }.joined()
            let label =
                "\(coverage.percentText) current: \(coverage.current) of \(coverage.total); \(coverage.outdated) outdated, \(coverage.untracked) untracked, \(coverage.missing) missing"
            out += "<tr><th scope=\"row\">\(name(coverage.language))</th>"
            out += "<td><div class=\"bar\" role=\"img\" aria-label=\"\(escape(label))\">\(bar)</div> <strong>\(coverage.percentText)</strong></td>"
            out += segments.map { "<td class=\"number\">\($0.1)</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func matrix() -> String {
        var out = """
            <h2 id="pages">Pages</h2>
            <table class="matrix">
            <caption>Each page of \(name(status.defaultLanguage)) against each language</caption>
            <thead><tr><th scope="col">Page</th>
            """
        for language in status.languages { out += "<th scope=\"col\">\(name(language))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in status.rows {
            out +=
                "<tr><th scope=\"row\"><span \(languageAttributes(status.defaultLanguage))>\(escape(row.title))</span><br><code>\(escape(row.path))</code></th>"
            for language in status.languages {
                let cell = row.cells[language.code] ?? TranslationStatus.Cell(state: .missing)
                let hint = [cell.file, cell.note].compactMap { $0 }.joined(separator: ": ")
                let title = hint.isEmpty ? "" : " title=\"\(escape(hint))\""
                out += "<td class=\"\(cell.state.rawValue)\"\(title)>\(stateLabel(cell.state))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Outdated translations and pages without a source, with the reason: what to do next.
    private func attentionList() -> String {
        let outdated = status.outdatedCells
        guard !outdated.isEmpty || !status.orphans.isEmpty else { return "" }
        var out = "<h2 id=\"attention\">Needs attention</h2>\n<ul class=\"attention\">\n"
        for (language, _, cell) in outdated {
            out += "<li><code>\(escape(cell.file ?? ""))</code> (\(name(language))): outdated, \(escape(cell.note ?? ""))</li>\n"
        }
        for orphan in status.orphans {
            out +=
                "<li><code>\(escape(orphan.file))</code> (\(name(orphan.language))): no page in \(name(status.defaultLanguage)) with translation key <code>\(escape(orphan.translationKey))</code>; not counted</li>\n"
        }
        return out + "</ul>\n"
    }

    private func legend() -> String {
        let meanings: [(TranslationState, String)] = [
            (.source, "a page of the default language, which the others translate"),
            (.current, "its translatedFrom record matches the page it was translated from"),
            (.outdated, "the page it was translated from has changed since"),
            (.untracked, "the translation exists but records nothing to check it against"),
            (.missing, "no translation yet"),
        ]
        var out = "<h2 id=\"legend\">Legend</h2>\n<dl class=\"legend\">\n"
        for (state, meaning) in meanings {
            out += "<dt class=\"\(state.rawValue)\">\(stateLabel(state))</dt><dd>\(meaning)</dd>\n"
        }
        return out + "</dl>\n"
    }

    /// The state as a word, after its symbol (hidden from screen readers, which read the word).
    /// Source cells need no symbol: the whole column is the source.
    private func stateLabel(_ state: TranslationState) -> String {
        guard state != .source else { return state.rawValue }
        return "<span aria-hidden=\"true\">\(escape(StatusTextReport.symbol(for: state)))</span> \(state.rawValue)"
    }

    /// A language's own name in its own language and direction, and its code.
    private func name(_ language: Language) -> String {
        "<span \(languageAttributes(language))>\(escape(language.name))</span> <code>\(escape(language.code))</code>"
    }

    private func languageAttributes(_ language: Language) -> String {
        "lang=\"\(escape(language.locale))\" dir=\"\(language.direction.rawValue)\""
    }

    private func share(_ number: Int, of total: Int) -> String {
        guard total > 0 else { return "0" }
        let tenths = number * 1000 / total
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    private func escape(_ text: String) -> String { HTMLEscaping.attribute(text) }

    static let css = """

        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans",sans-serif;color:#1f2328;background:#fff;max-width:75rem;margin:0 auto;padding:1rem 1.5rem}
        table{border-collapse:collapse;margin:1rem 0;width:100%}
        caption{text-align:start;font-weight:600;padding:.25rem 0}
        th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:start;vertical-align:middle}
        thead th{background:#f6f8fa}
        td.number{text-align:end;font-variant-numeric:tabular-nums}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;color:#57606a}
        .source{background:#f6f8fa;color:#57606a}
        .current{background:#dafbe1;color:#116329}
        .outdated{background:#fff8c5;color:#7d4e00}
        .untracked{background:#ddf4ff;color:#0550ae}
        .missing{background:#ffebe9;color:#a40e26}
        .bar{display:inline-flex;vertical-align:middle;width:16rem;max-width:60%;height:1rem;border:1px solid #8c959f;background:#fff;overflow:hidden}
        .bar span{display:block;height:100%}
        .bar .current{background:#2da44e}.bar .outdated{background:#d4a72c}.bar .untracked{background:#54aeff}.bar .missing{background:#ff8182}
        dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
        dl.legend dt{padding:0 .5rem}dl.legend dd{margin:0}

        """
}
