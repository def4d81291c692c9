import Foundation
import Testing

@testable import HexaglotKit

/// Front matter fields that name photos (`images: {fields: [hero, thumbnail]}`) and the `sizes`
/// attribute site.yaml sets (issue 15, point 1).
@Suite struct ImageFieldTests {
    static let sizes = "(min-width: 60rem) 30rem, 100vw"

    /// A hero above the body on the page, a thumbnail in the section's list, both from typed data.
    static let theme: [String: String] = {
        var theme = TestSite.minimalTheme
        theme["page.mustache"] = """
            {{<base}}{{$main}}{{#page.images.hero}}<picture>{{#sources}}<source type="{{type}}" srcset="{{srcset}}" sizes="{{sizes}}">{{/sources}}\
            <img class="hero" src="{{src}}" srcset="{{srcset}}" sizes="{{sizes}}" width="{{width}}" height="{{height}}" alt=""></picture>{{/page.images.hero}}
            {{{page.content}}}{{/main}}{{/base}}

            """
        theme["section.mustache"] = """
            {{<base}}{{$main}}<ol>{{#section.pages}}<li>{{#images.thumbnail}}<img class="thumbnail" src="{{src}}"{{#width}} width="{{width}}" height="{{height}}"{{/width}} alt="">{{/images.thumbnail}}\
            <a href="{{url}}">{{title}}</a></li>{{/section.pages}}</ol>{{/main}}{{/base}}

            """
        return theme
    }()

    static func site(_ pages: [String: String], images: String = "{fields: [hero, thumbnail], sizes: \"\(sizes)\"}") throws -> TestSite {
        var files = pages
        files["content/site.yaml"] = TestSite.siteYAML + "images: \(images)\n"
        files["content/en/index.md"] = files["content/en/index.md"] ?? "# Home\n"
        files["content/static/images/logo.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>"
        let site = try TestSite(files, theme: theme)
        try site.write(Data(contentsOf: ImageTests.images.appendingPathComponent("field-visit.jpg")), to: "content/en/news/visit/field-visit.jpg")
        return site
    }

    @Test func photosNamedByListedFieldsArePublishedAsVariantsForTemplates() async throws {
        let site = try Self.site([
            "content/en/news/_index.md": "---\ntitle: News\n---\n",
            "content/en/news/visit/index.md": "---\ntitle: Field visit\nhero: field-visit.jpg\nthumbnail: /images/logo.svg\n---\nText.\n",
        ])
        try await site.build()
        let variants = site.outputFiles().filter { $0.hasPrefix("img/field-visit-") }
        #expect(
            Set(variants.map(ImageTests.widthAndFormat))
                == Set(["480 avif", "480 webp", "480 jpg", "960 avif", "960 webp", "960 jpg", "1013 avif", "1013 webp", "1013 jpg"]))
        #expect(!site.exists("en/news/visit/field-visit.jpg"), "the original is not published")
        func srcset(_ format: String) -> String {
            variants.filter { $0.hasSuffix("." + format) }.sorted(by: ImageTests.byWidth).map { "/\($0) \(ImageTests.width(of: $0))w" }
                .joined(separator: ", ")
        }
        let widest = try #require(variants.first { $0.hasPrefix("img/field-visit-1013w-") && $0.hasSuffix(".jpg") })
        let page = try #require(site.file("en/news/visit/index.html"))
        #expect(
            page.contains(
                "<picture><source type=\"image/avif\" srcset=\"\(srcset("avif"))\" sizes=\"\(Self.sizes)\"><source type=\"image/webp\" srcset=\"\(srcset("webp"))\" sizes=\"\(Self.sizes)\">"
                    + "<img class=\"hero\" src=\"/\(widest)\" srcset=\"\(srcset("jpg"))\" sizes=\"\(Self.sizes)\" width=\"1013\" height=\"1800\" alt=\"\"></picture>"
            ),
            "\(page)")
        // An SVG is published as it is, with its size.
        let list = try #require(site.file("en/news/index.html"))
        #expect(
            list.contains(
                "<li><img class=\"thumbnail\" src=\"/images/logo.svg\" width=\"4\" height=\"4\" alt=\"\"><a href=\"/en/news/visit/\">Field visit</a></li>"
            ))
    }

    @Test func bodyImagesTakeTheSizesOfSiteYAMLAndTheThemesByDefault() async throws {
        let page = "---\ntitle: Field visit\n---\n![Workers at the dyeing line](field-visit.jpg)\n"
        let configured = try Self.site(["content/en/news/visit/index.md": page], images: "{sizes: \"\(Self.sizes)\"}")
        try await configured.build()
        let html = try #require(configured.file("en/news/visit/index.html"))
        #expect(html.components(separatedBy: "sizes=\"\(Self.sizes)\"").count == 4, "both sources and the img: \(html)")
        let plain = try Self.site(["content/en/news/visit/index.md": page], images: "{}")
        try await plain.build()
        let fallback = try #require(plain.file("en/news/visit/index.html"))
        #expect(fallback.components(separatedBy: "sizes=\"(min-width: 44rem) 40rem, 100vw\"").count == 4)
    }

    @Test func fieldsThatNameNoImageOfTheSiteAreErrorsAtTheField() async throws {
        let site = try Self.site([
            "content/en/news/visit/index.md": """
            ---
            title: Field visit
            hero: missing.jpg
            thumbnail: [a, b]
            image: ../nowhere.png
            ---
            Text.

            """,
            "content/en/other.md": "---\ntitle: Other\nhero: https://example.org/hero.jpg\nimage: https://example.org/share.jpg\n---\nText.\n",
        ])
        let errors = await site.errors()
        #expect(
            errors == [
                "content/en/news/visit/index.md:3:7: error: 'hero' names 'missing.jpg', which does not exist: put the image beside the page or below content/static/",
                "content/en/news/visit/index.md:4:12: error: 'thumbnail' must be the path of an image, such as photo.jpg, got a list",
                "content/en/news/visit/index.md:5:8: error: 'image' names '../nowhere.png', which does not exist: put the image beside the page or below content/static/",
                "content/en/other.md:3:7: error: 'hero' must name an image of the site (beside the page or below content/static/), got 'https://example.org/hero.jpg'",
            ])
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "nothing is written")
    }

    @Test func aBadPhotoInAFieldIsAnErrorAtTheFieldAndNothingIsWritten() async throws {
        let site = try Self.site([
            "content/en/news/visit/index.md": "---\ntitle: Field visit\n\nhero: truncated.jpg\nthumbnail: bomb.png\n---\nText.\n"
        ])
        for name in ["truncated.jpg", "bomb.png"] {
            try site.write(Data(contentsOf: ImageTests.images.appendingPathComponent(name)), to: "content/en/news/visit/" + name)
        }
        let errors = await site.errors()
        #expect(
            errors == [
                "content/en/news/visit/index.md:4:7: error: image content/en/news/visit/truncated.jpg is corrupt or truncated: it cannot be decoded",
                "content/en/news/visit/index.md:5:12: error: image content/en/news/visit/bomb.png is 30000 × 30000 pixels, more than the limit of 100000000 (images: maxPixels in site.yaml): refused as a possible decompression bomb",
            ])
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "nothing is written")
    }

    @Test func imageSettingsAreChecked() async throws {
        let site = try Self.site([:], images: "{sizes: [a], fields: [title, hero, ~], size: 3}")
        let errors = await site.errors()
        #expect(
            errors == [
                "content/site.yaml:10:17: error: 'sizes' must be an HTML sizes attribute, such as \"(min-width: 44rem) 40rem, 100vw\"",
                "content/site.yaml:10:31: error: 'title' cannot hold an image: Hexaglot reads it as the page's title",
                "content/site.yaml:10:44: error: each image field must be a front matter field name, got '~'",
                "content/site.yaml:10:48: error: unknown images setting 'size' (known: widths, formats, quality, maxPixels, cache, sizes, fields)",
            ])
    }

    /// Names inside a photo are checked like any typed data's: a misspelt field is an error.
    @Test func templatesAreCheckedAgainstThePhotoShape() async throws {
        var theme = Self.theme
        theme["page.mustache"] =
            "{{<base}}{{$main}}{{#page.images.hero}}<img src=\"{{src}}\" srcset=\"{{srcsett}}\">{{/page.images.hero}}{{/main}}{{/base}}\n"
        let site = try TestSite(["content/en/index.md": "# Home\n"], theme: theme)
        let errors = await site.errors()
        #expect(
            errors.contains { $0.contains("templates/page.mustache:1:") && $0.contains("there is no field 'srcsett' here; did you mean srcset?") },
            "\(errors)")
    }
}
