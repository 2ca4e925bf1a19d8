import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// Creating, opening, recognising and migrating index files.
final class IndexOpeningTests: IndexTestCase {
    func testCreateThenReopenKeepsFormatAndSettings() throws {
        let path = temporaryPath()
        do {
            let store = try IndexStore.create(at: path)
            XCTAssertEqual(store.formatVersion, IndexFormat.currentVersion)
            try store.setSetting(.textConfiguration, #"{"stemming":true}"#)
            try store.setSetting(.corpusSource, "20news")
            try store.setSetting(.corpusSource, "reuters")
        }
        let store = try IndexStore.open(at: path, mode: .readOnly)
        XCTAssertEqual(try store.setting(.textConfiguration), #"{"stemming":true}"#)
        XCTAssertEqual(try store.setting(.corpusSource), "reuters")
        XCTAssertNil(try store.setting(.vocabularyConfiguration))
        let meta = try store.metadata()
        XCTAssertEqual(meta["format_version"], String(IndexFormat.currentVersion))
        XCTAssertEqual(meta["semhash_version"], IndexFormat.semhashVersion)
        XCTAssertNotNil(meta["created_at"].flatMap { ISO8601DateFormatter().date(from: $0.replacingOccurrences(
            of: #"\.\d+Z$"#, with: "Z", options: .regularExpression)) })
        XCTAssertEqual(try store.integrityCheck(), [])
    }

    func testAReaderCannotWriteAndClosingLastRemovesTheWriteAheadLogFiles() throws {
        let path = temporaryPath()
        try IndexStore.create(at: path).setSetting(.corpusSource, "/data")
        func logFiles() -> [String] { ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: path + $0) } }
        XCTAssertEqual(logFiles(), [], "the writer closed the file last")
        do {
            let reader = try IndexStore.open(at: path, mode: .readOnly)
            XCTAssertEqual(try reader.setting(.corpusSource), "/data")
            XCTAssertEqual(logFiles(), ["-wal", "-shm"], "a reader of a file in WAL mode needs them")
            assertIndexError(try reader.connection.execute("DELETE FROM meta"), .readOnly(path))
            assertIndexError(try reader.setSetting(.corpusSource, "/elsewhere"), .readOnly(path))
            XCTAssertEqual(try IndexStore.open(at: path, mode: .readOnly).setting(.corpusSource), "/data")
            XCTAssertEqual(logFiles(), ["-wal", "-shm"], "a reader closing while another is open leaves them")
            try IndexStore.open(at: path, mode: .readWrite).setSetting(.corpusSource, "/new")
            XCTAssertEqual(logFiles(), ["-wal", "-shm"], "so does a writer")
            XCTAssertEqual(try reader.setting(.corpusSource), "/new", "the open reader reads the writer's commit")
        }
        XCTAssertEqual(logFiles(), [], "the reader closed the file last")
        XCTAssertEqual(try IndexStore.open(at: path, mode: .readOnly).metadata()["setting.corpus_source"], "/new")
    }

    func testCreateRefusesAnExistingFile() throws {
        let path = temporaryPath()
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        assertIndexError(try IndexStore.create(at: path), .alreadyExists(path))
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data(), "the existing file is left alone")
    }

    func testOpenOrCreateCreatesThenOpens() throws {
        let path = temporaryPath()
        try IndexStore.openOrCreate(at: path).setSetting(.corpusSource, "/data")
        XCTAssertEqual(try IndexStore.openOrCreate(at: path).setting(.corpusSource), "/data")
    }

    func testOpeningAMissingFileFails() {
        let path = temporaryPath()
        assertIndexError(try IndexStore.open(at: path, mode: .readOnly), .notFound(path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "opening must not create the file")
    }

    func testATextFileIsNotAnIndex() throws {
        let path = temporaryPath()
        let text = String(repeating: "This is a plain text file, not a database.\n", count: 40)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        for mode in [IndexStore.Mode.readOnly, .readWrite] {
            assertIndexError(try IndexStore.open(at: path, mode: mode), .notAnIndex(path))
        }
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data(text.utf8), "the file is left alone")
        XCTAssertTrue(IndexError.notAnIndex(path).description.contains("is not a semhash index"))
    }

    func testAnEmptyFileIsAnUnfinishedIndex() {
        let path = temporaryPath()
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        for mode in [IndexStore.Mode.readOnly, .readWrite] {
            assertIndexError(try IndexStore.open(at: path, mode: mode), .unfinished(path))
        }
    }

    func testAForeignSQLiteFileIsNotAnIndex() throws {
        let path = temporaryPath()
        do {
            let foreign = try SQLiteConnection(path: path, access: .readWriteCreate, busyTimeout: .seconds(1))
            try foreign.execute("CREATE TABLE people(name TEXT); INSERT INTO people VALUES ('Ada')")
        }
        assertIndexError(try IndexStore.open(at: path, mode: .readWrite), .notAnIndex(path))
        let foreign = try SQLiteConnection(path: path, access: .readOnly, busyTimeout: .seconds(1))
        let journal = try foreign.withStatement("PRAGMA journal_mode") { statement throws(IndexError) in
            _ = try statement.step()
            return statement.text(at: 0)
        }
        XCTAssertEqual(journal, "delete", "a foreign database must not be switched to WAL")
    }

    func testASQLiteFileWithOurIDButNoMetaIsNotAnIndex() throws {
        let path = temporaryPath()
        do {
            let foreign = try SQLiteConnection(path: path, access: .readWriteCreate, busyTimeout: .seconds(1))
            try foreign.execute("PRAGMA application_id = \(IndexFormat.applicationID); CREATE TABLE other(x)")
        }
        assertIndexError(try IndexStore.open(at: path, mode: .readOnly), .notAnIndex(path))
    }

    func testANewerFormatAsksForAnUpgrade() throws {
        let path = temporaryPath()
        _ = try IndexStore.create(at: path)
        do {
            let raw = try SQLiteConnection(path: path, access: .readWrite, busyTimeout: .seconds(1))
            try raw.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
        }
        let expected = IndexError.newerFormat(path, found: 99, supported: IndexFormat.currentVersion)
        assertIndexError(try IndexStore.open(at: path, mode: .readOnly), expected)
        assertIndexError(try IndexStore.open(at: path, mode: .readWrite), expected)
        XCTAssertEqual(expected.description, "the index \(path) has format version 99 but this semhash reads up to version "
                       + "\(IndexFormat.currentVersion)", "the library states the fact; the command line adds the advice")
    }

    func testAMissingFormatVersionIsCorrupt() throws {
        let path = temporaryPath()
        _ = try IndexStore.create(at: path)
        do {
            let raw = try SQLiteConnection(path: path, access: .readWrite, busyTimeout: .seconds(1))
            try raw.execute("DELETE FROM meta WHERE key = 'format_version'")
        }
        assertIndexError(try IndexStore.open(at: path, mode: .readOnly),
                         .corrupt(path, "meta has no valid format_version"))
    }

    func testDamagedPagesAreReportedAsCorrupt() throws {
        let path = temporaryPath()
        do {
            let store = try IndexStore.create(at: path)
            try storeSyntheticDocuments(300, in: store)
        }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let pageSize = 4096
        XCTAssertGreaterThan(bytes.count, 40 * pageSize, "the documents must span many pages")
        var generator = SeededGenerator(seed: 5)
        for offset in (20 * pageSize)..<bytes.count { bytes[offset] = UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        XCTAssertThrowsError(try {
            let store = try IndexStore.open(at: path, mode: .readOnly)
            try store.forEachBag { _, _ in }
        }()) { error in
            guard case .corrupt(let corruptPath, _) = error as? IndexError else {
                return XCTFail("expected corrupt, got \(error)")
            }
            XCTAssertEqual(corruptPath, path)
        }
        let store = try IndexStore.open(at: path, mode: .readOnly)
        do {
            let problems = try store.integrityCheck(quick: true)
            XCTAssertFalse(problems.isEmpty)
        } catch .corrupt {
            // integrity_check itself may stop at the first damaged page
        }
    }

    func testReadOnlyStoreRefusesWrites() throws {
        let path = temporaryPath()
        _ = try IndexStore.create(at: path)
        let store = try IndexStore.open(at: path, mode: .readOnly)
        let document = Document(id: "a", text: "text")
        assertIndexError(try store.upsertDocument(document, bag: BagOfWords(), tokenCount: 1), .readOnly(path))
        assertIndexError(try store.write { 1 }, .readOnly(path))
        assertIndexError(try store.saveCheckpoint([1, 2], name: "x"), .readOnly(path))
        assertIndexError(try store.connection.execute("INSERT INTO meta VALUES ('k', 'v')"), .readOnly(path))
        XCTAssertEqual(try store.documentCount(), 0)
        XCTAssertNil(try store.loadCheckpoint(name: "x"))
    }

    func testMigratingAnEmptyDatabaseCreatesTheCurrentSchema() throws {
        let path = temporaryPath()
        let connection = try SQLiteConnection(path: path, access: .readWriteCreate, busyTimeout: .seconds(1))
        XCTAssertEqual(try IndexMigrations.storedVersion(of: connection), 0)
        try IndexMigrations.schema.migrate(connection)
        XCTAssertEqual(try IndexMigrations.storedVersion(of: connection), IndexFormat.currentVersion)
        let tables = try connection.withStatement(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ) { statement throws(IndexError) in
            var names: [String] = []
            while try statement.step() { names.append(statement.text(at: 0)) }
            return names
        }
        XCTAssertEqual(tables, ["checkpoints", "codes", "document_topics", "documents", "meta", "model", "topics",
                                "vocabulary"])
        let applicationID = try connection.withStatement("PRAGMA application_id") { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int64(at: 0)
        }
        XCTAssertEqual(applicationID, Int64(IndexFormat.applicationID))
        try IndexMigrations.schema.migrate(connection)
        XCTAssertEqual(try IndexMigrations.storedVersion(of: connection), IndexFormat.currentVersion)
    }

    func testOpeningForWritingAppliesNewMigrationsInOrder() throws {
        let path = temporaryPath()
        let current = IndexFormat.currentVersion
        let version1 = IndexMigrations.schema
        let version2 = IndexMigrations(version1.migrations + [
            .init(version: current + 1, sql: "CREATE TABLE extra(x INTEGER); INSERT INTO extra VALUES (2)"),
        ])
        let version3 = IndexMigrations(version2.migrations + [
            .init(version: current + 2, sql: "UPDATE extra SET x = x * 10"),
        ])
        do {
            let store = try IndexStore.create(at: path, options: IndexOptions(), migrations: version1)
            try store.setSetting(.corpusSource, "jsonl")
        }
        assertIndexError(try IndexStore.open(at: path, mode: .readOnly, options: IndexOptions(), migrations: version3),
                         .olderFormat(path, found: current, supported: current + 2))
        let store = try IndexStore.open(at: path, mode: .readWrite, options: IndexOptions(), migrations: version3)
        XCTAssertEqual(store.formatVersion, current + 2)
        XCTAssertEqual(try IndexMigrations.storedVersion(of: store.connection), current + 2)
        let extra = try store.connection.withStatement("SELECT x FROM extra") { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int64(at: 0)
        }
        XCTAssertEqual(extra, 20, "the last migration runs after the one before it, once")
        XCTAssertEqual(try store.setting(.corpusSource), "jsonl")
        assertIndexError(try IndexStore.open(at: path, mode: .readOnly, options: IndexOptions(), migrations: version1),
                         .newerFormat(path, found: current + 2, supported: current))
    }

    func testAFailingMigrationLeavesThePreviousVersion() throws {
        let path = temporaryPath()
        _ = try IndexStore.create(at: path)
        let broken = IndexMigrations(IndexMigrations.schema.migrations + [
            .init(version: IndexFormat.currentVersion + 1, sql: "CREATE TABLE extra(x); INSERT INTO missing VALUES (1)"),
        ])
        XCTAssertThrowsError(try IndexStore.open(at: path, mode: .readWrite, options: IndexOptions(),
                                                 migrations: broken))
        let store = try IndexStore.open(at: path, mode: .readOnly)
        XCTAssertEqual(try IndexMigrations.storedVersion(of: store.connection), IndexFormat.currentVersion)
        let extraExists = try store.connection.withStatement(
            "SELECT count(*) FROM sqlite_master WHERE name = 'extra'"
        ) { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int64(at: 0) > 0
        }
        XCTAssertFalse(extraExists, "the failed migration's table was rolled back")
    }
}
