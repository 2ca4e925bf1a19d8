import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import SemanticHashing
import XCTest

/// Replicas of a PostgreSQL store: the copies readers keep, and `semhash serve` following the store's change
/// log, through server restarts and while the store cannot be reached; writes through a replica.
final class PostgresReplicaTests: PostgresTestCase {
    func testReadersKeepACopyOfTheStoreAndBringItUpToDate() throws {
        let ask = ["ask", "Probe rocket orbit moon launch probe", "-k", "1", "--json", "--metric", "euclidean",
                   "--index", store]
        let first = try run(ask)
        XCTAssertEqual(first.status, 0, first.stderr)
        let cache = directory.appendingPathComponent("cache").path
        let copies = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".sqlite") }
        XCTAssertEqual(copies.count, 1, "one kept copy per store: \(copies)")
        let copy = cache + "/" + copies[0]
        let replicaOf = IndexSetting(rawValue: "replica_of")
        func recorded() throws -> String { try XCTUnwrap(try IndexStore.open(at: copy, mode: .readOnly).setting(replicaOf)) }
        func inode() throws -> Int { try XCTUnwrap(FileManager.default.attributesOfItem(atPath: copy)[.systemFileNumber] as? Int) }
        func firstHit() throws -> String? { try hits(try run(ask).stdout).first?.components(separatedBy: " ").first }
        let (before, file) = (try recorded(), try inode())

        // A document added to the store: the next reader finds it, in the same copy brought up to date.
        let corpus = directory.appendingPathComponent("new/space")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Probe\n\nrocket orbit moon launch probe".utf8).write(to: corpus.appendingPathComponent("probe.txt"))
        XCTAssertEqual(try run(["add", corpus.deletingLastPathComponent().path, "--index", store, "--quiet"]).status, 0)
        XCTAssertEqual(try firstHit(), "space/probe.txt")
        XCTAssertEqual(try inode(), file, "the kept copy was updated, not made anew")
        XCTAssertNotEqual(try recorded(), before, "the copy records the change it applied")
        XCTAssertEqual(try json(try run(["info", "--json", "--index", store]).stdout)["documents"] as? Int, 41)

        // The database dropped and made again under the same name is another store: the copy is filled anew,
        // in place, so that a process that has it open (here this one) goes on reading the kept copy, not a
        // deleted file.
        let name = try XCTUnwrap(URLComponents(string: store)?.path.dropFirst())
        try PostgresTestServer.psql(try PostgresTestServer.url(), "DROP DATABASE \(name)")
        try PostgresTestServer.psql(try PostgresTestServer.url(), "CREATE DATABASE \(name)")
        XCTAssertEqual(try run(["copy", sqlite, store]).status, 0)
        let reader = try IndexStore.open(at: copy, mode: .readOnly)
        XCTAssertEqual(try reader.documentCount(), 41)
        XCTAssertEqual(try json(try run(["info", "--json", "--index", store]).stdout)["documents"] as? Int, 40,
                       "not the 41 documents of the old store's copy")
        XCTAssertNotEqual(try firstHit(), "space/probe.txt")
        XCTAssertEqual(try inode(), file, "the copy of another store was refilled, not deleted and made again")
        XCTAssertEqual(try reader.documentCount(), 40, "the open reader sees the new store's copy")
        XCTAssertEqual(try run(["check", "--index", copy]).status, 0)

        // A file there that is no index is replaced by a new copy.
        IndexStore.removeFiles(at: copy)
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: copy))
        XCTAssertEqual(try run(ask).status, 0)
        XCTAssertEqual(try IndexStore.open(at: copy, mode: .readOnly).documentCount(), 40)
    }

    func testTwoReplicasSeeAnAddAndARemoveWithoutRestarting() throws {
        let replicas = try (0..<2).map { _ in try start(["serve", "--index", store, "--port", "0"]) }
        defer { for replica in replicas { replica.send(SIGTERM) } }
        let addresses = try replicas.map { replica in try address(of: replica) }
        let corpus = directory.appendingPathComponent("new/space")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Probe\n\nrocket orbit moon launch probe".utf8).write(to: corpus.appendingPathComponent("probe.txt"))
        let document = "api/documents/space%2Fprobe.txt"
        let probe = "space/probe.txt"
        XCTAssertEqual(try addresses.map { try status(of: $0, document) }, [404, 404])

        XCTAssertEqual(try run(["add", corpus.deletingLastPathComponent().path, "--index", store, "--quiet"]).status, 0)
        XCTAssertTrue(try eventually { try addresses.map { try self.status(of: $0, document) } == [200, 200] },
                      "both replicas serve the added document")
        let info = try json(String(decoding: try fetch(addresses[1], "api/info").data, as: UTF8.self))
        XCTAssertEqual(info["documents"] as? Int, 41)
        XCTAssertEqual(info["codes"] as? Int, 41)
        // Searchable: its own words (the same bag, so the same code) find it first on both.
        let ask = "api/ask?q=Probe+rocket+orbit+moon+launch+probe&k=1&metric=euclidean"
        XCTAssertTrue(try eventually { try addresses.map { try self.firstHit(of: $0, ask) } == [probe, probe] },
                      "both replicas search the added document")

        XCTAssertEqual(try run(["remove", "space/probe.txt", "--index", store]).status, 0)
        XCTAssertTrue(try eventually { try addresses.map { try self.status(of: $0, document) } == [404, 404] },
                      "both replicas drop the removed document")
        XCTAssertTrue(try eventually { try addresses.map { try self.firstHit(of: $0, ask) }.allSatisfy { $0 != probe } },
                      "both replicas stop finding the removed document")
        for replica in replicas {
            XCTAssertFalse(replica.stderrSoFar().contains("reloaded"),
                           "the add and the remove patched the served codes in place: \(replica.stderrSoFar())")
        }

        // New topics change the whole store: the replicas reload it.
        XCTAssertEqual(try addresses.map { try topicCount(of: $0) }, [0, 0])
        XCTAssertEqual(try run(["topics", "--count", "3", "--index", store, "--quiet"]).status, 0)
        let topics = try XCTUnwrap(try json(try run(["info", "--index", store, "--json"]).stdout)["topics"] as? Int)
        XCTAssertGreaterThanOrEqual(topics, 3)
        XCTAssertTrue(try eventually { try addresses.map { try self.topicCount(of: $0) } == [topics, topics] },
                      "both replicas serve the new topics")

        // A replica behind the pruned part of the log cannot follow it and reloads: a row deleted without a
        // log entry (which only a reload can show) is gone from both.
        try PostgresTestServer.psql(store, """
            DELETE FROM semhash.codes WHERE document_id = semhash.semhash_document_id('space/moon-landing.txt');
            DELETE FROM semhash.documents WHERE external_id = 'space/moon-landing.txt';
            UPDATE semhash.change_log SET pruned_through = (SELECT max(position) + 1000 FROM semhash.changes);
            NOTIFY semhash_changes;
            """)
        XCTAssertTrue(try eventually {
            try addresses.map { try self.status(of: $0, "api/documents/space%2Fmoon-landing.txt") } == [404, 404]
        }, "both replicas reloaded the store")
        for replica in replicas { replica.send(SIGTERM) }
        for replica in replicas {
            let outcome = try replica.finish()
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertFalse(outcome.stderr.contains("replica: "), "no failure to follow: \(outcome.stderr)")
        }
    }

    func testAReplicaWhoseConnectionsTheServerEndsConnectsAgainAndFollowsAndStops() throws {
        let replica = try start(["serve", "--index", store, "--port", "0"])
        defer { replica.send(SIGTERM) }
        let address = try address(of: replica)
        let document = "api/documents/space%2Fmoon-landing.txt"
        XCTAssertEqual(try status(of: address, document), 200)
        // What a restart of the server does to the replica's two connections (the store's and the listener's).
        try PostgresTestServer.psql(store, """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid();
            """)
        XCTAssertEqual(try run(["remove", "space/moon-landing.txt", "--index", store]).status, 0)
        XCTAssertTrue(try eventually { try self.status(of: address, document) == 404 },
                      "the replica connected again and applied the removal: \(replica.stderrSoFar())")
        // It listens for the store's notifications again, not only polls.
        XCTAssertTrue(try eventually { replica.stderrSoFar().contains("replica: listening for changes again") },
                      replica.stderrSoFar())
        XCTAssertEqual(try PostgresTestServer.psql(store, """
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'
            """).trimmingCharacters(in: .whitespacesAndNewlines), "1")
        replica.send(SIGTERM)
        let outcome = try replica.finish()
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("replica: connected to the store again"), outcome.stderr)
    }

    func testAReplicaThatCannotReachItsStoreSaysStaleAndStillAnswersUntilItFollowsAgain() throws {
        let tokenFile = path("token")
        try Data("replica-secret\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
        let replica = try start(["serve", "--index", store, "--port", "0", "--write-token-file", tokenFile])
        defer { replica.send(SIGTERM) }
        let address = try address(of: replica)
        func health() throws -> [String: Any] { try json(String(decoding: try fetch(address, "healthz").data, as: UTF8.self)) }
        XCTAssertEqual(try health()["status"] as? String, "ok")
        XCTAssertNil(try health()["stale_reason"])
        let database = try XCTUnwrap(URLComponents(string: store)?.path.dropFirst())
        let server = try PostgresTestServer.url()
        try PostgresTestServer.psql(server, "ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
        try PostgresTestServer.psql(server, """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)';
            """)
        XCTAssertTrue(try eventually { try health()["status"] as? String == "stale" }, replica.stderrSoFar())
        let stale = try health()
        XCTAssertTrue((stale["stale_reason"] as? String)?.hasPrefix("cannot connect to the store again") == true, "\(stale)")
        XCTAssertNotNil(stale["stale_seconds"] as? Double)
        XCTAssertEqual(try status(of: address, "api/ask?q=rocket"), 200, "the copy still answers")
        let write = try send(address, "POST", "api/documents", body: #"[{"id": "n/1", "text": "rocket orbit"}]"#,
                             token: "replica-secret")
        XCTAssertEqual(write.status, 503, "a store out of reach is a temporary failure: \(String(decoding: write.data, as: UTF8.self))")
        XCTAssertTrue(String(decoding: write.data, as: UTF8.self).contains("try again"))
        Thread.sleep(forTimeInterval: 3)
        let said = replica.stderrSoFar().components(separatedBy: "cannot connect again").count - 1
        XCTAssertEqual(said, 1, "the same failure is logged once a minute, not every turn: \(replica.stderrSoFar())")
        try PostgresTestServer.psql(server, "ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
        XCTAssertTrue(try eventually { try health()["status"] as? String == "ok" }, replica.stderrSoFar())
    }

    func testAWriteThroughEitherReplicaReachesBoth() throws {
        let tokenFile = path("token")
        try Data("replica-secret\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
        let replicas = try (0..<2).map { _ in
            try start(["serve", "--index", store, "--port", "0", "--write-token-file", tokenFile])
        }
        defer { for replica in replicas { replica.send(SIGTERM) } }
        let addresses = try replicas.map { replica in try address(of: replica) }
        let document = "api/documents/notes%2Forbit.txt"
        let body = #"[{"id": "notes/orbit.txt", "title": "Orbit", "text": "rocket orbit moon launch probe"}]"#

        XCTAssertEqual(try send(addresses[0], "POST", "api/documents", body: body, token: nil).status, 401)
        let added = try send(addresses[0], "POST", "api/documents", body: body, token: "replica-secret")
        XCTAssertEqual(added.status, 201, String(decoding: added.data, as: UTF8.self))
        XCTAssertEqual(try json(String(decoding: added.data, as: UTF8.self))["documents"] as? Int, 41,
                       "the store counts the document once the write returns")
        XCTAssertTrue(try eventually { try addresses.map { try self.status(of: $0, document) } == [200, 200] },
                      "a write through replica 0 is served by both")
        let ask = "api/ask?q=rocket+orbit+moon+launch+probe&k=1&metric=euclidean"
        XCTAssertTrue(try eventually { try addresses.map { try self.firstHit(of: $0, ask) } == ["notes/orbit.txt", "notes/orbit.txt"] },
                      "and searched by both")

        let removed = try send(addresses[1], "DELETE", document, body: nil, token: "replica-secret")
        XCTAssertEqual(removed.status, 200, String(decoding: removed.data, as: UTF8.self))
        XCTAssertTrue(try eventually { try addresses.map { try self.status(of: $0, document) } == [404, 404] },
                      "a removal through replica 1 reaches both")
        XCTAssertEqual(try send(addresses[1], "DELETE", document, body: nil, token: "replica-secret").status, 404)

        // While a training adopts its model, a write waits as long as a server's write into a file does (5 s),
        // then is answered 503 (with Retry-After), not when the training commits.
        let holder = try AdoptionLocks(held: store)
        defer { holder.release() }
        let began = Date()
        let busy = try send(addresses[0], "POST", "api/documents", body: body, token: "replica-secret")
        XCTAssertEqual(busy.status, 503, String(decoding: busy.data, as: UTF8.self))
        XCTAssertTrue(String(decoding: busy.data, as: UTF8.self).contains("is busy"), String(decoding: busy.data, as: UTF8.self))
        XCTAssertLessThan(Date().timeIntervalSince(began), AdoptionLocks.seconds / 2)
        holder.release()
        for replica in replicas { replica.send(SIGTERM) }
        for replica in replicas {
            let outcome = try replica.finish()
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertFalse(outcome.stderr.contains("replica: "), "no failure to follow: \(outcome.stderr)")
            XCTAssertFalse(outcome.stderr.contains("reloaded"), "each write patched the served codes: \(outcome.stderr)")
        }
    }

    // MARK: Helpers
}
