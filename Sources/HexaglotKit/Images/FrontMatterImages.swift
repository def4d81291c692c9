import Foundation

/// The images a page's front matter names: `image` (its picture for sharing, `og:image`) and
/// the fields site.yaml lists in `images.fields` (photos templates show, `page.images.hero`).
/// A field naming no file of the site, or not naming a file at all, is an error at the field;
/// a photo that cannot be published is one too, reported by the images stage at the same place.
struct FrontMatterImages {
    let catalog: ImageCatalog

    /// The photos of the listed fields, by field, and the uses the images stage publishes.
    struct Found {
        var photos: [String: PhotoData] = [:]
        var uses: [ImageUse] = []
        var problems: [Diagnostic] = []
    }

    func read(_ page: Page) -> Found {
        var found = Found()
        let shownFields = catalog.settings.fields
        for field in ["image"] + shownFields.filter({ $0 != "image" }) {
            guard let entry = page.frontMatter.params.first(where: { $0.key == field }) else { continue }
            let location = page.frontMatter.locations[field]
            let isShown = shownFields.contains(field)
            guard let written = entry.value.scalarText, entry.value.resolved != .null, !written.isEmpty else {
                found.problems.append(
                    .error("'\(field)' must be the path of an image, such as photo.jpg, got \(entry.value.shortDescription)", at: location))
                continue
            }
            if LinkResolver.hasScheme(written) || written.hasPrefix("//") {
                // A picture for sharing may be anywhere; a photo to show is published as variants, so it is the site's.
                if isShown {
                    found.problems.append(
                        .error(
                            "'\(field)' must name an image of the site (beside the page or below content/static/), got '\(written)'",
                            at: location))
                }
                continue
            }
            let rootPath = catalog.rootPath
            guard let (path, file) = catalog.files.resolve(written, onPage: page.path, rootPath: rootPath) else {
                found.problems.append(
                    .error(
                        "'\(field)' names '\(written)', which does not exist: put the image beside the page or below content/static/",
                        at: location))
                continue
            }
            guard isShown else { continue }
            let url = rootPath + URLPath.encodePath(path)
            guard ImageCatalog.isRaster(path) else {
                found.photos[field] = PhotoData(.sized(catalog.files.size(of: written, onPage: page.path, rootPath: rootPath)), url: url)
                continue
            }
            let plan = catalog.plan(path: file.canonicalPath, file: file)
            found.uses.append(ImageUse(path: plan.path, kind: .shown, location: location, planKey: plan.key))
            switch plan.outcome {
            case .variants(let image): found.photos[field] = PhotoData(catalog.sharedMarkup(of: image), url: url)
            case .asItIs: found.photos[field] = PhotoData(.sized(catalog.files.size(of: written, onPage: page.path, rootPath: rootPath)), url: url)
            case .refused: continue
            }
        }
        return found
    }
}
