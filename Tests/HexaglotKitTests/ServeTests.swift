import Foundation
import Testing

/// `hexaglot serve` started on a free loopback port and used as a browser would.
@Suite(.serialized) struct ServeTests {
    /// A running server on a site; stopped when the test ends.
    final class RunningServer {
        let process = Process()
        let site: TestSite
        private(set) var port = 0
        private let output = Pipe()
        /// Everything the server printed, filled by a reader thread.
        private final class Printed: @unchecked Sendable {
            private let lock = NSLock()
            private var text = ""
            func append(_ more: String) { lock.withLock { text += more } }
            var value: String { lock.withLock { text } }
        }
        private let printed = Printed()

        init(_ site: TestSite) throws {
            self.site = site
            process.executableURL = try #require(CommandLineTests.executable)
            process.arguments = ["serve", "--source", site.root.path, "--port", "0"]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first lines are the build summary, then "Serving at http://127.0.0.1:PORT/".
            var text = ""
            let deadline = Date().addingTimeInterval(60)
            while port == 0 && Date() < deadline {
                // Waited for with a deadline: a server stuck before printing must fail the test, not hang it.
                var waiting = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&waiting, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000))) > 0 else { break }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
                if let range = text.range(of: #"Serving at http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                    port = Int(text[range].split(separator: ":").last!.dropLast()) ?? 0
                }
            }
            try #require(port != 0, "server did not start: \(text)")
            printed.append(text)
            let handle = output.fileHandleForReading, printed = printed
            Thread.detachNewThread {
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    printed.append(String(decoding: chunk, as: UTF8.self))
                }
            }
        }

        /// How much the server has printed so far (a mark for `printed(waitingFor:after:)`).
        var printedCount: Int { printed.value.count }

        /// What the server printed after `mark`, once it holds `text` (or after `seconds`).
        func printed(waitingFor text: String, after mark: Int = 0, seconds: Double = 10) -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var now = ""
            while Date() < deadline {
                now = String(printed.value.dropFirst(mark))
                if now.contains(text) { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return now
        }

        var client: RawHTTPClient { RawHTTPClient(port: port) }

        /// How many folders the server's inotify instance watches: Linux lists each watch as
        /// an `inotify wd:` line in /proc/PID/fdinfo.
        var inotifyWatches: Int {
            let fdinfo = "/proc/\(process.processIdentifier)/fdinfo"
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: fdinfo)) ?? []
            return descriptors.reduce(0) { count, descriptor in
                let text = (try? String(contentsOfFile: fdinfo + "/" + descriptor, encoding: .utf8)) ?? ""
                return count + text.split(separator: "\n").count { $0.hasPrefix("inotify wd:") }
            }
        }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }
    }

    static func site() throws -> TestSite {
        try TestSite([
            "content/en/index.md": "# Home\n",
            "content/en/about.md": "---\ntitle: About\n---\nWho we are.\n",
            "content/fr/about.md": "---\ntitle: À propos\n---\nQui nous sommes.\n",
            "content/ar/about.md": "---\ntitle: من نحن\n---\nنص.\n",
            "content/static/images/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "templates/assets/css/site.css": "body{}",
        ])
    }

    @Test func servesEveryLanguageWithTheRightContentTypes() throws {
        let server = try RunningServer(try Self.site())
        let client = server.client
        for (path, type) in [
            ("/en/about/", "text/html; charset=utf-8"), ("/fr/about/", "text/html; charset=utf-8"),
            ("/ar/about/", "text/html; charset=utf-8"), ("/css/site.css", "text/css; charset=utf-8"),
            ("/images/logo.svg", "image/svg+xml"), ("/sitemap.xml", "application/xml; charset=utf-8"),
            ("/", "text/html; charset=utf-8"),
        ] {
            let reply = try client.get(path)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.headers["content-type"] == type, "\(path)")
        }
        let arabic = try client.get("/ar/about/")
        #expect(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\">"))
        // The reload script is added when serving, and never written into the built files.
        #expect(arabic.body.contains("<script src=\"/__hexaglot/live-reload.js\" defer></script>"))
        #expect(try client.get("/__hexaglot/live-reload.js").status == 200)
        #expect(try client.get("/fr").status == 301)
        let missing = try client.get("/fr/nowhere/")
        #expect(missing.status == 404)
    }

    @Test func traversalAttemptsGet404AndTheServerKeepsServing() throws {
        let site = try Self.site()
        try "secret".write(to: site.root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        let server = try RunningServer(site)
        let client = server.client
        for path in [
            "/../secret.txt", "/en/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
            "/en/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%5c..%5csecret.txt", "/en%5c..%5c..%5csecret.txt",
            "/%252e%252e/secret.txt", "/en/about/%00", "//etc/passwd", "/.hidden",
            "/en/..%2F..%2Fsecret.txt", "/en/about/..%2F..%2F..%2Fsecret.txt",
        ] {
            let reply = try client.get(path)
            #expect(reply.status == 404, "\(path) gave \(reply.status)")
            #expect(!reply.body.contains("secret"), "\(path)")
            #expect(try client.get("/en/about/").status == 200, "after \(path)")
        }
    }

    /// Names the build publishes (`%`, `?`, non-ASCII written in NFD) are served at the URLs it
    /// publishes for them, found in its sitemap; the path is decoded once, so an encoded
    /// `..%2F` or a second layer of encoding reaches nothing outside, and what is not an
    /// encoding (a bare `%`, bytes that are not UTF-8, overlong forms) gets 404.
    @Test func servesEveryPublishedNameAndDecodesThePathOnce() throws {
        let site = try TestSite([
            "content/en/index.md": "# Home\n",
            "content/en/50%-more.md": "---\ntitle: Fifty percent more\n---\nHalf again.\n",
            "content/en/what?.md": "---\ntitle: What\n---\nA question.\n",
            // NFD, as macOS writes names: the page's URL is the NFC one.
            "content/en/cafe\u{301}.md": "---\ntitle: Café\n---\nCoffee.\n",
            "content/en/%2e%2e.md": "---\ntitle: Dots\n---\nTwo encoded dots, as a name.\n",
            "content/static/files/100%.txt": "all of it",
        ])
        try "secret".write(to: site.root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        let server = try RunningServer(site)
        let client = server.client
        let sitemap = try client.get("/sitemap.xml").body
        let published = sitemap.components(separatedBy: "<loc>").dropFirst()
            .compactMap { $0.components(separatedBy: "</loc>").first }
            .map { String($0.dropFirst("http://127.0.0.1:\(server.port)".count)) }
        for path in ["/en/50%25-more/", "/en/what%3F/", "/en/caf%C3%A9/", "/en/%252e%252e/"] {
            #expect(published.contains(path), "\(path) not in \(published)")
        }
        for path in published {
            #expect(try client.get(path).status == 200, "\(path)")
        }
        #expect(try client.get("/en/50%25-more/").body.contains("Half again."))
        #expect(try client.get("/en/what%3F/?q=1").body.contains("A question."))
        // The same name sent in NFD, and with lowercase hex digits.
        #expect(try client.get("/en/cafe%CC%81/").body.contains("Coffee."))
        #expect(try client.get("/en/caf%c3%a9/").body.contains("Coffee."))
        #expect(try client.get("/en/50%25-more").status == 301)
        #expect(try client.get("/files/100%25.txt").body == "all of it")
        // Decoded once: `%252e%252e` is the page named `%2e%2e`, not a way up.
        #expect(try client.get("/en/%252e%252e/").body.contains("Two encoded dots"))
        for path in [
            "/en/..%2F..%2Fsecret.txt", "/en/50%25-more/..%2F..%2F..%2Fsecret.txt", "/..%2fsecret.txt",
            "/en/%2e%2e%2F%2e%2e%2Fsecret.txt", "/en/50%-more/", "/en/caf%C3/", "/en/caf%E9/",
            "/%C0%AE%C0%AE/secret.txt", "/en/%C0%AF../secret.txt", "/en/about%00.html", "/en/%zz/",
        ] {
            let reply = try client.get(path)
            #expect(reply.status == 404, "\(path) gave \(reply.status)")
            #expect(!reply.body.contains("secret"), "\(path)")
        }
        #expect(try client.get("/en/50%25-more/").status == 200)
    }

    /// RFC 9110: HEAD is GET without the body (same status and headers, Content-Length of the
    /// body GET sends); any other method is 405 with `Allow: GET, HEAD`, for pages and misses alike.
    @Test func headAnswersLikeGetAndOtherMethodsGet405() throws {
        let server = try RunningServer(try Self.site())
        let client = server.client
        for path in ["/en/about/", "/css/site.css", "/images/logo.svg", "/fr", "/fr/nowhere/", "/__hexaglot/live-reload.js"] {
            let get = try client.get(path)
            let head = try client.request("HEAD", path)
            #expect(head.status == get.status, "\(path)")
            #expect(head.body == "", "\(path)")
            for name in ["content-type", "content-length", "location", "cache-control"] {
                #expect(head.headers[name] == get.headers[name], "\(path): \(name)")
            }
            if get.status != 301 { #expect(head.headers["content-length"] == String(get.body.utf8.count), "\(path)") }
        }
        let events = try client.request("HEAD", "/__hexaglot/events")
        #expect(events.status == 200)
        #expect(events.headers["content-type"] == "text/event-stream; charset=utf-8")
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            for path in ["/en/about/", "/fr/nowhere/"] {
                let reply = try client.request(method, path)
                #expect(reply.status == 405, "\(method) \(path)")
                #expect(reply.headers["allow"] == "GET, HEAD", "\(method) \(path)")
                #expect(!reply.body.contains("Who we are"), "\(method) \(path)")
            }
        }
        #expect(try client.get("/en/about/").status == 200)
    }

    /// A body edit is applied in place (the server says so); a folder made while serving is
    /// watched too.
    @Test func aBodyEditIsUpdatedInPlaceAndNewFoldersAreWatched() throws {
        let site = try Self.site()
        let server = try RunningServer(site)
        let client = server.client
        try site.write("---\ntitle: About\n---\nWho we are, edited.\n", to: "content/en/about.md")
        #expect(server.printed(waitingFor: "changed content/en/about.md:").contains("changed content/en/about.md: updated 1 page in place"))
        #expect(try client.get("/en/about/").body.contains("Who we are, edited."))

        var mark = server.printedCount
        try site.write("---\ntitle: Projects\n---\nFirst.\n", to: "content/en/projects/one.md")
        #expect(server.printed(waitingFor: "\n", after: mark).contains(": built "))
        #expect(try client.get("/en/projects/one/").body.contains("First."))
        mark = server.printedCount
        try site.write("---\ntitle: Projects\n---\nSecond.\n", to: "content/en/projects/one.md")
        #expect(server.printed(waitingFor: "\n", after: mark).hasPrefix("changed content/en/projects/one.md: updated 1 page in place"))
        #expect(try client.get("/en/projects/one/").body.contains("Second."))
    }

    /// The watcher follows the folder links the build follows and no others: loops (a folder
    /// itself, content/, the site, also from the top of content/ and templates/) add no watch,
    /// nor links into content/ or out of the site, at start or made while serving. A folder
    /// linked from two languages is watched once and an edit in it updates both pages.
    @Test func theWatcherFollowsTheFolderLinksTheBuildFollowsAndNoLoop() throws {
        let site = try Self.site()
        try site.write("---\ntitle: Notes\n---\nShared notes.\n", to: "shared/notes.md")
        try site.write("---\ntitle: Extra\n---\nExtra page.\n", to: "extra/page.md")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("hexaglot-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("deep"), withIntermediateDirectories: true)
        for (path, destination) in [
            ("content/en/self", "."), ("content/en/up", ".."), ("content/en/site", "../.."),
            ("content/fr/english", "../en"), ("content/ar/outside", outside.path),
            ("content/en/shared", "../../shared"), ("content/fr/shared", "../../shared"),
            ("shared/back", "../content"), ("shared/site", ".."),
            ("content/loop", ".."), ("templates/assets/up", ".."),
        ] {
            try DiscoveryTests.link(path, to: destination, in: site)
        }
        let server = try RunningServer(site)
        let client = server.client
        // content/ with en, fr, ar, static and static/images; shared/ once; templates/ with i18n, assets and assets/css.
        #expect(server.inotifyWatches == 11)

        var mark = server.printedCount
        try site.write("---\ntitle: Notes\n---\nShared notes, edited.\n", to: "shared/notes.md")
        #expect(server.printed(waitingFor: "\n", after: mark).hasPrefix("changed 2 files: updated 2 pages in place"))
        #expect(try client.get("/en/shared/notes/").body.contains("Shared notes, edited."))
        #expect(try client.get("/fr/shared/notes/").body.contains("Shared notes, edited."))
        // Not also seen through content/fr/english, which the build does not follow.
        mark = server.printedCount
        try site.write("---\ntitle: About\n---\nWho we are, edited.\n", to: "content/en/about.md")
        #expect(server.printed(waitingFor: "\n", after: mark).hasPrefix("changed content/en/about.md: updated 1 page in place"))

        // Made while serving: a loop adds nothing; a link the build follows is watched.
        mark = server.printedCount
        try DiscoveryTests.link("content/en/later", to: "..", in: site)
        #expect(server.printed(waitingFor: "\n", after: mark).hasPrefix("changed content/en/later: built "))
        #expect(server.inotifyWatches == 11)
        mark = server.printedCount
        try DiscoveryTests.link("content/en/extra", to: "../../extra", in: site)
        #expect(server.printed(waitingFor: "\n", after: mark).hasPrefix("changed content/en/extra: built "))
        #expect(server.inotifyWatches == 12)
        mark = server.printedCount
        try site.write("---\ntitle: Extra\n---\nExtra page, edited.\n", to: "extra/page.md")
        #expect(server.printed(waitingFor: "\n", after: mark).hasPrefix("changed content/en/extra/page.md: updated 1 page in place"))
        #expect(try client.get("/en/extra/page/").body.contains("Extra page, edited."))
    }

    @Test func anEditReloadsThePageAndABrokenEditKeepsTheLastGoodOne() throws {
        let site = try Self.site()
        let server = try RunningServer(site)
        let client = server.client
        #expect(try client.get("/en/about/").body.contains("<h1>About</h1>"))

        var events = ""
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            try? site.write("---\ntitle: About us, edited\n---\nWho we are.\n", to: "content/en/about.md")
        }
        events = try client.stream("/__hexaglot/events", for: 10) { $0.contains("event: reload") }
        #expect(events.contains("event: reload"))
        #expect(try client.get("/en/about/").body.contains("<h1>About us, edited</h1>"))

        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            try? site.write("---\ntitle: Broken\ndraft: maybe\n---\nx\n", to: "content/en/about.md")
        }
        events = try client.stream("/__hexaglot/events", for: 10) { $0.contains("event: error") }
        #expect(events.contains("event: error\ndata: content/en/about.md:3:8: error: 'draft' must be true or false, got 'maybe'"))
        let lastGood = try client.get("/en/about/")
        #expect(lastGood.status == 200)
        #expect(lastGood.body.contains("<h1>About us, edited</h1>"))
        // A page opened while the site is broken is told at once.
        let late = try client.stream("/__hexaglot/events", for: 3) { $0.contains("event: error") }
        #expect(late.contains("'draft' must be true or false"))
    }
}
