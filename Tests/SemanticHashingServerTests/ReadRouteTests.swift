import Foundation
import Hummingbird
import HummingbirdTesting
import SemanticHashing
import SemanticHashingServer
import Synchronization
import XCTest

/// Every read route through HummingbirdTesting, checked against what the command line prints for the same
/// request.
final class ReadRouteTests: ServerTestCase, @unchecked Sendable {
    func testAskAnswersExactlyWhatTheCommandLinePrints() async throws {
        let cases = [("rockets launch into orbit", "euclidean", nil), ("baking bread in a hot oven", "hamming", nil),
                     ("computer memory and processors", "cosine", nil), ("songs with a guitar and drums", "cascade", Optional(24))]
        let app = try application()
        try await app.test(.router) { client in
            for (question, metric, radius) in cases {
                var arguments = ["ask", question, "--index", indexPath!, "-k", "5", "--metric", metric, "--json"]
                var query = "q=\(question.replacingOccurrences(of: " ", with: "+"))&k=5&metric=\(metric)"
                if let radius {
                    arguments += ["--radius", String(radius)]
                    query += "&radius=\(radius)"
                }
                let printed = try runSemhash(arguments)
                XCTAssertEqual(printed.status, 0, printed.stderr)
                let response = try await client.execute(uri: "/api/ask?\(query)", method: .get)
                XCTAssertEqual(response.status, .ok)
                let served = try json(response)
                XCTAssertEqual(served as NSDictionary, try json(printed.stdout) as NSDictionary, question)
                let hits = served["hits"] as? [Any] ?? []
                // Within a radius there may be fewer than k.
                if radius == nil { XCTAssertEqual(hits.count, 5, question) } else { XCTAssertFalse(hits.isEmpty, question) }
            }
        }
    }

    func testAQuestionWithoutAVocabularyWordIsAnsweredLikeTheCommandLineWith422() async throws {
        let printed = try runSemhash(["ask", "zzzqqq xyzzy", "--index", indexPath, "--json"])
        XCTAssertNotEqual(printed.status, 0)
        try await application().test(.router) { client in
            let response = try await client.execute(uri: "/api/ask?q=zzzqqq%20xyzzy", method: .get)
            XCTAssertEqual(response.status, .unprocessableContent)
            let served = try json(response)
            XCTAssertEqual(served as NSDictionary, try json(printed.stdout) as NSDictionary)
            XCTAssertEqual(served["out_of_vocabulary"] as? [String], ["zzzqqq", "xyzzy"], "as written")
        }
    }

    func testSimilarAnswersWhatTheCommandLinePrintsForAnIdWithASlash() async throws {
        let printed = try runSemhash(["similar", "space/launch-window.txt", "--index", indexPath, "-k", "4", "--json"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        try await application().test(.router) { client in
            for path in ["/api/similar/space/launch-window.txt?k=4", "/api/similar/space%2Flaunch-window.txt?k=4"] {
                let response = try await client.execute(uri: path, method: .get)
                XCTAssertEqual(response.status, .ok, path)
                let served = try json(response)
                XCTAssertEqual(served as NSDictionary, try json(printed.stdout) as NSDictionary, path)
                let ids = (served["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
                XCTAssertEqual(ids.count, 4)
                XCTAssertFalse(ids.contains("space/launch-window.txt"))
            }
        }
    }

    func testSimilarToADocumentWithoutAVocabularyWordIs422LikeAQuestionWithout() async throws {
        let corpus = directory.appendingPathComponent("wordless.jsonl")
        try Data(#"{"id": "wordless", "text": "zzzqqq xyzzy"}"#.utf8).write(to: corpus)
        let added = try runSemhash(["add", corpus.path, "--format", "jsonl", "--index", indexPath, "--quiet"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let printed = try runSemhash(["similar", "wordless", "--index", indexPath])
        XCTAssertEqual(printed.status, 1)
        XCTAssertTrue(printed.stderr.contains("has no word of the index's vocabulary"), printed.stderr)
        try await application().test(.router) { client in
            let response = try await client.execute(uri: "/api/similar/wordless", method: .get)
            XCTAssertEqual(response.status, .unprocessableContent)
            let served = try json(response)
            XCTAssertEqual((served["hits"] as? [Any])?.count, 0)
            XCTAssertEqual(served["error"] as? String,
                           "the document has no word of the index's vocabulary: its code carries no meaning")
        }
    }

    func testADocumentWithoutAVocabularyWordIsNeverAnAnswer() async throws {
        let corpus = directory.appendingPathComponent("wordless.jsonl")
        try Data(#"{"id": "wordless", "text": "zzzqqq xyzzy"}"#.utf8).write(to: corpus)
        let added = try runSemhash(["add", corpus.path, "--format", "jsonl", "--index", indexPath, "--quiet"])
        XCTAssertEqual(added.status, 0, added.stderr)
        for metric in SearchMetric.allCases {
            let printed = try runSemhash(["ask", "rockets orbit", "-k", "41", "--metric", metric.rawValue, "--json",
                                          "--index", indexPath])
            XCTAssertEqual(printed.status, 0, printed.stderr)
            let ids = (try json(printed.stdout)["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            XCTAssertFalse(ids.contains("wordless"), "\(metric): \(ids)")
            if metric != .cascade { XCTAssertEqual(ids.count, 40, "\(metric): every other document") }
        }
        try await application().test(.router) { client in
            let response = try await client.execute(uri: "/api/ask?q=rockets+orbit&k=41&metric=hamming", method: .get)
            let ids = (try json(response)["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            XCTAssertEqual(ids.count, 40)
            XCTAssertFalse(ids.contains("wordless"))
            let document = try json(try await client.execute(uri: "/api/documents/wordless", method: .get))
            XCTAssertEqual(document["empty"] as? Bool, true, "stored, and shown when asked for by id")
        }
    }

    func testADocumentShowsItsTitleLabelsTopicAndExcerpt() async throws {
        try await application().test(.router) { client in
            let response = try await client.execute(uri: "/api/documents/space/launch-window.txt", method: .get)
            XCTAssertEqual(response.status, .ok)
            let document = try json(response)
            XCTAssertEqual(document["id"] as? String, "space/launch-window.txt")
            XCTAssertEqual(document["labels"] as? [String], ["space"])
            XCTAssertNotNil(document["topic"] as? Int)
            XCTAssertFalse((document["title"] as? String ?? "").isEmpty)
            XCTAssertGreaterThan((document["excerpt"] as? String ?? "").count, 40)
            XCTAssertEqual(document["empty"] as? Bool, false)
        }
    }

    func testTopicsListEachStoredTopicAndOneTopicIsWhatTopicsShowPrints() async throws {
        let printed = try runSemhash(["topics", "show", "1", "--index", indexPath, "--limit", "3", "--json"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        try await application().test(.router) { client in
            let all = try json(try await client.execute(uri: "/api/topics", method: .get))
            let topics = try XCTUnwrap(all["topics"] as? [[String: Any]])
            XCTAssertEqual(topics.map { $0["id"] as? Int }, [0, 1, 2, 3])
            XCTAssertEqual(topics.compactMap { $0["size"] as? Int }.reduce(0, +), 40)
            XCTAssertTrue(topics.allSatisfy { ($0["documents"] as? [Any])?.count == min(5, $0["size"] as? Int ?? 0) },
                          "each topic lists its five most central documents, or all when it has fewer")
            let one = try await client.execute(uri: "/api/topics/1?limit=3", method: .get)
            XCTAssertEqual(one.status, .ok)
            XCTAssertEqual(try json(one) as NSDictionary, try json(printed.stdout) as NSDictionary)
            let missing = try error(try await client.execute(uri: "/api/topics/4", method: .get), .notFound)
            XCTAssertEqual(missing, "no topic '4': topics are 0…3, and unassigned (or -1) for the documents in none")
            let noneUnassigned = try error(try await client.execute(uri: "/api/topics/unassigned", method: .get), .notFound)
            XCTAssertEqual(noneUnassigned, "no document is unassigned: every document is in a topic")
        }
    }

    func testTheTopicMapIsAnSVGOfTheStoredTopicsInEitherLayout() async throws {
        try await application().test(.router) { client in
            var drawings: [String] = []
            for path in ["/api/topic-map.svg", "/api/topic-map.svg?layout=pca"] {
                let response = try await client.execute(uri: path, method: .get)
                XCTAssertEqual(response.status, .ok, path)
                XCTAssertEqual(response.headers[.contentType], "image/svg+xml; charset=utf-8")
                let svg = String(buffer: response.body)
                XCTAssertTrue(svg.hasPrefix("<?xml") && svg.contains("<svg"), path)
                XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1 - 4, 40, "one dot per document, one marker per topic: \(path)")
                drawings.append(svg)
            }
            XCTAssertNotEqual(drawings[0], drawings[1], "t-SNE and PCA place the documents differently")
            let bad = try error(try await client.execute(uri: "/api/topic-map.svg?layout=circle", method: .get), .badRequest)
            XCTAssertTrue(bad.contains("layout must be one of tsne, pca"), bad)
        }
    }

    func testInfoIsWhatInfoPrints() async throws {
        let printed = try runSemhash(["info", "--index", indexPath, "--terms", "7", "--json"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        try await application().test(.router) { client in
            let served = try json(try await client.execute(uri: "/api/info?terms=7", method: .get))
            XCTAssertEqual(served as NSDictionary, try json(printed.stdout) as NSDictionary)
        }
    }

    func testHeadAnswersEveryGetRouteAsGetWithoutTheBody() async throws {
        try await application().test(.router) { client in
            for uri in ["/healthz", "/", "/api/ask?q=rockets", "/api/topics", "/api/documents/space/launch-window.txt"] {
                let got = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                XCTAssertEqual(head.status, got.status, uri)
                XCTAssertEqual(head.headers[.contentType], got.headers[.contentType], uri)
                XCTAssertEqual(head.body.readableBytes, 0, uri)
            }
            let unknown = try await client.execute(uri: "/api/documents/no/such.txt", method: .head)
            XCTAssertEqual(unknown.status, .notFound)
        }
    }

    func testHealthAndThePageWithItsStyleAndScript() async throws {
        try await application().test(.router) { client in
            let health = try json(try await client.execute(uri: "/healthz", method: .get))
            XCTAssertEqual(health["status"] as? String, "ok")
            XCTAssertEqual(health["documents"] as? Int, 40)
            let page = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(page.headers[.contentType], "text/html; charset=utf-8")
            let policy = try XCTUnwrap(page.headers[.contentSecurityPolicy])
            XCTAssertTrue(policy.hasPrefix("default-src 'none'; script-src 'self';") && policy.contains("frame-ancestors 'none'"), policy)
            XCTAssertEqual(page.headers[.xContentTypeOptions], "nosniff")
            let html = String(buffer: page.body)
            XCTAssertTrue(html.contains("<script src=\"/page.js\">"))
            XCTAssertFalse(html.contains("https://"), "nothing is fetched from elsewhere")
            for (path, type) in [("/page.css", "text/css; charset=utf-8"), ("/page.js", "text/javascript; charset=utf-8")] {
                let response = try await client.execute(uri: path, method: .get)
                XCTAssertEqual(response.status, .ok, path)
                XCTAssertEqual(response.headers[.contentType], type, path)
                XCTAssertGreaterThan(response.body.readableBytes, 1000, path)
                XCTAssertFalse(String(buffer: response.body).contains("https://"), path)
            }
        }
    }

    func testEachRequestIsLoggedWithMethodPathStatusAndMillisecondsButNotItsQuery() async throws {
        let lines = LogLines()
        try await application(writeToken: "secret-token", log: lines.append).test(.router) { client in
            try await client.execute(uri: "/api/ask?q=rockets+private", method: .get)
            try await client.execute(uri: "/nowhere", method: .get)
            try await client.execute(uri: "/api/documents/x", method: .delete, headers: [.authorization: "Bearer secret-token"])
        }
        let logged = lines.all.filter { !$0.hasPrefix("reloaded") }
        XCTAssertEqual(logged.count, 3, "\(logged)")
        XCTAssertTrue(logged[0].hasPrefix("GET /api/ask 200 "), logged[0])
        XCTAssertTrue(logged[0].hasSuffix(" ms"), logged[0])
        XCTAssertTrue(logged[1].hasPrefix("GET /nowhere 404 "), logged[1])
        XCTAssertTrue(logged[2].hasPrefix("DELETE /api/documents/x 404 "), logged[2])
        XCTAssertFalse(logged.joined().contains("private"))
        XCTAssertFalse(logged.joined().contains("secret-token"))
    }
}

/// Log lines collected from the server.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    var append: @Sendable (String) -> Void {
        { line in self.lines.withLock { $0.append(line) } }
    }
}
