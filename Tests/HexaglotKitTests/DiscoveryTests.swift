import Foundation
import Testing

@testable import HexaglotKit

/// What discovery does with symbolic links, special files and the top of `content/`. Links and
/// FIFOs cannot live in git reliably, so each test makes them in a temporary site.
@Suite struct DiscoveryTests {
    static func link(_ path: String, to destination: String, in site: TestSite) throws {
        let url = site.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    @Test func folderLinksThatLoopOrLeadBackIntoContentAreNotFollowed() async throws {
        let site = try TestSite([
            "content/en/index.md": "# Home\n",
            "content/en/sub/page.md": "# Page\n",
            "content/fr/a.md": "# A\n",
            "content/zz/hidden.md": "# Not a language\n",
            "shared/doc.md": "# Shared\n",
            "other/more.md": "# More\n",
        ])
        try Self.link("content/en/loop", to: "..", in: site)  // content/ itself
        try Self.link("content/en/self", to: ".", in: site)  // its own folder
        try Self.link("content/en/sub/back", to: "..", in: site)  // an ancestor
        try Self.link("content/en/root", to: "../..", in: site)  // the site folder
        try Self.link("content/en/french", to: "../fr", in: site)  // another language
        try Self.link("content/en/zz", to: "../zz", in: site)  // not a language folder
        try Self.link("content/en/shared", to: "../../shared", in: site)  // outside content/: followed once
        try Self.link("content/en/shared-again", to: "../../shared", in: site)
        // A loop no path comparison sees: shared/other -> other, other/shared -> shared.
        try Self.link("shared/other", to: "../other", in: site)
        try Self.link("other/shared", to: "../shared", in: site)
        // File links: into another language is fine; site.yaml and non-language folders are not content.
        try Self.link("content/en/a.md", to: "../fr/a.md", in: site)
        try Self.link("content/en/settings.md", to: "../site.yaml", in: site)
        try Self.link("content/en/hidden.md", to: "../zz/hidden.md", in: site)
        try Self.link("content/en/gone.md", to: "nowhere.md", in: site)

        let report = try await site.build()
        #expect(
            report.warnings.map(\.description).filter { !$0.contains("no folder content/ar/") } == [
                "content/en/french:1:1: warning: symbolic link leads into content/, whose folders are published from their own place, and is not followed: content/fr",
                "content/en/gone.md:1:1: warning: symbolic link leads to nothing (its target does not exist) and is skipped",
                "content/en/hidden.md:1:1: warning: symbolic link leads to a file of content/ that is not published and is not followed: content/zz/hidden.md",
                "content/en/loop:1:1: warning: symbolic link leads to a folder that contains it (a loop) and is not followed: content",
                "content/en/root:1:1: warning: symbolic link leads to a folder that contains it (a loop) and is not followed: .",
                "content/en/self:1:1: warning: symbolic link leads to a folder that contains it (a loop) and is not followed: content/en",
                "content/en/settings.md:1:1: warning: symbolic link leads to a file of content/ that is not published and is not followed: content/site.yaml",
                "content/en/shared-again:1:1: warning: symbolic link leads to a folder already walked through another path and is not followed: shared",
                "content/en/shared/other/shared:1:1: warning: symbolic link leads to a folder that contains it (a loop) and is not followed: shared",
                "content/en/sub/back:1:1: warning: symbolic link leads to a folder that contains it (a loop) and is not followed: content/en",
                "content/en/zz:1:1: warning: symbolic link leads into content/, whose folders are published from their own place, and is not followed: content/zz",
                "content/zz:1:1: warning: folder 'zz' is not a language of site.yaml (en, fr, ar) and is not published",
            ])
        // Every page once, under its own path; nothing of site.yaml nor of content/zz.
        #expect(
            site.outputFiles().filter { $0.hasPrefix("en/") || $0.hasPrefix("fr/") } == [
                "en/404.html", "en/a/index.html", "en/index.html",
                "en/shared/doc/index.html", "en/shared/index.html", "en/shared/other/index.html", "en/shared/other/more/index.html",
                "en/sub/index.html", "en/sub/page/index.html",
                "fr/404.html", "fr/a/index.html", "fr/index.html",
            ])
    }

    /// A language folder that is itself a link follows the rule of links met inside: one
    /// leading to a folder that contains it (content/, the site) or into content/ is not
    /// followed, so site.yaml and templates are not published under the language.
    @Test func aLanguageFolderThatIsALinkIsFollowedByTheSameRule() async throws {
        let site = try TestSite([
            "content/en/index.md": "# Home\n", "content/fr/index.md": "# Accueil\n",
            "shared-ar/index.md": "# الرئيسية\n",
        ])
        for (destination, warning) in [
            ("..", "content/ar:1:1: warning: symbolic link leads to a folder that contains it (a loop) and is not followed: ."),
            (".", "content/ar:1:1: warning: symbolic link leads to a folder that contains it (a loop) and is not followed: content"),
            (
                "fr",
                "content/ar:1:1: warning: symbolic link leads into content/, whose folders are published from their own place, and is not followed: content/fr"
            ),
        ] {
            try? site.remove("content/ar")
            try Self.link("content/ar", to: destination, in: site)
            let report = try await site.build()
            #expect(report.warnings.map(\.description) == [warning], "\(destination)")
            #expect(
                !site.outputFiles().contains { $0.hasPrefix("ar/content/") || $0.hasPrefix("ar/templates/") || $0.hasPrefix("ar/fr/") },
                "\(destination)")
            #expect(site.file("ar/index.html")?.contains("Accueil") != true, "\(destination)")
        }
        // Elsewhere in the site: followed.
        try site.remove("content/ar")
        try Self.link("content/ar", to: "../shared-ar", in: site)
        #expect(try await site.build().warnings.isEmpty)
        #expect(site.file("ar/index.html")?.contains("الرئيسية") == true)
    }

    @Test func aLanguageFolderLinkedFromOutsideTheSiteIsNotRead() async throws {
        let site = try TestSite(["content/en/index.md": "# Home\n", "content/fr/index.md": "# Accueil\n"])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "# Secret\n".write(to: outside.appendingPathComponent("secret.md"), atomically: true, encoding: .utf8)
        try Self.link("content/ar", to: outside.path, in: site)
        let report = try await site.build()
        #expect(
            report.warnings.map(\.description) == [
                "content/ar:1:1: warning: symbolic link leads outside the site and is not followed: \(ContainedFile.resolvedPath(outside.path)!)"
            ])
        #expect(!site.exists("ar/secret/index.html"))
    }

    @Test func aFIFOIsAnErrorEvenWhenTheOutputLooksUpToDate() async throws {
        let site = try TestSite([
            "content/en/index.md": "# Home\n", "content/fr/index.md": "# Accueil\n",
            "content/ar/index.md": "# الرئيسية\n",
        ])
        try await site.build { $0.skipsUnchangedBuilds = true }
        #expect(try await site.build { $0.skipsUnchangedBuilds = true }.isUpToDate)
        #expect(mkfifo(site.root.appendingPathComponent("content/en/page.md").path, 0o644) == 0)
        // Found by lstat, never opened (opening a FIFO would wait forever for a writer).
        let expected = [
            "content/en/page.md:1:1: error: is a FIFO (named pipe), not a file or folder that can be published; remove it (it is never opened)"
        ]
        #expect(await site.failures { $0.skipsUnchangedBuilds = true } == expected)
        #expect(await site.failures() == expected)
        // At the top of content/ too.
        try site.remove("content/en/page.md")
        #expect(mkfifo(site.root.appendingPathComponent("content/pipe").path, 0o644) == 0)
        #expect(
            await site.failures { $0.skipsUnchangedBuilds = true } == [
                "content/pipe:1:1: error: is a FIFO (named pipe), not a file or folder that can be published; remove it (it is never opened)"
            ])
    }

    @Test func anUpToDateBuildRepeatsThePreviousBuildsWarnings() async throws {
        let site = try TestSite([
            "content/en/index.md": "# Home\n", "content/fr/index.md": "# Accueil\n",
            "content/index.md": "# Misplaced\n",
        ])
        let first = try await site.build { $0.skipsUnchangedBuilds = true }
        let again = try await site.build { $0.skipsUnchangedBuilds = true }
        #expect(!first.isUpToDate)
        #expect(again.isUpToDate)
        #expect(
            first.warnings.map(\.description) == [
                "warning: no folder content/ar/ for language 'ar'",
                "content/index.md:1:1: warning: file is not published: pages go in a language folder, such as content/en/index.md",
            ])
        #expect(again.warnings == first.warnings)
        #expect(again.warnings.last?.location?.isWholeFile == true)
    }

    @Test func aLinkLoopDoesNotMakeTheUpToDateCheckEndless() async throws {
        let site = try TestSite([
            "content/en/index.md": "# Home\n", "content/fr/index.md": "# Accueil\n",
            "content/ar/index.md": "# الرئيسية\n",
        ])
        // Two loops: followed by depth alone they would be 2^64 walks.
        try Self.link("content/en/a", to: "..", in: site)
        try Self.link("content/en/b", to: "..", in: site)
        try await site.build { $0.skipsUnchangedBuilds = true }
        #expect(try await site.build { $0.skipsUnchangedBuilds = true }.isUpToDate)
    }

    @Test(
        arguments: [
            ("zh-cn", "zh"), ("zh_Hans", "zh"), ("ZH", "zh"), ("Fr", "fr"), ("zn", "zh"), ("spanish", nil), ("de", nil),
            ("ar-EG", "ar"), ("enn", "en"), ("rus", "ru"), ("notes", nil),
        ] as [(String, String?)])
    func aFolderNameSuggestsTheCodeItWasMeantToBe(_ name: String, _ code: String?) {
        #expect(ContentTopLevel.closestCode(to: name, among: ["zh", "en", "ar", "fr", "ru", "es"]) == code)
    }
}
