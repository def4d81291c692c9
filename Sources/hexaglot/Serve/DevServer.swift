import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The preview server: the built site from its folder, the live-reload script and event stream.
struct DevServer: Sendable {
    let files: StaticFileResolver
    let broadcaster: ReloadBroadcaster
    /// The site's language codes now (they change when site.yaml does).
    let languages: @Sendable () -> [String]

    func router() -> Router<BasicRequestContext> {
        // Added before the routes, so it also stands in front of the not-found responder.
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: AllowedMethodsMiddleware())
        let broadcaster = self.broadcaster
        router.get(RouterPath(stringLiteral: LiveReloadScript.eventsPath)) { request, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            // HEAD gets the headers without opening a stream that nobody would read.
            guard request.method == .get else { return Response(status: .ok, headers: headers) }
            let stream = await broadcaster.subscribe()
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    for await message in stream {
                        try await writer.write(ByteBuffer(string: message))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get(RouterPath(stringLiteral: LiveReloadScript.path)) { _, _ -> Response in
            Self.response(.ok, type: "text/javascript; charset=utf-8", body: Data(LiveReloadScript.source.utf8))
        }
        router.get("/") { request, _ -> Response in
            self.serve(request.uri.path)
        }
        router.get("/**") { request, _ -> Response in
            self.serve(request.uri.path)
        }
        return router
    }

    /// The file for a path, with the reload script added to HTML; the 404 page otherwise.
    func serve(_ path: String) -> Response {
        switch files.resolve(path) {
        case .file(let url):
            return fileResponse(url, status: .ok)
        case .redirect(let location):
            var headers = HTTPFields()
            headers[.location] = location
            return Response(status: .movedPermanently, headers: headers)
        case .notFound:
            if let page = files.notFoundPage(for: path, languages: languages()) { return fileResponse(page, status: .notFound) }
            return Self.response(.notFound, type: "text/plain; charset=utf-8", body: Data("Not found\n".utf8))
        }
    }

    private func fileResponse(_ url: URL, status: HTTPResponse.Status) -> Response {
        guard var data = FileManager.default.contents(atPath: url.path) else {
            return Self.response(.notFound, type: "text/plain; charset=utf-8", body: Data("Not found\n".utf8))
        }
        let type = StaticFileResolver.contentType(for: url)
        if type.hasPrefix("text/html") {
            data = Data(LiveReloadScript.inject(into: String(decoding: data, as: UTF8.self)).utf8)
        }
        return Self.response(status, type: type, body: data)
    }

    static func response(_ status: HTTPResponse.Status, type: String, body: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-cache"
        headers[.contentLength] = String(body.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
