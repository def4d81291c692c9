/// A problem found in the built site, before it is traced back to the source that caused it.
struct LinkFinding: Hashable, Sendable {
    enum Problem: Hashable, Sendable {
        /// The URL leads to a file the build did not write; `address` as a reader sees it (`/en/nope/`).
        case missingTarget(address: String)
        /// The file exists but has no element with that id.
        case missingFragment(fragment: String, address: String, samePage: Bool)
        /// On the site's host, outside its root path.
        case outsideRoot(path: String, root: String)
        /// A page without a link to one of site.yaml's channels.
        case missingChannel(Channel)
    }

    /// The built file the problem is in, below the output folder.
    var file: String
    /// The URL at fault; nil for a missing channel link.
    var reference: OutputReference?
    var problem: Problem
    /// Where the URL leads, to recognise the same target written another way (`ozone.md`, `/en/areas/ozone/`).
    var target: SiteAddress.Target?

    /// The message, naming the URL as the author wrote it (`other.md#goals`) when that is known.
    func message(writtenAs written: String?) -> String {
        let what = reference.map { "\($0.role) '\(written ?? $0.url)'" } ?? ""
        switch problem {
        case .missingTarget(let address):
            if (written ?? reference?.url) == address { return "\(what) leads to no file of the built site" }
            return "\(what) leads to \(address), which is not in the built site"
        case .missingFragment(let fragment, let address, let samePage):
            let place = samePage ? "this page" : address
            return "\(what): \(place) has no heading or element with id '\(fragment)'"
        case .outsideRoot(let path, let root):
            return "\(what) leads to \(path), outside the site's root \(root): write the link relative, or starting with \(root)"
        case .missingChannel(let channel):
            return "page does not link the official channel \(channel.name) (\(channel.url)) from site.yaml"
        }
    }

    /// For a URL written once that leads to several missing addresses (one per language).
    func message(writtenAs written: String, addresses: [String]) -> String {
        guard addresses.count > 1 else { return message(writtenAs: written) }
        let shown =
            addresses.count > 6
            ? addresses.prefix(5).joined(separator: ", ") + " and \(addresses.count - 5) more"
            : addresses.dropLast().joined(separator: ", ") + " and " + addresses.last!
        return "\(reference?.role ?? "link") '\(written)' leads to \(shown), none of which is in the built site"
    }
}
