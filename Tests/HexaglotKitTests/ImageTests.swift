import Foundation
import Testing

@testable import HexaglotKit

/// Photos are published as resized variants without metadata (issue 15). What the build wrote is
/// read back by tools independent of libvips: exiftool for metadata, dwebp, avifdec and djpeg for
/// pixels (`make test` installs them).
@Suite struct ImageTests {
    static let images = Fixtures.folder.appendingPathComponent("images")

    /// A bundle showing a real phone-style photo (EXIF GPS, orientation "rotate 90", XMP, IPTC, a
    /// Display P3 profile, an embedded thumbnail) and a PNG with alpha and metadata, linking to it.
    static func photoSite(_ siteYAML: String? = nil) throws -> TestSite {
        var files = [
            "content/en/news/visit/index.md": """
            ---
            title: Field visit
            ---
            ![Workers at the dyeing line](field-visit.jpg)

            ![A swatch of recycled fabric](translucent.png)

            [Full-size swatch](translucent.png)

            """,
            "content/en/index.md": "# Home\n\nNo images here.\n",
        ]
        if let siteYAML { files["content/site.yaml"] = siteYAML }
        let site = try TestSite(files)
        for name in ["field-visit.jpg", "translucent.png"] {
            try site.write(Data(contentsOf: images.appendingPathComponent(name)), to: "content/en/news/visit/" + name)
        }
        return site
    }

    @Test func photosArePublishedAsVariantsInAPicture() async throws {
        let site = try Self.photoSite()
        try await site.build()
        let variants = site.outputFiles().filter { $0.hasPrefix("img/field-visit-") }
        // Shown 1013 × 1800 (EXIF orientation 6 turns the stored 1800 × 1013): 480, 960, and its own
        // width, which lies below 1600; never enlarged.
        #expect(
            Set(variants.map(Self.widthAndFormat))
                == Set(["480 avif", "480 webp", "480 jpg", "960 avif", "960 webp", "960 jpg", "1013 avif", "1013 webp", "1013 jpg"]))
        #expect(!site.exists("en/news/visit/field-visit.jpg"), "the original is not published")
        #expect(site.exists("en/news/visit/translucent.png"), "a linked original is published")

        let html = try #require(site.file("en/news/visit/index.html"))
        let picture = try #require(html.firstMatch(of: /<picture>.*?<\/picture>/).map { String($0.output) })
        let avif = variants.filter { $0.hasSuffix(".avif") }.sorted(by: Self.byWidth).map { "/\($0) \(Self.width(of: $0))w" }
        let jpeg = variants.filter { $0.hasSuffix(".jpg") }.sorted(by: Self.byWidth)
        #expect(
            picture.hasPrefix(
                "<picture><source type=\"image/avif\" srcset=\"\(avif.joined(separator: ", "))\" sizes=\"(min-width: 44rem) 40rem, 100vw\"><source type=\"image/webp\" srcset=\""
            ))
        #expect(picture.contains("<img src=\"/\(jpeg.last!)\" alt=\"Workers at the dyeing line\" srcset=\"/\(jpeg[0]) 480w, "))
        #expect(picture.hasSuffix(" width=\"1013\" height=\"1800\" loading=\"eager\" decoding=\"async\" /></picture>"))
        #expect(html.contains("alt=\"A swatch of recycled fabric\""))
        #expect(html.components(separatedBy: "loading=\"lazy\"").count == 2, "every image but the first loads lazily")
        #expect(html.contains("<a href=\"translucent.png\">Full-size swatch</a>"))
    }

    @Test func noVariantHoldsMetadataAndEachDecodesToTheWidthInItsName() async throws {
        let site = try Self.photoSite()
        try await site.build()
        let variants = site.outputFiles().filter { $0.contains("w-") && !$0.hasSuffix(".html") }
        #expect(variants.count == 12)
        // The sources do carry what must not leave: the test would mean nothing otherwise.
        let source = try Self.run("exiftool", ["-a", "-G1", "-s", Self.images.appendingPathComponent("field-visit.jpg").path])
        for group in ["[GPS]", "[XMP-dc]", "[IPTC]", "[ICC_Profile]", "[IFD1]"] { #expect(source.contains(group)) }
        for path in variants {
            let file = site.output.appendingPathComponent(path).path
            let tags = try Self.run("exiftool", ["-a", "-G1", "-s", file])
            let groups = Set(tags.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
            let allowed: Set<String> = ["[ExifTool]", "[System]", "[File]", "[Composite]", "[RIFF]", "[QuickTime]", "[Meta]", "[JFIF]"]
            #expect(groups.isSubset(of: allowed), "\(path) holds \(groups.subtracting(allowed).sorted())")
            #expect(!tags.contains("GPS") && !tags.contains("Staff member") && !tags.contains("Thumbnail"), "\(path)")

            let (width, format) = (Self.width(of: path), (path as NSString).pathExtension)
            let decoded: String
            switch format {
            case "webp": decoded = try Self.run("dwebp", [file, "-ppm", "-o", "/dev/null"])
            case "avif": decoded = try Self.run("avifdec", ["--info", file])
            default: decoded = try Self.run("djpeg", ["-outfile", "/dev/null", "-verbose", file])
            }
            let pattern = format == "jpg" ? "width=\(width)," : format == "webp" ? "Dimensions: \(width) x " : "Resolution     : \(width)x"
            #expect(decoded.contains(pattern), "\(path) does not decode to width \(width): \(decoded)")
        }
        // The linked original is published again at full size, its metadata gone, its alpha kept.
        let original = site.output.appendingPathComponent("en/news/visit/translucent.png").path
        let before = try Self.run("exiftool", ["-a", "-G1", "-s", Self.images.appendingPathComponent("translucent.png").path])
        let after = try Self.run("exiftool", ["-a", "-G1", "-s", original])
        for leak in ["GPS", "Staff member", "secret site", "ICC_Profile"] {
            #expect(before.contains(leak))
            #expect(!after.contains(leak), "the published translucent.png holds \(leak)")
        }
        #expect(after.contains("ImageSize                       : 320x200") && after.contains("RGB with Alpha"))
    }

    @Test func variantsComeFromTheCacheAndAreTheSameBytesEveryTime() async throws {
        let site = try Self.photoSite()
        let cold = try await site.build()
        // 9 of the photo, 3 of the PNG, and the linked PNG again at full size without its metadata.
        #expect(cold.imagesEncoded == 13)
        let first = TestSite.contents(of: site.output)
        // A warm build encodes nothing and publishes the same files.
        let warm = try await site.build()
        #expect(warm.imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first)
        // With the cache deleted, a build into a new folder encodes everything again, to the
        // same bytes (deterministic output).
        try site.remove(".hexaglot-cache")
        let fresh = site.root.appendingPathComponent("fresh")
        let again = try await site.build { $0.output = fresh }
        #expect(again.imagesEncoded == 13)
        #expect(TestSite.contents(of: fresh) == first)
        // A changed photo is encoded again, under new names.
        var photo = try Data(contentsOf: Self.images.appendingPathComponent("translucent.png"))
        photo.append(contentsOf: [0])
        try site.write(photo, to: "content/en/news/visit/translucent.png")
        let changed = try await site.build()
        #expect(changed.imagesEncoded == 4)
        #expect(site.outputFiles().filter { $0.hasPrefix("img/translucent-") }.count == 3)
        #expect(site.outputFiles().filter { $0.hasPrefix("img/translucent-") }.allSatisfy { first[$0] == nil })
    }

    /// A rebuild publishes each variant by moving the file the previous build published under the
    /// same name (the name carries the variant's key) into the new output at the swap, instead of
    /// copying it from the cache again; the linked original, whose name does not say what it
    /// holds, is written afresh.
    @Test func aRebuildMovesThePreviousVariantsOverAndWritesTheLinkedOriginalAfresh() async throws {
        let site = try Self.photoSite()
        try await site.build()
        func inode(_ path: String) throws -> UInt64 {
            try #require(FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)[.systemFileNumber] as? UInt64)
        }
        let variants = site.outputFiles().filter { $0.contains("w-") && !$0.hasSuffix(".html") }
        #expect(variants.count == 12)
        let before = try variants.map(inode), original = try inode("en/news/visit/translucent.png")
        let first = TestSite.contents(of: site.output)
        #expect(try await site.build().imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first)
        #expect(try variants.map(inode) == before, "the same files, moved into the new output")
        #expect(try inode("en/news/visit/translucent.png") != original)
    }

    /// Variants are taken from the previous output only at the swap, once every file is written
    /// and every path checked: a build that stops before it (here at a file no build wrote) leaves
    /// each of them where it was, the same file.
    @Test func aBuildThatFailsAtTheSwapLeavesThePreviousVariantsInPlace() async throws {
        let site = try Self.photoSite()
        try await site.build()
        func inode(_ path: String) throws -> UInt64 {
            try #require(FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)[.systemFileNumber] as? UInt64)
        }
        let variants = site.outputFiles().filter { $0.contains("w-") && !$0.hasSuffix(".html") }
        let before = try variants.map(inode), folder = try inode("img")
        try site.write("mine.example\n", to: "public/CNAME")
        try site.write("theirs.example\n", to: "content/static/CNAME")
        let first = TestSite.contents(of: site.output)
        let errors = await site.errors()
        #expect(errors.contains { $0.contains("/CNAME was not written by a Hexaglot build") }, "\(errors)")
        #expect(TestSite.contents(of: site.output) == first)
        #expect(try variants.map(inode) == before && inode("img") == folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])
    }

    /// A build killed after moving variants over and before the swap leaves them in its staging
    /// folder, listed in its journal: the next build puts them back, then publishes them again.
    @Test func variantsAKilledBuildMovedArePutBack() async throws {
        let site = try Self.photoSite()
        try await site.build()
        let first = TestSite.contents(of: site.output)
        let variant = try #require(site.outputFiles().first { $0.hasSuffix(".avif") })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let staging = ".public.new-\(process.processIdentifier)-7"
        try FileManager.default.createDirectory(
            at: site.root.appendingPathComponent(staging + "/" + (variant as NSString).deletingLastPathComponent), withIntermediateDirectories: true)
        #expect(rename(site.output.path + "/" + variant, site.root.path + "/" + staging + "/" + variant) == 0)
        try site.write(variant, to: staging + ".carried")
        #expect(try await site.build().imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])
    }

    /// Every photo's variants are published in one folder, `img/`, which holds nothing else: a
    /// rebuild that publishes the same variants moves the previous build's folder into the new
    /// output with one rename (the folder itself is the same, not a new folder of the same files).
    @Test func anUnchangedVariantFolderIsCarriedOverWithOneRename() async throws {
        let site = try Self.photoSite()
        try await site.build()
        let variants = site.outputFiles().filter { $0.contains("w-") && !$0.hasSuffix(".html") }
        #expect(variants.count == 12 && variants.allSatisfy { $0.hasPrefix("img/") }, "\(variants)")
        let listed = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("img").path)
        #expect(Set(listed.map { "img/" + $0 }) == Set(variants))
        let record = try #require(site.file(OutputRecord.fileName))
        #expect(variants.allSatisfy { record.contains("\n" + $0 + "\n") }, "the record lists every variant")
        let folder = try Self.inode(site, "img"), files = try variants.map { try Self.inode(site, $0) }
        let first = TestSite.contents(of: site.output)
        #expect(try await site.build().imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first)
        #expect(try Self.inode(site, "img") == folder, "the previous folder, moved over whole")
        #expect(try variants.map { try Self.inode(site, $0) } == files)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])
    }

    /// When the photos change, the build publishes exactly the variants pages use: the unchanged
    /// photo's are moved over one by one, the changed photo's new ones are added and its old ones
    /// are gone with the old output; the build after moves the folder whole again.
    @Test func aChangedPhotoSetKeepsExactlyTheVariantsInUse() async throws {
        let site = try Self.photoSite()
        try await site.build()
        let before = Set(site.outputFiles().filter { $0.hasPrefix("img/") })
        let photoVariants = before.filter { $0.hasPrefix("img/field-visit-") }.sorted()
        let kept = try photoVariants.map { try Self.inode(site, $0) }
        var png = try Data(contentsOf: Self.images.appendingPathComponent("translucent.png"))
        png.append(0)
        try site.write(png, to: "content/en/news/visit/translucent.png")
        #expect(try await site.build().imagesEncoded == 4)
        let after = Set(site.outputFiles().filter { $0.hasPrefix("img/") })
        #expect(after.count == 12)
        #expect(after.subtracting(before).count == 3 && after.subtracting(before).allSatisfy { $0.hasPrefix("img/translucent-") })
        #expect(before.subtracting(after).count == 3, "the old variants of the changed PNG are gone")
        #expect(try photoVariants.map { try Self.inode(site, $0) } == kept, "the unchanged photo's files were moved over")
        let record = try #require(site.file(OutputRecord.fileName))
        #expect(after.allSatisfy { record.contains("\n" + $0 + "\n") } && before.subtracting(after).allSatisfy { !record.contains($0) })
        try await site.expectOutputMatchesCleanBuild("after a changed photo")

        // One photo fewer: its variants leave the folder.
        try site.write("---\ntitle: Field visit\n---\n![Workers at the dyeing line](field-visit.jpg)\n", to: "content/en/news/visit/index.md")
        try await site.build()
        #expect(Set(site.outputFiles().filter { $0.hasPrefix("img/") }) == Set(photoVariants))
        let folder = try Self.inode(site, "img")
        let first = TestSite.contents(of: site.output)
        try await site.build()
        #expect(try Self.inode(site, "img") == folder)
        #expect(TestSite.contents(of: site.output) == first)
    }

    /// A build killed after moving the variant folder over and before the swap leaves it in its
    /// staging folder, listed in its journal: the next build puts it back, then moves it again.
    @Test func aVariantFolderAKilledBuildMovedIsPutBack() async throws {
        let site = try Self.photoSite()
        try await site.build()
        let first = TestSite.contents(of: site.output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let staging = ".public.new-\(process.processIdentifier)-9"
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent(staging), withIntermediateDirectories: true)
        #expect(rename(site.output.path + "/img", site.root.path + "/" + staging + "/img") == 0)
        try site.write("img", to: staging + ".carried")
        #expect(!site.exists("img/"))
        #expect(try await site.build().imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.") } == [])
    }

    /// `img/` is not reserved: the site's own files there are published beside the variants, and a
    /// file someone put in the output's `img/` stays; the variants then move one by one.
    @Test func filesOfTheSiteAndOfTheOutputInTheVariantFolderStay() async throws {
        let site = try Self.photoSite()
        try site.write("own\n", to: "content/static/img/own.txt")
        try await site.build()
        #expect(site.file("img/own.txt") == "own\n")
        try site.write("mine\n", to: "public/img/mine.txt")
        let first = TestSite.contents(of: site.output)
        #expect(try await site.build().imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first)
        try site.remove("content/static/img/own.txt")
        try await site.build()
        #expect(site.file("img/mine.txt") == "mine\n" && !site.exists("img/own.txt"))
        #expect(site.outputFiles().filter { $0.hasPrefix("img/") && $0.contains("w-") }.count == 12)
        let again = TestSite.contents(of: site.output)
        try await site.build()
        #expect(TestSite.contents(of: site.output) == again)
        #expect(site.file(OutputRecord.fileName)?.contains("mine.txt") == false, "not the build's")
    }

    /// A file of the site where a variant goes (on its path, in any letter case, or at `img`,
    /// where the variants need a folder) is an error naming both files, found before any photo
    /// is encoded or anything written: the previous output stays as it was.
    @Test func aFileOfTheSiteWhereAVariantGoesIsAnEarlyErrorNamingBoth() async throws {
        let site = try Self.photoSite()
        try await site.build()
        let variant = try #require(site.outputFiles().first { $0.hasPrefix("img/field-visit-") && $0.hasSuffix(".jpg") })
        let first = TestSite.contents(of: site.output)
        try site.write("not a photo\n", to: "content/static/" + variant.uppercased())
        let upper = variant.uppercased()
        #expect(
            await site.errors() == [
                "content/static/\(upper):1:1: error: content/static/\(upper) would be written to \(upper), which is a variant of content/en/news/visit/field-visit.jpg"
            ])
        #expect(TestSite.contents(of: site.output) == first)
        try site.remove("content/static/" + upper)

        // In a fresh site: nothing is encoded before the error.
        let fresh = try Self.photoSite()
        try fresh.write("a file, not a folder\n", to: "content/static/img")
        let errors = await fresh.errors()
        #expect(errors.count == 1, "\(errors)")
        let message = try #require(errors.first)
        #expect(message.hasPrefix("content/static/img:1:1: error: a variant of content/en/news/visit/"), "\(message)")
        #expect(message.contains(" would be written to img/") && message.hasSuffix(", but img is content/static/img"), "\(message)")
        let cache = fresh.root.appendingPathComponent(".hexaglot-cache/images").path
        let cached = (FileManager.default.enumerator(atPath: cache)?.allObjects as? [String] ?? [])
            .filter { !$0.hasPrefix("sources") && ($0.hasSuffix(".jpg") || $0.hasSuffix(".webp") || $0.hasSuffix(".avif")) }
        #expect(cached.isEmpty, "encoded before the error: \(cached)")
        #expect(!fresh.exists("index.html"))
    }

    /// A rebuild takes an unchanged photo's header and digest from the cache instead of reading
    /// and hashing the file; a changed file (another stat) is read again. That the stored facts
    /// are used is shown by changing them: the build then plans variants under the stored
    /// digest, and the encoder, which checks the bytes it encodes, refuses.
    @Test func unchangedPhotosAreNotReadAgainAndTheEncoderStillChecksTheirBytes() async throws {
        let site = try Self.photoSite()
        try await site.build()
        let sources = site.root.appendingPathComponent(".hexaglot-cache/images/sources")
        let entries = TestSite.files(below: sources)
        #expect(entries.count == 1, "one file for the site's photos: \(entries)")
        let index = sources.appendingPathComponent(try #require(entries.first))
        let stored = try String(contentsOf: index, encoding: .utf8)
        let first = TestSite.contents(of: site.output)
        #expect(try await site.build().imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first)
        #expect(try String(contentsOf: index, encoding: .utf8) == stored, "an unchanged site's facts are not rewritten")

        // Each photo's digest, the last word of its facts (the third field of its line), without
        // the variant keys made from it (the fourth), which would name the cached variants.
        var lines = stored.components(separatedBy: "\n")
        for (number, line) in lines.enumerated() where line.contains("\t") {
            var fields = line.components(separatedBy: "\t")
            var facts = fields[2].components(separatedBy: " ")
            facts[facts.count - 1] = String(repeating: "0", count: 64)
            fields[2] = facts.joined(separator: " ")
            fields[3] = ""
            lines[number] = fields.joined(separator: "\t")
        }
        try lines.joined(separator: "\n").write(to: index, atomically: true, encoding: .utf8)
        let errors = await site.errors()
        #expect(errors.contains { $0.contains("image content/en/news/visit/field-visit.jpg changed during the build: build again") }, "\(errors)")
        #expect(TestSite.contents(of: site.output) == first, "a failed build leaves the output as it was")

        // Touching the photo gives it another stat: its facts are read from the file again.
        let photo = site.root.appendingPathComponent("content/en/news/visit/field-visit.jpg")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: photo.path)
        let png = site.root.appendingPathComponent("content/en/news/visit/translucent.png")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: png.path)
        #expect(try await site.build().imagesEncoded == 0)
        #expect(TestSite.contents(of: site.output) == first)
        #expect(TestSite.files(below: sources) == entries)
        let reread = try String(contentsOf: index, encoding: .utf8)
        #expect(reread != stored && reread.contains(" 1700000000 0 "), "the new stamps: \(reread)")
        #expect(!reread.contains(String(repeating: "0", count: 64)))
    }

    /// Two builds at once with one cache folder (two checkouts on one CI runner, or `serve` and a
    /// build): both succeed and publish exactly what each publishes alone, however their encodes
    /// and renames interleave, and the cache holds each variant once, complete.
    @Test func twoBuildsSharingOneCacheAtOnceBothPublishWhatEachWouldAlone() async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-shared-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let yaml = TestSite.siteYAML + "images: {cache: \(cache.path)}\n"
        let alone = try Self.photoSite(yaml)
        try await alone.build()
        let expected = TestSite.contents(of: alone.output)
        let cachedAlone = TestSite.files(below: cache)
        try FileManager.default.removeItem(at: cache)

        let first = try Self.photoSite(yaml), second = try Self.photoSite(yaml)
        let options = [first.options, second.options]
        let reports = try options.parallelMap { options in Result { try SiteBuilder(options: options).build() } }.map { try $0.get() }
        #expect(reports.map(\.imagesEncoded).reduce(0, +) >= 13, "between them they encoded every variant")
        #expect(TestSite.contents(of: first.output) == expected)
        #expect(TestSite.contents(of: second.output) == expected)
        // Variants are named by content: the same entries, once each, none half-written. The
        // photos' facts are kept by site, so each site has its own file.
        let shared = TestSite.files(below: cache)
        #expect(shared.filter { !$0.hasPrefix("sources/") } == cachedAlone.filter { !$0.hasPrefix("sources/") })
        #expect(shared.filter { $0.hasPrefix("sources/") }.count == 2)
        #expect(!shared.contains { ($0 as NSString).lastPathComponent.hasPrefix(".") }, "no file left aside")
    }

    /// Fallback copies of a bundle show the original's variants: one photo is planned and encoded
    /// once, and no copy of the original is published under the other languages.
    @Test func fallbackCopiesShowTheOriginalsVariants() async throws {
        let site = try Self.photoSite(TestSite.siteYAML + "fallbackPages: true\n")
        let report = try await site.build()
        #expect(report.imagesEncoded == 13)
        let photos = site.outputFiles().filter { $0.contains("field-visit") }
        #expect(photos.count == 9 && photos.allSatisfy { $0.hasPrefix("img/field-visit-") }, "\(photos)")
        let french = try #require(site.file("fr/news/visit/index.html"))
        #expect(french.contains("<img src=\"/img/field-visit-1013w-"))
        // Each copy of the page links its own copy of the original, published without its metadata.
        #expect(site.exists("fr/news/visit/translucent.png") && site.exists("en/news/visit/translucent.png"))
        #expect(
            try Data(contentsOf: site.output.appendingPathComponent("fr/news/visit/translucent.png"))
                == Data(contentsOf: site.output.appendingPathComponent("en/news/visit/translucent.png")))
        #expect(!(try Self.run("exiftool", [site.output.appendingPathComponent("fr/news/visit/translucent.png").path]).contains("GPS")))
    }

    @Test func siteSettingsChooseWidthsFormatsAndTheCacheFolder() async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-image-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let site = try Self.photoSite(
            TestSite.siteYAML + "images: {widths: [200, 400], formats: [webp], quality: {webp: 60}, cache: \(cache.path)}\n")
        try await site.build()
        let variants = site.outputFiles().filter { $0.hasPrefix("img/field-visit-") }
        // Plus the og:image JPEG, 1200 wide at most: this photo is 1013 wide.
        #expect(Set(variants.map(Self.widthAndFormat)) == Set(["200 webp", "200 jpg", "400 webp", "400 jpg", "1013 jpg"]))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".hexaglot-cache").path))
        let cached = TestSite.files(below: cache)
        let encoded = cached.filter { !$0.hasPrefix("sources/") }, facts = cached.filter { $0.hasPrefix("sources/") }
        #expect(encoded.count == 10, "5 variants of the photo, 4 of the translucent PNG (320 wide) and its linked original: \(cached)")
        #expect(facts.count == 1, "the facts of the two source images, in one file: \(cached)")
    }

    @Test func theSharingImageIsAJPEGVariantAndAnimatedGIFsStayAsTheyAre() async throws {
        let site = try TestSite(
            [
                "content/en/index.md": "---\ntitle: Home\nimage: /photo.jpg\n---\n![Moving](/anim.gif)\n",
                "templates/base.mustache": "{{#page.image}}<meta property=\"og:image\" content=\"{{page.image}}\">{{/page.image}}{{$main}}{{/main}}",
            ])
        try site.write(Data(contentsOf: Self.images.appendingPathComponent("field-visit.jpg")), to: "content/static/photo.jpg")
        try site.write(Data(contentsOf: Self.images.appendingPathComponent("animated.gif")), to: "content/static/anim.gif")
        try await site.build()
        let html = try #require(site.file("en/index.html"))
        let sharing = try #require(site.outputFiles().first { $0.hasPrefix("img/photo-1013w-") && $0.hasSuffix(".jpg") })
        #expect(html.contains("<meta property=\"og:image\" content=\"https://example.org/\(sharing)\">"))
        #expect(
            site.outputFiles().filter { $0.hasPrefix("img/photo") || $0.hasPrefix("photo") } == [sharing],
            "only the sharing JPEG: no page shows the photo")
        #expect(html.contains("<img src=\"/anim.gif\" alt=\"Moving\" width=\"4\" height=\"4\" loading=\"eager\" decoding=\"async\" />"))
        #expect(site.exists("anim.gif"))
    }

    @Test func anImageWithoutAltTextIsAWarningInEveryLanguage() async throws {
        let site = try TestSite([
            "content/en/index.md": "# Home\n\nText.\n\n![](/logo.svg)\n\n![Described](/logo.svg)\n",
            "content/fr/index.md": "# Accueil\n\nTexte ![ ](/logo.svg)\n",
            "content/static/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>",
        ])
        let report = try await site.build()
        #expect(
            report.warnings.map(\.description).filter { $0.contains("alt text") } == [
                "content/en/index.md:5:1: warning: image '/logo.svg' has no alt text: write what it shows between the brackets, ![…](/logo.svg)",
                "content/fr/index.md:3:7: warning: image '/logo.svg' has no alt text: write what it shows between the brackets, ![…](/logo.svg)",
            ])
    }

    @Test func linksArePickedOutAsPossiblePhotosByTheirEnding() {
        for url in ["photo.jpg", "a/b/Photo.JPEG?x=1.2", "/static/p.png#top", "shot.HEIC", "x%2Ejpg", "photo.webp", ".jpg", "a.tif?"] {
            #expect(ImageCatalog.mayNameRaster(url), "\(url)")
        }
        for url in [
            "../areas/ozone.md#措施", "https://example.org/", "report.pdf", "logo.svg", "a.jpg/index.html", "tiff", "", "a.b/jpg", "photo.jpeg2",
            "x.jpg.md",
        ] {
            #expect(!ImageCatalog.mayNameRaster(url), "\(url)")
        }
    }

    // MARK: Helpers

    static func inode(_ site: TestSite, _ path: String) throws -> UInt64 {
        try #require(FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)[.systemFileNumber] as? UInt64)
    }

    static func width(of path: String) -> Int {
        Int(path.firstMatch(of: /-(\d+)w-/)!.output.1)!
    }

    static func widthAndFormat(_ path: String) -> String {
        "\(width(of: path)) \((path as NSString).pathExtension)"
    }

    static func byWidth(_ a: String, _ b: String) -> Bool { width(of: a) < width(of: b) }

    /// A tool's standard output and error; a missing tool fails the test (`make test` installs them).
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("\(tool) failed (is it installed? `make test-deps`): \(String(decoding: output, as: UTF8.self))")
            return ""
        }
        return String(decoding: output, as: UTF8.self)
    }
}
