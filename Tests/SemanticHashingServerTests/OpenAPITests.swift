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
                assertDocumentedShape(answered, of: method, path, in: document)
            }
        }
    }

    /// Answers that are not successes have their documented shape too: errors, and the answer to a question
    /// with no vocabulary word.
    func testEveryRefusalHasTheDocumentedShape() async throws {
        try await application(writeToken: "t").test(.router) { client in
            let document = try json(try await client.execute(uri: "/api/openapi.json", method: .get))
            let requests: [(method: String, path: String, uri: String, body: String?, status: Int)] = [
                ("get", "/api/ask", "/api/ask", nil, 400),
                ("get", "/api/ask", "/api/ask?q=zzzqqq", nil, 422),
                ("get", "/api/similar/{id}", "/api/similar/nothing", nil, 404),
                ("get", "/api/documents/{id}", "/api/documents/nothing", nil, 404),
                ("get", "/api/topics/{id}", "/api/topics/99", nil, 404),
                ("get", "/api/topics/{id}", "/api/topics/0?limit=-1", nil, 400),
                ("get", "/api/topics", "/api/topics?limit=100000", nil, 400),
                ("get", "/api/info", "/api/info?terms=-1", nil, 400),
                ("get", "/api/documents/{id}", "/api/documents/%ZZ", nil, 400),
                ("post", "/api/documents", "/api/documents", #"[{"id": "x"}]"#, 400),
                ("delete", "/api/documents/{id}", "/api/documents/nothing", nil, 404),
            ]
            for request in requests {
                let answered = try await client.execute(
                    uri: request.uri, method: .init(rawValue: request.method.uppercased())!,
                    headers: [.authorization: "Bearer t"], body: request.body.map { ByteBuffer(string: $0) })
                XCTAssertEqual(Int(answered.status.code), request.status, "\(request.method) \(request.uri)")
                assertDocumentedShape(answered, of: request.method, request.path, in: document)
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

    /// Checks that a JSON `response` to `method path` has the shape the OpenAPI `document` gives for its status.
    private func assertDocumentedShape(_ response: TestResponse, of method: String, _ path: String,
                                       in document: [String: Any], file: StaticString = #filePath, line: UInt = #line) {
        let operation = (document["paths"] as? [String: [String: Any]])?[path]?[method] as? [String: Any]
        guard let described = (operation?["responses"] as? [String: Any])?[String(response.status.code)] as? [String: Any] else {
            return XCTFail("\(method) \(path) answered \(response.status.code), a status its description does not list",
                           file: file, line: line)
        }
        guard let content = described["content"] as? [String: Any], let json = content["application/json"] as? [String: Any] else {
            return
        }
        guard let schema = json["schema"] as? [String: Any],
              let body = try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8), options: .fragmentsAllowed)
        else {
            return XCTFail("\(method) \(path) \(response.status.code): no schema, or a body that is not JSON", file: file, line: line)
        }
        let differences = OpenAPIShape(document: document).differences(body, schema, at: "")
        XCTAssertEqual(differences, [], "\(method) \(path) \(response.status.code)", file: file, line: line)
    }
}

/// How a JSON value differs from a schema of an OpenAPI document, for the parts of JSON Schema the document
/// uses: `$ref`, `type` (a name or a list of names), `enum`, `properties` (no other key is allowed unless
/// `additionalProperties` says what they are), `required` and `items`.
struct OpenAPIShape {
    var document: [String: Any]

    /// Each difference as "<where>: <what>", empty when `value` has the shape of `schema`.
    func differences(_ value: Any, _ schema: [String: Any], at location: String) -> [String] {
        if let reference = schema["$ref"] as? String {
            guard let target = resolve(reference) else { return ["\(location): \(reference) is not in the document"] }
            return differences(value, target, at: location)
        }
        let types = (schema["type"] as? String).map { [$0] } ?? schema["type"] as? [String] ?? []
        if !types.isEmpty, !types.contains(where: { Self.value(value, isOfType: $0) }) {
            return ["\(location): \(value) is not \(types.joined(separator: " or "))"]
        }
        if let allowed = schema["enum"] as? [String], !allowed.contains(where: { $0 == value as? String }) {
            return ["\(location): \(value) is none of \(allowed)"]
        }
        if let object = value as? [String: Any] {
            return differences(object, schema, at: location)
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            return array.enumerated().flatMap { differences($1, items, at: "\(location)/\($0)") }
        }
        return []
    }

    private func differences(_ object: [String: Any], _ schema: [String: Any], at location: String) -> [String] {
        let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
        let others = schema["additionalProperties"] as? [String: Any]
        let missing = (schema["required"] as? [String] ?? []).filter { object[$0] == nil }.map { "\(location): no \($0)" }
        let described = object.keys.sorted().flatMap { key -> [String] in
            let value = object[key]!
            if let property = properties[key] { return differences(value, property, at: "\(location)/\(key)") }
            if let others { return differences(value, others, at: "\(location)/\(key)") }
            return properties.isEmpty ? [] : ["\(location)/\(key): not described"]
        }
        return missing + described
    }

    /// The schema `reference` (`#/components/schemas/Name`) points at.
    private func resolve(_ reference: String) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any? = document
        for step in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(step)] }
        return node as? [String: Any]
    }

    private static func value(_ value: Any, isOfType type: String) -> Bool {
        let number = value as? NSNumber
        let isBoolean = number.map { String(cString: $0.objCType) == "c" } ?? false
        switch type {
        case "string": return value is String
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "null": return value is NSNull
        case "boolean": return isBoolean
        case "number": return number != nil && !isBoolean
        case "integer": return number.map { !isBoolean && $0.doubleValue.rounded() == $0.doubleValue } ?? false
        default: return false
        }
    }
}
