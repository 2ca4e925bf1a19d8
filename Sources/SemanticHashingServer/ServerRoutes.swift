import Foundation
import Hummingbird
import NIOHTTP1
import SemanticHashing

/// One route: its method and its path as the OpenAPI document writes it (`{id}` for a parameter). A
/// document id may contain slashes (`sci.space/60154`), so `{id}` at the end of a path takes the rest of it.
struct Route: Hashable, Sendable {
    let method: HTTPRequest.Method
    let path: String

    /// The pattern the router matches: the final `{…}` becomes `**` (the rest of the path).
    var routerPath: RouterPath {
        RouterPath(path.replacingOccurrences(of: #"\{[a-z]+\}$"#, with: "**", options: .regularExpression))
    }

    /// Whether `requestPath` (percent-encoded, as received) is one this route's pattern matches.
    func matches(_ requestPath: String) -> Bool {
        let pattern = path.split(separator: "/")
        let components = requestPath.split(separator: "/")
        guard components.count >= pattern.count else { return false }
        for (index, part) in pattern.enumerated() {
            let isParameter = part.hasPrefix("{")
            if isParameter && index == pattern.count - 1 { return true }
            if !isParameter && part != components[index] { return false }
        }
        return components.count == pattern.count
    }

    /// The parameter at the end of `requestPath`, percent-decoded: everything after the route's fixed part,
    /// exactly as sent, since a document id may hold `/`, `//` or a trailing `/`.
    func trailingParameter(of requestPath: String) throws -> String {
        let fixed = path.prefix { $0 != "{" }
        guard requestPath.hasPrefix(fixed) else { throw APIError(.notFound, "no route \(requestPath)") }
        let rest = requestPath.dropFirst(fixed.count)
        guard let decoded = rest.removingPercentEncoding, !decoded.isEmpty else {
            throw APIError(.badRequest, "the path's last part is not valid percent-encoded UTF-8")
        }
        return decoded
    }

    static let page = Route(method: .get, path: "/")
    static let pageStyle = Route(method: .get, path: "/page.css")
    static let pageScript = Route(method: .get, path: "/page.js")
    static let health = Route(method: .get, path: "/healthz")
    static let openAPI = Route(method: .get, path: "/api/openapi.json")
    static let ask = Route(method: .get, path: "/api/ask")
    static let similar = Route(method: .get, path: "/api/similar/{id}")
    static let document = Route(method: .get, path: "/api/documents/{id}")
    static let addDocuments = Route(method: .post, path: "/api/documents")
    static let removeDocument = Route(method: .delete, path: "/api/documents/{id}")
    static let topics = Route(method: .get, path: "/api/topics")
    static let topic = Route(method: .get, path: "/api/topics/{id}")
    static let topicMap = Route(method: .get, path: "/api/topic-map.svg")
    static let info = Route(method: .get, path: "/api/info")

}

/// The routes of the server, for registration and for the tests that hold the OpenAPI document to them.
public enum ServerRoutes {
    /// The page and its files.
    static let page: [Route] = [.page, .pageStyle, .pageScript]
    /// What the OpenAPI document describes.
    static let api: [Route] = [.health, .openAPI, .ask, .similar, .document, .addDocuments, .removeDocument, .topics,
                               .topic, .topicMap, .info]
    static let all = page + api

    /// Each API route as "METHOD /path" (`{id}` for a parameter).
    public static var described: [String] { api.map { "\($0.method) \($0.path)" } }
}

/// The outermost layer of every request: logs one line (method, path, status, milliseconds; never the
/// query or the headers, which may hold a token) and turns every failure into a JSON error with its status:
/// an unknown path is 404, a known path with another method 405, a body that is not valid HTTP 400, anything
/// unexpected 500.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: (@Sendable (String) -> Void)?

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try Self.errorResponse(error, request: request, context: context)
        }
        if let log {
            let milliseconds = (ContinuousClock.now - start).seconds * 1000
            log("\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.2f", milliseconds)) ms")
        }
        return response
    }

    private static func errorResponse(_ error: any Error, request: Request, context: Context) throws -> Response {
        switch error {
        case let error as APIError:
            return try error.response(from: request, context: context)
        case let error as HTTPError where error.status == .notFound:
            let allowed = ServerRoutes.all.filter { $0.matches(request.uri.path) }.map(\.method.rawValue)
            guard !allowed.isEmpty else {
                return try APIError(.notFound, "no such route: \(request.method) \(request.uri.path) (see /api/openapi.json)")
                    .response(from: request, context: context)
            }
            return try APIError(.methodNotAllowed, "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method)",
                                headers: [.allow: allowed.joined(separator: ", ")])
                .response(from: request, context: context)
        case let error as HTTPParserError:
            // A body that does not parse (a bad chunk size, an unknown transfer coding) is the client's mistake.
            return try APIError(.badRequest, "the request is not valid HTTP: \(error)").response(from: request, context: context)
        case let error as HTTPError:
            let message = error.body ?? (error.status == .contentTooLarge
                ? "the request body is over the size limit" : error.status.reasonPhrase)
            return try APIError(error.status, message).response(from: request, context: context)
        case let error as any HTTPResponseError:
            return try APIError(error.status, error.status.reasonPhrase).response(from: request, context: context)
        case let error as any TemporaryWriteFailure:
            return try APIError(.serviceUnavailable, "\(error); try again", headers: [.retryAfter: "1"])
                .response(from: request, context: context)
        case let error as IndexError:
            switch error {
            case .busy, .changedMeanwhile:
                return try APIError(.serviceUnavailable, "\(error); try again", headers: [.retryAfter: "1"])
                    .response(from: request, context: context)
            default: break
            }
            return try APIError(.internalServerError, "\(error)").response(from: request, context: context)
        default:
            return try APIError(.internalServerError, String(describing: error)).response(from: request, context: context)
        }
    }
}
