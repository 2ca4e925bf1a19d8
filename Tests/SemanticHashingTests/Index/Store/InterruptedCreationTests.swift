import Foundation
@testable import SemanticHashing
import XCTest

/// A `semhash index` killed while it creates a new index leaves an empty SQLite database (a zero-length
/// file, or a write-ahead-logging header whose schema transaction never committed). Indexing into that path
/// again must finish the creation instead of refusing the file as "not a semhash index".
final class InterruptedCreationTests: IndexTestCase {
    func testOpenOrCreateFinishesAZeroLengthFile() throws {
        let path = temporaryPath()
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        try IndexStore.openOrCreate(at: path).setSetting(.corpusSource, "/data")
        let store = try IndexStore.open(at: path, mode: .readOnly)
        XCTAssertEqual(store.formatVersion, IndexFormat.currentVersion)
        XCTAssertEqual(try store.setting(.corpusSource), "/data")
        XCTAssertEqual(try store.integrityCheck(), [])
    }

    func testOpenOrCreateFinishesACreationWhoseSchemaTransactionNeverCommitted() throws {
        let path = temporaryPath()
        do {
            let interrupted = try SQLiteConnection(path: path, access: .readWriteCreate, busyTimeout: .seconds(1))
            try interrupted.execute("PRAGMA journal_mode = WAL")
            try interrupted.execute("BEGIN IMMEDIATE")
            try interrupted.execute(IndexSchema.version1)
        }
        assertIndexError(try IndexStore.open(at: path, mode: .readOnly), .unfinished(path))
        XCTAssertTrue(IndexError.unfinished(path).description.contains("an indexing run interrupted while creating it"))
        let store = try IndexStore.openOrCreate(at: path)
        XCTAssertEqual(store.formatVersion, IndexFormat.currentVersion)
        XCTAssertEqual(try IndexMigrations.storedVersion(of: store.connection), IndexFormat.currentVersion)
        XCTAssertEqual(try store.documentCount(), 0)
        XCTAssertEqual(try store.integrityCheck(), [])
    }

    func testOpenOrCreateStillRefusesADatabaseThatHoldsSomethingElse() throws {
        let path = temporaryPath()
        do {
            let foreign = try SQLiteConnection(path: path, access: .readWriteCreate, busyTimeout: .seconds(1))
            try foreign.execute("CREATE TABLE people(name TEXT)")
        }
        assertIndexError(try IndexStore.openOrCreate(at: path), .notAnIndex(path))
        let text = Data("notes, not a database\n".utf8)
        let notes = temporaryPath()
        XCTAssertTrue(FileManager.default.createFile(atPath: notes, contents: text))
        assertIndexError(try IndexStore.openOrCreate(at: notes), .notAnIndex(notes))
        XCTAssertEqual(FileManager.default.contents(atPath: notes), text, "the file is left alone")
    }
}
