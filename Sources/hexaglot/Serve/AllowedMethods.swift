import Foundation
import HTTPTypes
import Hummingbird

/// RFC 9110 §9.1: a server supports GET and HEAD; the preview answers any other method with
/// 405 and an `Allow` header, so that a link checker or a stray form sees what is wrong
/// instead of a misleading 404. (HEAD itself is GET without the body: the router's
/// `autoGenerateHeadEndpoints`, which keeps the status and every header, Content-Length too.)
struct AllowedMethodsMiddleware<Context: RequestContext>: RouterMiddleware {
    static var allowed: String { "GET, HEAD" }

    func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            var response = DevServer.response(
                .methodNotAllowed, type: "text/plain; charset=utf-8",
                body: Data("Method not allowed: use GET or HEAD\n".utf8))
            response.headers[.allow] = Self.allowed
            return response
        }
        return try await next(request, context)
    }
}
