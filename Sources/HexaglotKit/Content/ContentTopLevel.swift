import Foundation

/// The entries at the top of `content/` that the build does not read: a folder that is not a
/// language of site.yaml (a typo such as `zh-cn/` for `zh/` would otherwise vanish without a
/// word), a page put beside site.yaml, a FIFO or device. Hidden entries, `static/` and
/// `site.yaml` are what they should be.
struct ContentTopLevel {
    var content: URL
    var languageCodes: [String]
    var defaultLanguage: String

    func problems() -> [Diagnostic] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: content.path) else { return [] }
        var problems: [Diagnostic] = []
        for name in names.sorted()
        where !name.hasPrefix(".") && name != "static" && name != SiteConfigLoader.fileName
            && !languageCodes.contains(name)
        {
            let shown = ContentDiscovery.printable(name)
            let place = SourceLocation(file: "content/" + shown)
            var status = stat()
            // stat, not open: a FIFO here must not block the build.
            guard stat(content.appendingPathComponent(name).path, &status) == 0 else {
                problems.append(.warning("symbolic link leads to nothing (its target does not exist) and is skipped", at: place))
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                let codes = languageCodes.joined(separator: ", ")
                let hint = Self.closestCode(to: name, among: languageCodes).map { "; did you mean '\($0)'?" } ?? ""
                problems.append(
                    .warning(
                        "folder '\(shown)' is not a language of site.yaml (\(codes)) and is not published\(hint)",
                        at: place))
            case S_IFREG:
                problems.append(
                    .warning(
                        "file is not published: pages go in a language folder, such as content/\(defaultLanguage)/\(shown)",
                        at: place))
            default:
                problems.append(
                    .error(
                        "is \(ContentDiscovery.kind(of: status)), not a file or folder that can be published; remove it (it is never opened)",
                        at: place))
            }
        }
        return problems
    }

    /// The language code a folder name was probably meant to be: the same letters in another
    /// case (`ZH`), the same primary subtag (`zh-cn`, `zh_Hans`), or one edit away (`zn`; two for
    /// longer codes). Ties go to the first in site.yaml.
    static func closestCode(to name: String, among codes: [String]) -> String? {
        let lowered = name.lowercased()
        if let same = codes.first(where: { $0.lowercased() == lowered }) { return same }
        let primary = lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? lowered
        if let same = codes.first(where: { $0.lowercased().split(separator: "-").first.map(String.init) == primary }) {
            return same
        }
        var best: (code: String, distance: Int)?
        for code in codes {
            let distance = EditDistance.between(lowered, code.lowercased())
            let allowed = min(code.count, name.count) <= 3 ? 1 : 2
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (code, distance) }
        }
        return best?.code
    }
}
