import ArgumentParser
import Foundation
import HexaglotKit
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it, and rebuild and reload open pages on every change.",
        discussion:
            "Serves on 127.0.0.1 only unless --host says otherwise. The reload script is added to pages as they are served, never to built files."
    )

    @OptionGroup var site: SiteFolderOption

    @Option(name: .long, help: "Address to listen on (0.0.0.0 for every interface).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: any free port).")
    var port: Int = 1313

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include pages dated in the future.")
    var future = false

    @Flag(name: .long, help: "Print the time each build stage takes, on every rebuild.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let siteFolder = site.folder
        // A killed server cannot remove its preview folder: the next one does.
        TemporaryOutput.sweep(.serve)
        let output = TemporaryOutput.folder(.serve)
        defer { try? FileManager.default.removeItem(at: output) }
        let boundPort = port == 0 ? try FreePort.find(host: host) : port
        let displayHost = host.contains(":") ? "[\(host)]" : host

        var options = BuildOptions(source: siteFolder, output: output)
        options.baseURL = "http://\(displayHost):\(boundPort)/"
        options.includeDrafts = drafts
        options.includeFuture = future
        let printer = DiagnosticPrinter.standardError
        printer.source = siteFolder
        let broadcaster = ReloadBroadcaster()
        let rebuilder = SiteRebuilder(options: options, broadcaster: broadcaster, printer: printer, verbose: verbose)
        // Watching starts before the first build, so that an edit saved meanwhile is not missed.
        let watcher = SourceWatcher(folders: [siteFolder.appendingPathComponent("content"), options.templates], siteRoot: siteFolder)
        await rebuilder.rebuild(reason: nil)

        let server = DevServer(
            files: StaticFileResolver(root: output), broadcaster: broadcaster,
            languages: { rebuilder.languageCodes.value })
        if host != "127.0.0.1" && host != "::1" && host != "localhost" {
            FileHandle.standardError.write(Data("warning: serving on \(host): other machines on the network can see the preview\n".utf8))
        }
        let app = Application(
            router: server.router(),
            configuration: .init(address: .hostname(host, port: boundPort), serverName: "hexaglot"),
            onServerRunning: { _ in
                // Written unbuffered: tools (and tests) wait for this line to know the port.
                FileHandle.standardOutput.write(Data("Serving at http://\(displayHost):\(boundPort)/ (Ctrl-C to stop)\n".utf8))
            },
            logger: Self.quietLogger()
        )
        let watching = Task {
            await watcher.watch { changed in
                let names = changed.map { $0.hasPrefix(siteFolder.path + "/") ? String($0.dropFirst(siteFolder.path.count + 1)) : $0 }
                let reason = names.count == 1 ? names[0] : "\(names.count) files"
                await rebuilder.rebuild(reason: "changed \(reason)", changed: changed)
            }
        }
        defer { watching.cancel() }
        // A preview server stops at once on Ctrl-C or SIGTERM: open event streams would hold
        // a graceful shutdown forever. The temporary output goes with it.
        let stop: @Sendable () -> Void = {
            try? FileManager.default.removeItem(at: output)
            Foundation.exit(0)
        }
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
        defer { for source in signals { source.cancel() } }
        try await app.runService(gracefulShutdownSignals: [])
    }

    static func quietLogger() -> Logger {
        var logger = Logger(label: "hexaglot-serve")
        logger.logLevel = .warning
        return logger
    }
}

/// A free TCP port on the given host, found by binding port 0 and reading what the kernel chose.
enum FreePort {
    static func find(host: String) throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ValidationError("cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr(host == "0.0.0.0" ? "0.0.0.0" : "127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw ValidationError("cannot find a free port") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
