import Foundation
import Hummingbird
import SemanticHashing

/// A request the server refuses or cannot answer, sent as `{"error": "…"}` with its status.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONBody.response(["error": message], status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// JSON response bodies as the command line's `--json` prints them (`JSONEncoder.forOutput`), without the
/// indentation.
enum JSONBody {
    static func response<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) -> Response {
        // Every value the server sends encodes (strings, numbers, arrays); a failure is a programming error.
        let data = try! JSONEncoder.forOutput(indented: false).encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The query string of a request, decoded as browsers encode forms: `+` is a space, `%XX` a byte of UTF-8.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ request: Request) throws {
        guard let query = request.uri.query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw APIError(.badRequest, "the query string is not valid percent-encoded UTF-8")
            }
            if values[key] == nil { values[key] = value }
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// An integer parameter in `range`, `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int? = nil) throws -> Int? {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(.badRequest, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
