import Foundation
import Hummingbird
import HummingbirdTesting
import SemanticHashingServer
import XCTest

/// Every kind of bad request gets a JSON error with the right status, and the server goes on answering.
final class BadRequestTests: ServerTestCase, @unchecked Sendable {
    func testBadSearchParametersAre400WithWhatIsWrong() async throws {
        let cases: [(String, String)] = [
            ("/api/ask", "needs a question"),
            ("/api/ask?q=", "needs a question"),
            ("/api/ask?q=+++", "needs a question"),
            ("/api/ask?q=rockets&k=0", "k must be a whole number from 1 to 1000, got '0'"),
            ("/api/ask?q=rockets&k=-3", "got '-3'"),
            ("/api/ask?q=rockets&k=1001", "got '1001'"),
            ("/api/ask?q=rockets&k=ten", "got 'ten'"),
            ("/api/ask?q=rockets&metric=manhattan", "metric must be one of hamming, euclidean, cosine, cascade, hybrid, got 'manhattan'"),
            ("/api/ask?q=rockets&radius=2", "radius applies to hamming and cascade searches, not hybrid"),
            ("/api/ask?q=rockets&metric=euclidean&radius=2", "radius applies to hamming and cascade searches, not euclidean"),
            ("/api/ask?q=rockets&metric=cosine&radius=2", "not cosine"),
            ("/api/ask?q=rockets&metric=hamming&radius=65", "radius must be a whole number from 0 to 64"),
            ("/api/ask?q=rockets&metric=hamming&radius=-1", "radius must be a whole number from 0 to 64"),
            ("/api/ask?q=%E2%28", "not valid percent-encoded UTF-8"),
            ("/api/similar/space/launch-window.txt?k=0", "k must be"),
            ("/api/topics?limit=-1", "limit must be"),
            ("/api/info?terms=x", "terms must be"),
        ]
        try await application().test(.router) { client in
            for (path, expected) in cases {
                let message = try error(try await client.execute(uri: path, method: .get), .badRequest)
                XCTAssertTrue(message.contains(expected), "\(path): \(message)")
            }
        }
    }

    func testUnknownDocumentsTopicsAndRoutesAre404AndWrongMethods405() async throws {
        try await application().test(.router) { client in
            for path in ["/api/documents/no/such/document", "/api/similar/nothing-here"] {
                let message = try error(try await client.execute(uri: path, method: .get), .notFound)
                XCTAssertTrue(message.contains("no document with id"), message)
            }
            for path in ["/api/topics/4", "/api/topics/first"] {
                let message = try error(try await client.execute(uri: path, method: .get), .notFound)
                XCTAssertTrue(message.contains("topics are 0…3"), "\(path): \(message)")
            }
            let noTopic = try error(try await client.execute(uri: "/api/topics/", method: .get), .notFound)
            XCTAssertTrue(noTopic.hasPrefix("no topic ''"), noTopic)
            let noneUnassigned = try error(try await client.execute(uri: "/api/topics/-1", method: .get), .notFound)
            XCTAssertEqual(noneUnassigned, "no document is unassigned: every document is in a topic")
            let unknown = try error(try await client.execute(uri: "/api/nothing", method: .get), .notFound)
            XCTAssertTrue(unknown.contains("no such route"), unknown)
            let wrongMethod = try await client.execute(uri: "/api/ask?q=x", method: .put)
            XCTAssertTrue(try error(wrongMethod, .methodNotAllowed).contains("takes GET"))
            XCTAssertEqual(wrongMethod.headers[.allow], "GET")
            let post = try await client.execute(uri: "/api/documents/x", method: .post)
            XCTAssertEqual(post.headers[.allow], "GET, DELETE")
            _ = try error(post, .methodNotAllowed)
        }
    }

    func testAQuestionOfAMegabyteIsRefusedWith414() async throws {
        let question = String(repeating: "rocket ", count: 150_000)
        try await application().test(.router) { client in
            let message = try error(try await client.execute(uri: "/api/ask?q=\(question.replacingOccurrences(of: " ", with: "+"))",
                                                              method: .get), .uriTooLong)
            XCTAssertTrue(message.contains("1050000 bytes long"), message)
            let after = try await client.execute(uri: "/api/ask?q=rocket", method: .get)
            XCTAssertEqual(after.status, .ok)
        }
    }

    func testAQuestionOfAMegabyteOverARealConnectionGetsAnErrorAndTheServerGoesOn() async throws {
        let question = String(repeating: "rocket+", count: 150_000)
        try await application().test(.live) { client in
            let response = try await client.execute(uri: "/api/ask?q=\(question)", method: .get)
            XCTAssertEqual(response.status, .uriTooLong)
            let after = try await client.execute(uri: "/api/ask?q=rocket", method: .get)
            XCTAssertEqual(after.status, .ok)
        }
    }

    func testMalformedAndOversizedBodiesAreRefused() async throws {
        let token: HTTPFields = [.authorization: "Bearer letmein"]
        try await application(writeToken: "letmein", maximumBodyBytes: 4096).test(.router) { client in
            let cases: [(String, String)] = [
                ("{not json", "not valid JSON"),
                ("{\"id\": \"a\", \"text\": \"b\"}", "objects: expected a JSON array"),
                ("[]", "holds no document"),
                ("[{\"id\": \"a\"}]", "document 0: missing required field \"text\""),
                ("[{\"id\": \"a\", \"text\": \"b\"}, {\"id\": 7, \"text\": \"c\"}]", "document 1: field \"id\" must be a string"),
                ("[{\"id\": \"\", \"text\": \"b\"}]", "document 0: field \"id\" is empty"),
                ("[{\"id\": \"a\", \"text\": \"b\"}, {\"id\": \" \\t\", \"text\": \"b\"}]", "document 1: field \"id\" is empty"),
                ("[{\"id\": \"a\\nb\", \"text\": \"b\"}]", "document 0: field \"id\" holds a line break"),
                ("[{\"id\": \"a\", \"text\": \"b\"}, {\"id\": \"a\", \"text\": \"c\"}]", "document 1: the id 'a' is also document 0"),
            ]
            for (body, expected) in cases {
                let response = try await client.execute(uri: "/api/documents", method: .post, headers: token,
                                                        body: ByteBuffer(string: body))
                let message = try error(response, .badRequest)
                XCTAssertTrue(message.contains(expected), "\(body): \(message)")
            }
            let large = "[{\"id\": \"big\", \"text\": \"\(String(repeating: "word ", count: 2000))\"}]"
            let response = try await client.execute(uri: "/api/documents", method: .post, headers: token,
                                                    body: ByteBuffer(string: large))
            let tooLarge = try error(response, .contentTooLarge)
            XCTAssertTrue(tooLarge.hasPrefix("the body is over the limit of "), tooLarge)
            let health = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(try json(health)["documents"] as? Int, 40, "nothing was stored")
        }
    }

    func testAnEightMegabyteLimitHoldsOverARealConnection() async throws {
        let large = ByteBuffer(repeating: UInt8(ascii: " "), count: (8 << 20) + 1)
        try await application(writeToken: "letmein").test(.live) { client in
            let response = try await client.execute(uri: "/api/documents", method: .post,
                                                    headers: [.authorization: "Bearer letmein"], body: large)
            XCTAssertEqual(response.status, .contentTooLarge)
            XCTAssertEqual(try json(response)["error"] as? String,
                           "the body is over the limit of 8 MiB: send the documents in several requests")
            let health = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(health.status, .ok)
        }
    }

    func testASlowClientDoesNotHoldUpOthers() async throws {
        try await application().test(.live) { client in
            let port = try XCTUnwrap(client.port)
            // A client that sends half a request line and then nothing.
            let slow = try SlowClient(port: port)
            try slow.send("GET /api/ask?q=rock")
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<20 {
                let answered = try await client.execute(uri: "/api/ask?q=rocket+orbit", method: .get)
                XCTAssertEqual(answered.status, .ok)
            }
            XCTAssertLessThan(clock.now - start, .seconds(10), "answers do not wait for the slow client")
            slow.close()
        }
    }
}

/// A raw TCP connection to the server on this machine, for sending part of a request.
struct SlowClient {
    private let socket: Int32

    init(port: Int) throws {
        socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Foundation.send(socket, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
    }

    func close() { _ = Foundation.close(socket) }
}
