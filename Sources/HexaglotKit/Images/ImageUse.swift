/// A page's use of one of the site's raster images.
struct ImageUse: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// Shown in the body: its variants are published.
        case shown
        /// The page's og:image: its sharing JPEG is published.
        case sharing
        /// Linked to (a "full-size photo" link): the original is published.
        case linked
    }

    /// Output path of the original (`zh/news/visit/photo.jpg`).
    var path: String
    var kind: Kind
    var location: SourceLocation?
    /// `ImagePlan.key` when the body was rendered: a cached body whose images changed is stale.
    var planKey: String
}
