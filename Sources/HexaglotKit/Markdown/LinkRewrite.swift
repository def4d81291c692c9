/// What to do with a link destination.
public enum LinkRewrite: Sendable {
    case keep
    case replace(String)
    /// The link is broken: the message says why; the build fails.
    case broken(String)
}
