import Foundation
import Hummingbird
import HummingbirdTesting
import SemanticHashingServer
import XCTest

/// Writes need the configured token, compared in constant time; a server without a token is read-only.
final class WriteTests: ServerTestCase, @unchecked Sendable {
    private let newDocument = ByteBuffer(string: """
        [{"id": "space/new-probe.txt", "title": "A probe to the outer planets",
          "text": "The probe launched on a rocket and reached orbit around the planet after years in space.",
          "labels": ["space"]}]
        """)

    func testAServerWithoutATokenRefusesWritesWith403() async throws {
        try await application().test(.router) { client in
            let added = try await client.execute(uri: "/api/documents", method: .post,
                                                 headers: [.authorization: "Bearer anything"], body: newDocument)
            XCTAssertTrue(try error(added, .forbidden).contains("read-only"))
            let removed = try await client.execute(uri: "/api/documents/space/launch-window.txt", method: .delete)
            _ = try error(removed, .forbidden)
            let health = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(try json(health)["documents"] as? Int, 40)
        }
    }

    func testWritesWithoutTheRightTokenAre401() async throws {
        let wrong: [HTTPFields] = [[:], [.authorization: "Bearer wrong"], [.authorization: "Bearer s3cret-tok"],
                                   [.authorization: "Bearer s3cret-token2"], [.authorization: "Basic s3cret-token"],
                                   [.authorization: "s3cret-token"]]
        try await application(writeToken: "s3cret-token").test(.router) { client in
            for headers in wrong {
                let added = try await client.execute(uri: "/api/documents", method: .post, headers: headers, body: newDocument)
                _ = try error(added, .unauthorized)
                XCTAssertEqual(added.headers[.wwwAuthenticate], "Bearer")
                let removed = try await client.execute(uri: "/api/documents/space/launch-window.txt", method: .delete,
                                                       headers: headers)
                _ = try error(removed, .unauthorized)
            }
            let health = try await client.execute(uri: "/healthz", method: .get)
            XCTAssertEqual(try json(health)["documents"] as? Int, 40)
        }
    }

    func testWithTheTokenAnAddedDocumentIsAnsweredAndARemovedOneIsGone() async throws {
        let token: HTTPFields = [.authorization: "Bearer s3cret-token"]
        try await application(writeToken: "s3cret-token").test(.router) { client in
            let added = try await client.execute(uri: "/api/documents", method: .post, headers: token, body: newDocument)
            XCTAssertEqual(added.status, .created, String(buffer: added.body))
            let summary = try json(added)
            XCTAssertEqual(summary["added"] as? [String], ["space/new-probe.txt"])
            XCTAssertEqual(summary["replaced_documents"] as? Int, 0)
            XCTAssertEqual(summary["documents"] as? Int, 41)
            let resent = try await client.execute(uri: "/api/documents", method: .post, headers: token, body: newDocument)
            XCTAssertEqual(try json(resent)["replaced_documents"] as? Int, 1, "the same id again replaces the document")
            XCTAssertEqual(try json(resent)["documents"] as? Int, 41)
            let similar = try json(try await client.execute(uri: "/api/similar/space/new-probe.txt?k=40", method: .get))
            XCTAssertEqual((similar["hits"] as? [Any])?.count, 40, "the new document has a code and is searched")
            let asked = try json(try await client.execute(uri: "/api/ask?q=probe+outer+planets+orbit&k=41", method: .get))
            let ids = (asked["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            XCTAssertTrue(ids.contains("space/new-probe.txt"), "\(ids)")

            let removed = try await client.execute(uri: "/api/documents/space/launch-window.txt", method: .delete, headers: token)
            XCTAssertEqual(removed.status, .ok)
            XCTAssertEqual(try json(removed) as NSDictionary, ["removed": 1, "not_found": 0, "documents": 40] as NSDictionary)
            _ = try error(try await client.execute(uri: "/api/documents/space/launch-window.txt", method: .get), .notFound)
            let after = try json(try await client.execute(uri: "/api/ask?q=rockets+launch+orbit&k=40", method: .get))
            let remaining = (after["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            XCTAssertEqual(remaining.count, 40)
            XCTAssertFalse(remaining.contains("space/launch-window.txt"))
            let again = try await client.execute(uri: "/api/documents/space/launch-window.txt", method: .delete, headers: token)
            _ = try error(again, .notFound)
        }
    }

    func testIdsAreTakenFromThePathExactlyAsSentSlashesIncluded() async throws {
        let token: HTTPFields = [.authorization: "Bearer t"]
        let ids = ["x/y", "x//y", "trail/", "/lead"]
        let body = ByteBuffer(string: "[" + ids.map { #"{"id": "\#($0)", "text": "rockets and orbits"}"# }.joined(separator: ",") + "]")
        try await application(writeToken: "t").test(.router) { client in
            let added = try await client.execute(uri: "/api/documents", method: .post, headers: token, body: body)
            XCTAssertEqual(added.status, .created)
            for id in ids {
                let shown = try await client.execute(uri: "/api/documents/" + id, method: .get)
                XCTAssertEqual(shown.status, .ok, id)
                XCTAssertEqual(try json(shown)["id"] as? String, id)
            }
            let untitled = try json(try await client.execute(uri: "/api/documents/x/y", method: .get))
            XCTAssertEqual(untitled["title"] as? String, "rockets and orbits", "a document without a title is titled by its first line")
            let removed = try await client.execute(uri: "/api/documents/x//y", method: .delete, headers: token)
            XCTAssertEqual(try json(removed)["removed"] as? Int, 1)
            let kept = try await client.execute(uri: "/api/documents/x/y", method: .get)
            XCTAssertEqual(kept.status, .ok, "x/y stays")
            _ = try error(try await client.execute(uri: "/api/documents/x//y", method: .get), .notFound)
        }
    }

    func testTokensCompareWholeAndNeverPrint() throws {
        let token = try XCTUnwrap(WriteToken("  abc\n"))
        XCTAssertTrue(token.isCarried(by: "Bearer abc"))
        for presented in [nil, "", "Bearer ", "Bearer ab", "Bearer abcd", "Bearer abd", "bearer abc", "Bearer  abc",
                          "Bearer " + String(repeating: "x", count: 259)] {
            XCTAssertFalse(token.isCarried(by: presented), presented ?? "nil")
        }
        // Lengths that differ by 256 must not wrap to "equal".
        let short = try XCTUnwrap(WriteToken("a"))
        XCTAssertFalse(short.isCarried(by: "Bearer a" + String(repeating: "\0", count: 256)))
        XCTAssertNil(WriteToken(" \n\t"))
        XCTAssertEqual("\(token)", "<write token>")
    }
}
