import Foundation
import Testing

@testable import HexaglotKit

/// What each input format becomes (issue 15, points 2 and 4), read back by tools independent of
/// libvips: exiftool for metadata, Pillow (Debian `python3-pil`) and avifdec for pixels.
@Suite struct ImageInputTests {
    /// A bundle with `names` from the fixtures beside a page whose body is `body`.
    static func site(_ names: [String], body: String) throws -> TestSite {
        let site = try TestSite([
            "content/en/news/visit/index.md": "---\ntitle: Field visit\n---\n\(body)\n",
            "content/en/index.md": "# Home\n",
        ])
        for name in names {
            try site.write(Data(contentsOf: ImageTests.images.appendingPathComponent(name)), to: "content/en/news/visit/" + name)
        }
        return site
    }

    /// Every linked original is published without metadata; those browsers cannot show (TIFF,
    /// HEIC) and a still GIF under a variant's name as a JPEG or PNG, the link following them.
    @Test func linkedOriginalsArePublishedWithoutMetadataInAFormatBrowsersShow() async throws {
        let names = ["field-visit.jpg", "translucent.png", "phone.webp", "scan.tif", "phone.heic", "still.gif"]
        let site = try Self.site(names, body: names.map { "[Full size](\($0))" }.joined(separator: "\n\n"))
        try await site.build()
        let html = try #require(site.file("en/news/visit/index.html"))
        let folder = "en/news/visit/"
        let converted = [
            "scan.tif": try #require(site.outputFiles().first { $0.hasPrefix(folder + "scan-101w-") && $0.hasSuffix(".jpg") }),
            "phone.heic": try #require(site.outputFiles().first { $0.hasPrefix(folder + "phone-600w-") && $0.hasSuffix(".jpg") }),
            "still.gif": try #require(site.outputFiles().first { $0.hasPrefix(folder + "still-90w-") && $0.hasSuffix(".png") }),
        ]
        #expect(site.outputFiles().filter { $0.hasPrefix(folder) && !$0.hasSuffix(".html") }.count == 6, "\(site.outputFiles())")
        let published = [
            "field-visit.jpg": folder + "field-visit.jpg", "translucent.png": folder + "translucent.png", "phone.webp": folder + "phone.webp",
        ]
        .merging(converted) { a, _ in a }
        let expected: [String: (type: String, size: String)] = [
            // Orientation applied: the stored 1800 × 1013, 600 × 338 (WebP) and 180 × 101 are
            // shown turned; HEIF ignores EXIF orientation (its own transforms are applied on reading).
            "field-visit.jpg": ("JPEG", "1013x1800"), "translucent.png": ("PNG", "320x200"), "phone.webp": ("WEBP", "338x600"),
            "scan.tif": ("JPEG", "101x180"), "phone.heic": ("JPEG", "600x338"), "still.gif": ("PNG", "90x60"),
        ]
        for name in names {
            let source = try ImageTests.run("exiftool", ["-a", "-G1", "-s", ImageTests.images.appendingPathComponent(name).path])
            #expect(source.contains("Staff member"), "the fixture \(name) carries what must not leave")
            let path = try #require(published[name])
            if name != (path as NSString).lastPathComponent {
                #expect(html.contains("<a href=\"/\(path)\">Full size</a>"), "the link to \(name) follows its conversion")
                #expect(!site.exists(folder + name), "\(name) itself is not published")
            } else {
                #expect(html.contains("<a href=\"\(name)\">Full size</a>"))
            }
            let tags = try ImageTests.run("exiftool", ["-a", "-G1", "-s", site.output.appendingPathComponent(path).path])
            let groups = Set(tags.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
            let allowed: Set<String> = ["[ExifTool]", "[System]", "[File]", "[Composite]", "[RIFF]", "[PNG]", "[PNG-pHYs]", "[JFIF]"]
            #expect(groups.isSubset(of: allowed), "\(path) holds \(groups.subtracting(allowed).sorted())")
            for leak in ["GPS", "Staff member", "Secret", "ICC", "Thumbnail", "Orientation"] {
                #expect(!tags.contains(leak), "\(path) (from \(name)) holds \(leak)")
            }
            #expect(tags.contains("[File]          FileType                        : \(expected[name]!.type)"), "\(path): \(tags)")
            #expect(tags.contains("[Composite]     ImageSize                       : \(expected[name]!.size)"), "\(path): \(tags)")
        }
    }

    /// Converted to sRGB only when the file has a profile: the same pixel numbers come out as
    /// their sRGB equivalent when tagged Display P3, and unchanged when untagged. Transparency is
    /// kept in WebP and AVIF and put on white in JPEG. Pixels are read by Pillow (AVIF by avifdec).
    @Test func coloursAreConvertedOnlyFromAProfileAndAlphaIsKeptOrPutOnWhite() async throws {
        let site = try Self.site(
            ["p3-flat.png", "untagged-flat.png", "translucent.png"],
            body: "![Tagged](p3-flat.png)\n\n![Untagged](untagged-flat.png)\n\n![Ramp](translucent.png)")
        try await site.build()
        func variants(_ stem: String) -> [String] {
            site.outputFiles().filter { $0.hasPrefix("img/\(stem)-") && !$0.hasSuffix(".html") }
        }
        for (stem, expected) in [("p3-flat", [200, 100, 50]), ("untagged-flat", [187, 105, 62])] {
            #expect(variants(stem).count == 3, "\(variants(stem))")
            for path in variants(stem) {
                let pixel = try Self.pixel(site.output.appendingPathComponent(path), x: 32, y: 24)
                #expect(zip(pixel.prefix(3), expected).allSatisfy { abs($0 - $1) <= 4 }, "\(path): \(pixel), expected about \(expected)")
                #expect(pixel[3] == 255)
            }
        }
        #expect(variants("translucent").count == 3)
        for path in variants("translucent") {
            let file = site.output.appendingPathComponent(path)
            let corner = try Self.pixel(file, x: 0, y: 0), solid = try Self.pixel(file, x: 319, y: 199)
            if path.hasSuffix(".jpg") {
                // The source's corner is fully transparent: on white it is white.
                #expect(corner.prefix(3).allSatisfy { $0 >= 245 } && corner[3] == 255, "\(path): corner \(corner)")
            } else {
                #expect(corner[3] <= 8, "\(path) keeps the transparent corner: \(corner)")
            }
            #expect(solid[3] >= 247, "\(path): the opaque corner \(solid)")
        }
    }

    /// A phone's HEIC photo is read by Debian's libvips (libheif with libde265) and published as
    /// variants like any photo, without its EXIF, XMP or profile.
    @Test func heicPhotosArePublishedAsVariantsWithoutMetadata() async throws {
        let site = try Self.site(["phone.heic"], body: "![Workers at the dyeing line](phone.heic)")
        try await site.build()
        let variants = site.outputFiles().filter { $0.hasPrefix("img/phone-") }
        #expect(Set(variants.map(ImageTests.widthAndFormat)) == Set(["480 avif", "480 webp", "480 jpg", "600 avif", "600 webp", "600 jpg"]))
        #expect(!site.exists("en/news/visit/phone.heic"))
        for path in variants {
            let file = site.output.appendingPathComponent(path)
            let tags = try ImageTests.run("exiftool", ["-a", "-G1", "-s", file.path])
            for leak in ["GPS", "Staff member", "ICC", "XMP"] { #expect(!tags.contains(leak), "\(path) holds \(leak)") }
            let size = try Self.size(file)
            #expect(size[0] == ImageTests.width(of: path) && size[1] == (ImageTests.width(of: path) == 480 ? 270 : 338), "\(path): \(size)")
        }
    }

    // MARK: Independent decoding

    /// RGBA of one pixel, decoded by Pillow (AVIF first turned into PNG by avifdec).
    static func pixel(_ file: URL, x: Int, y: Int) throws -> [Int] {
        try pillow(file, "im = im.convert('RGBA'); print(*im.getpixel((\(x), \(y))))")
    }

    static func size(_ file: URL) throws -> [Int] {
        try pillow(file, "print(*im.size)")
    }

    private static func pillow(_ file: URL, _ statement: String) throws -> [Int] {
        var path = file.path
        if file.pathExtension == "avif" {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-avif-\(UUID().uuidString).png").path
            _ = try ImageTests.run("avifdec", [file.path, path])
        }
        defer { if path != file.path { try? FileManager.default.removeItem(atPath: path) } }
        // Debian's interpreter, where `python3-pil` installs Pillow (`make test-deps`).
        let output = try ImageTests.run("/usr/bin/python3", ["-c", "from PIL import Image; im = Image.open('\(path)'); \(statement)"])
        return output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    }
}
