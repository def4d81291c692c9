/// The checks CI can ask `hexaglot status` to enforce.
public struct StatusGates: Sendable {
    /// Fail when any translation language's coverage is under this percentage.
    public var minimumCoverage: Double?
    /// Fail when any of these languages has an outdated page.
    public var languagesWithoutOutdated: [String] = []

    public init(minimumCoverage: Double? = nil, languagesWithoutOutdated: [String] = []) {
        self.minimumCoverage = minimumCoverage
        self.languagesWithoutOutdated = languagesWithoutOutdated
    }

    /// What is wrong with the gates themselves for this site (a usage error), or nil.
    public func problem(for status: TranslationStatus) -> String? {
        if let minimumCoverage, !(0...100).contains(minimumCoverage) {
            return "--fail-under must be a percentage from 0 to 100, got \(minimumCoverage)"
        }
        let known = status.languages.map(\.code)
        for code in languagesWithoutOutdated {
            if code == status.defaultLanguage.code {
                return "--fail-on-outdated: '\(code)' is the default language; its pages are the sources and are never outdated"
            }
            if !known.contains(code) {
                return "--fail-on-outdated: '\(code)' is not one of the site's languages (\(known.joined(separator: ", ")))"
            }
        }
        return nil
    }

    /// One message per failed check, in site language order; empty when all pass.
    public func failures(in status: TranslationStatus) -> [String] {
        var failures: [String] = []
        if let minimumCoverage {
            for coverage in status.coverages where coverage.isBelow(minimumCoverage) {
                failures.append(
                    "\(coverage.language.code): coverage \(coverage.percentText) (\(coverage.current) of \(coverage.total) pages current) is under \(Self.format(minimumCoverage))%"
                )
            }
        }
        for language in status.translationLanguages where languagesWithoutOutdated.contains(language.code) {
            let files = status.outdatedCells.filter { $0.language.code == language.code }.compactMap(\.cell.file)
            guard !files.isEmpty else { continue }
            failures.append("\(language.code): \(files.count) outdated page\(files.count == 1 ? "" : "s"): \(files.joined(separator: ", "))")
        }
        return failures
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : "\(value)"
    }
}
