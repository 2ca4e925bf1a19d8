import Foundation
import Hummingbird
import HummingbirdTesting
import SemanticHashing
import SemanticHashingServer
import XCTest

/// The OpenAPI document names exactly the routes the server answers, with the defaults the library uses.
final class OpenAPITests: ServerTestCase, @unchecked Sendable {
    func testTheOpenAPIDocumentDescribesEveryAPIRouteAndNoOther() async throws {
        try await application(writeToken: "t").test(.router) { client in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get)
            XCTAssertEqual(response.status, .ok)
            let document = try json(response)
            XCTAssertEqual(document["openapi"] as? String, "3.1.0")
            let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
            let described = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let served = Set(ServerRoutes.described)
            XCTAssertEqual(described, served)
            // Each described operation is answered by its route: never "no such route" or "method not allowed".
            // The removal goes last, so that the others find the document.
            let operations = paths.flatMap { path, operations in operations.keys.map { (path, $0) } }
                .sorted { ($0.1 == "delete" ? 1 : 0, $0.0, $0.1) < ($1.1 == "delete" ? 1 : 0, $1.0, $1.1) }
            for (path, method) in operations {
                let concrete = path.replacingOccurrences(of: "{id}", with: path.hasPrefix("/api/topics") ? "0" : "space/launch-window.txt")
                    + (path == "/api/ask" ? "?q=rockets" : "")
                let body = method == "post" ? ByteBuffer(string: #"[{"id": "x", "text": "rockets"}]"#) : nil
                let answered = try await client.execute(uri: concrete, method: .init(rawValue: method.uppercased())!,
                                                        headers: [.authorization: "Bearer t"], body: body)
                XCTAssertTrue((200..<300).contains(answered.status.code), "\(method) \(concrete): \(answered.status)")
                let statuses = try XCTUnwrap((paths[path]?[method] as? [String: Any])?["responses"] as? [String: Any])
                XCTAssertNotNil(statuses[String(answered.status.code)], "\(method) \(path) documents \(answered.status.code)")
            }
        }
    }

    func testTheOpenAPIDocumentsTheLibrarysDefaultsAndTheServersBounds() async throws {
        try await application().test(.router) { client in
            let document = try json(try await client.execute(uri: "/api/openapi.json", method: .get))
            let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
            func schema(_ path: String, _ parameter: String) throws -> [String: Any] {
                let operation = try XCTUnwrap(paths[path]?["get"] as? [String: Any], path)
                let parameters = try XCTUnwrap(operation["parameters"] as? [[String: Any]], path)
                let named = try XCTUnwrap(parameters.first { $0["name"] as? String == parameter }, "\(path) \(parameter)")
                return try XCTUnwrap(named["schema"] as? [String: Any], "\(path) \(parameter)")
            }
            func documentedDefault(_ path: String, _ parameter: String) throws -> Any? { try schema(path, parameter)["default"] }
            let maximum = ServerConfiguration(indexPath: "").maximumResults
            for (path, parameter) in [("/api/ask", "k"), ("/api/similar/{id}", "k"), ("/api/topics", "limit"),
                                      ("/api/topics/{id}", "limit"), ("/api/info", "terms")] {
                XCTAssertEqual(try schema(path, parameter)["maximum"] as? Int, maximum, "\(path) \(parameter)")
            }
            for path in ["/api/ask", "/api/similar/{id}"] {
                XCTAssertEqual(try documentedDefault(path, "k") as? Int, SearchRequest.standardCount, path)
                XCTAssertEqual(try documentedDefault(path, "metric") as? String, SearchMetric.standard.rawValue, path)
            }
            XCTAssertEqual(try documentedDefault("/api/topics/{id}", "limit") as? Int, TopicListing.standardDocumentCount)
            XCTAssertEqual(try documentedDefault("/api/topics", "limit") as? Int, TopicListing.standardDocumentCountPerTopic)
            XCTAssertEqual(try documentedDefault("/api/info", "terms") as? Int, IndexSummary.standardTopTermCount)
        }
    }
}
