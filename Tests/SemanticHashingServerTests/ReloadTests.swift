import Foundation
import Hummingbird
import HummingbirdTesting
import SemanticHashing
import SemanticHashingServer
import XCTest

/// What another process commits becomes visible without a restart; requests under way keep their state.
final class ReloadTests: ServerTestCase, @unchecked Sendable {
    func testADocumentTheCommandLineAddsWhileServingIsAnsweredWithoutRestart() async throws {
        let corpus = directory.appendingPathComponent("new.jsonl")
        try Data(#"{"id": "late/comet", "title": "A comet seen at dawn", "text": "A bright comet crossed the sky; astronomers tracked its orbit with a telescope."}"#
            .utf8).write(to: corpus)
        try await application().test(.router) { client in
            let before = try json(try await client.execute(uri: "/api/ask?q=comet+orbit+telescope&k=41", method: .get))
            XCTAssertEqual((before["hits"] as? [Any])?.count, 40)
            let added = try runSemhash(["add", corpus.path, "--format", "jsonl", "--index", indexPath!, "--quiet"])
            XCTAssertEqual(added.status, 0, added.stderr)
            var ids: [String] = []
            for _ in 0..<100 where !ids.contains("late/comet") {
                try await Task.sleep(for: .milliseconds(50))
                let after = try json(try await client.execute(uri: "/api/ask?q=comet+orbit+telescope&k=41", method: .get))
                ids = (after["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            }
            XCTAssertTrue(ids.contains("late/comet"), "the new document is answered within 5 s")
            XCTAssertEqual(ids.count, 41)
            let health = try json(try await client.execute(uri: "/healthz", method: .get))
            XCTAssertGreaterThanOrEqual(health["generation"] as? Int ?? 0, 1)
        }
    }

    func testASearchRightAfterAnotherProcesssCommitAnswersFromThatCommitsCodes() async throws {
        let question = "/api/ask?q=rockets+launch+orbit&k=5&metric=cosine"
        // The watcher waits an hour: only the searches themselves can notice the commits below.
        try await application(reloadInterval: .seconds(3600)).test(.router) { client in
            let before = try json(try await client.execute(uri: question, method: .get))
            let beforeIDs = (before["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            XCTAssertEqual(beforeIDs.count, 5)
            let removed = try runSemhash(["remove", beforeIDs[0], "--index", indexPath])
            XCTAssertEqual(removed.status, 0, removed.stderr)

            let afterRemoval = try json(try await client.execute(uri: question, method: .get))
            let afterIDs = (afterRemoval["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            XCTAssertEqual(afterIDs.count, 5, "k hits from the new codes, not 4 of the old ones: \(afterIDs)")
            XCTAssertEqual(Array(afterIDs.prefix(4)), Array(beforeIDs.dropFirst()))

            let replacement = directory.appendingPathComponent("replacement.jsonl")
            try Data(#"{"id": "\#(afterIDs[0])", "title": "Sourdough", "text": "Knead the dough, let the bread rise overnight and bake a crisp crust in a hot oven."}"#
                .utf8).write(to: replacement)
            let replaced = try runSemhash(["add", replacement.path, "--format", "jsonl", "--index", indexPath, "--quiet"])
            XCTAssertEqual(replaced.status, 0, replaced.stderr)
            let afterReplacement = try json(try await client.execute(uri: question, method: .get))
            let hits = afterReplacement["hits"] as? [[String: Any]] ?? []
            XCTAssertEqual(hits.count, 5)
            XCTAssertNotEqual(hits.first?["title"] as? String, "Sourdough",
                              "the bread text is not shown at the place of the rocket text it replaced")
            let similar = try json(try await client.execute(uri: "/api/similar/\(afterIDs[1])?k=3&metric=cosine", method: .get))
            XCTAssertEqual((similar["hits"] as? [Any])?.count, 3)
            let health = try json(try await client.execute(uri: "/healthz", method: .get))
            XCTAssertEqual(health["generation"] as? Int, 2, "each commit loaded once, by the first search after it")
        }
    }

    func testAStateTakenBeforeAReloadStillAnswersFromItsOwnCodes() throws {
        let index = try ServedIndex(path: indexPath)
        XCTAssertFalse(try index.reloadIfChanged(), "nothing changed yet")
        let old = index.current
        let removed = try runSemhash(["remove", "space/launch-window.txt", "cooking/bread-crust.txt", "--index", indexPath])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertTrue(try index.reloadIfChanged())
        XCTAssertFalse(try index.reloadIfChanged(), "one change, one reload")
        let new = index.current
        XCTAssertEqual(new.generation, old.generation + 1)
        XCTAssertEqual(old.snapshot.engine.codes.count, 40, "the old state is untouched")
        XCTAssertEqual(new.snapshot.engine.codes.count, 38)
        for state in [old, new] {
            XCTAssertNotNil(state.snapshot.engine.preparedRadiusIndex, "built once, shared by every request's copy")
            XCTAssertEqual(state.snapshot.engine.preparedUnitCodes?.rows, state.snapshot.engine.codes.count,
                           "the default (hybrid) search's unit-length codes: scaled once, not per request")
        }
        let query = try old.encode("rockets launch orbit")
        let oldAnswer = try index.read { try old.answer(question: "q", query: query, request: SearchRequest(k: 40), store: $0) }
        let newAnswer = try index.read { try new.answer(question: "q", query: query, request: SearchRequest(k: 40), store: $0) }
        XCTAssertEqual(newAnswer.hits.count, 38)
        XCTAssertEqual(oldAnswer.hits.count, 38, "hits whose documents were removed since are left out, not shown half")
        XCTAssertEqual(oldAnswer.hits.map(\.rank), Array(1...38))
    }
}
