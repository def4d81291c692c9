/// Why a build refuses its output folder before touching anything: writing there would replace
/// or mix with files the build did not write. A usage error (exit status 2), not a content error.
public struct OutputFolderError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The output is the site folder or holds it: a build would replace content/ and templates/.
        case holdsTheSite(site: String)
        /// The output is an input folder (content/, templates/) or lies inside one.
        case insideAnInput(input: String)
        /// The output holds an input folder (a theme kept elsewhere).
        case holdsAnInput(input: String)
        /// The output exists and is a file, or a link to nothing.
        case notAFolder
        /// The output holds files, and no record says an earlier Hexaglot build wrote them.
        case holdsOtherFiles(examples: [String])
    }

    public var reason: Reason
    /// The output folder as given, and resolved when that differs (a symbolic link).
    public var output: String
    public var resolved: String

    public var description: String {
        let place = resolved == output ? output : "\(output) (\(resolved))"
        switch reason {
        case .holdsTheSite(let site):
            let what = resolved == site ? "is the site folder" : "holds the site folder \(site)"
            return "output folder \(place) \(what): a build would replace content/ and templates/; choose another --output, such as public/"
        case .insideAnInput(let input):
            let what = resolved == input ? "is" : "is inside"
            return "output folder \(place) \(what) the site's input folder \(input): choose an --output outside content/ and templates/"
        case .holdsAnInput(let input):
            return "output folder \(place) holds the site's input folder \(input): choose another --output"
        case .notAFolder:
            return "output \(place) exists and is not a folder"
        case .holdsOtherFiles(let examples):
            let list = examples.joined(separator: ", ")
            return "output folder \(place) holds files that no Hexaglot build wrote (\(list)): nothing was changed; "
                + "choose an empty or new folder, or pass --clean-destination to let the build replace them (hidden entries such as .git are kept)"
        }
    }
}
