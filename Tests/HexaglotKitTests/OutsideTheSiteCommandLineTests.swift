import Foundation
import Testing

@testable import HexaglotKit

/// No command prints, or copies, anything from outside the site folder: a link out of it is
/// named with its target, never read (CI logs are public).
@Suite struct OutsideTheSiteCommandLineTests {
    let runner = CommandLineTests()
    static let secret = "SECRET-TOKEN-123"

    /// A site whose `content/en/leak.md` leads to a file outside it holding the secret.
    static func siteWithLeak() throws -> (site: TestSite, target: String) {
        let site = try CheckTests.site(["content/en/a.md": "# A\n\n[YouTube](https://www.youtube.com/user/UNIDObeta)\n"])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-secret-\(UUID().uuidString).md")
        try "\(secret)\nsecond line \(secret)\n".write(to: outside, atomically: true, encoding: .utf8)
        try DiscoveryTests.link("content/en/leak.md", to: outside.path, in: site)
        return (site, ContainedFile.resolvedPath(outside.path)!)
    }

    @Test func aLinkOutOfTheSiteIsNamedNotShown() throws {
        let (site, target) = try Self.siteWithLeak()
        let warning = "content/en/leak.md:1:1: warning: symbolic link leads outside the site and is not followed: \(target)\n"
        for arguments in [["build"], ["build"], ["build", "--force"], ["check"], ["status"]] {
            let result = try runner.run(arguments, in: site.root)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.errors.hasPrefix(warning + "1 warning\n"), "\(arguments): \(result.errors)")
            #expect(!(result.output + result.errors).contains(Self.secret), "\(arguments)")
        }
        let translation = try runner.run(["new", "translation", "en/leak", "--to", "fr"], in: site.root)
        #expect(translation.status == 1)
        #expect(
            translation.errors == """
                content/en/leak.md:1:1: error: cannot read file: only a regular file inside the site is read, not a symbolic link leading out of it, a FIFO or a device
                1 error; nothing was written

                """)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/fr/leak.md").path))
    }

    @Test func theEnvironmentIsNeverPrinted() throws {
        let site = try CheckTests.site(["content/en/a.md": "# A\n\n[YouTube](https://www.youtube.com/user/UNIDObeta)\n"])
        try DiscoveryTests.link("content/en/environ.md", to: "/proc/self/environ", in: site)
        for arguments in [["build", "--force"], ["check"]] {
            let result = try runner.run(arguments, in: site.root, environment: ["HEXAGLOT_TEST_TOKEN": Self.secret])
            #expect(
                result.errors.hasPrefix("content/en/environ.md:1:1: warning: symbolic link leads outside the site and is not followed: /proc/"),
                "\(arguments): \(result.errors)")
            #expect(!(result.output + result.errors).contains(Self.secret), "\(arguments)")
        }
    }

    /// Structural, not a special case of discovery: a diagnostic with a real line in a file that
    /// resolves outside the site (here a template linked in from elsewhere) is printed without it.
    @Test func aLineOfAFileOutsideTheSiteIsNeverExcerpted() throws {
        let site = try CheckTests.site(["content/en/a.md": "# A\n"])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-theme-\(UUID().uuidString).mustache")
        try "{{#page}}\(Self.secret)\n".write(to: outside, atomically: true, encoding: .utf8)
        try site.remove("templates/page.mustache")
        try DiscoveryTests.link("templates/page.mustache", to: outside.path, in: site)
        for arguments in [["build"], ["check"]] {
            let result = try runner.run(arguments, in: site.root)
            #expect(result.status == 1)
            #expect(result.errors.hasPrefix("templates/page.mustache:1:"), "\(arguments): \(result.errors)")
            #expect(!(result.output + result.errors).contains(Self.secret), "\(arguments)")
        }
    }

    @Test func aFIFOIsReportedNotOpenedByEveryCommand() throws {
        let site = try CheckTests.site(["content/en/a.md": "# A\n\n[YouTube](https://www.youtube.com/user/UNIDObeta)\n"])
        #expect(try runner.run(["build"], in: site.root).status == 0)
        #expect(mkfifo(site.root.appendingPathComponent("content/en/page.md").path, 0o644) == 0)
        let error =
            "content/en/page.md:1:1: error: is a FIFO (named pipe), not a file or folder that can be published; remove it (it is never opened)\n"
        for arguments in [["build"], ["check"], ["status"]] {
            let result = try runner.run(arguments, in: site.root)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.errors.hasPrefix(error), "\(arguments): \(result.errors)")
        }
        let translation = try runner.run(["new", "translation", "en/page", "--to", "fr"], in: site.root)
        #expect(translation.status == 1)
        #expect(translation.errors.hasPrefix("content/en/page.md:1:1: error: cannot read file: "))
    }
}
