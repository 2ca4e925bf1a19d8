import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// Write transactions, rollback, nesting, snapshots and concurrent writers.
final class IndexTransactionTests: IndexTestCase {
    private struct Abort: Error {}

    func testAThrownErrorRollsBackDocumentsAndCodes() throws {
        let store = try IndexStore.create(at: temporaryPath())
        let stored = try storeSyntheticDocuments(5, in: store)
        let ids = stored.map(\.id)
        let (codes, hashes) = randomCodes(ids: ids, dimension: 2, bits: 16, seed: 4)
        try store.saveCodes(ids: ids, codes: codes, hashes: hashes)
        let before = try store.loadCodes()

        XCTAssertThrowsError(try store.write {
            try store.upsertDocument(Document(id: "new", text: "x"), bag: BagOfWords(termIDs: [1], counts: [1]),
                                     tokenCount: 1)
            try store.upsertDocument(stored[0].document, bag: BagOfWords(), tokenCount: 0)
            try store.removeDocuments(externalIDs: ["doc-1"])
            try store.removeAllCodes()
            throw Abort()
        }) { error in XCTAssertTrue(error is Abort, "the body's error is rethrown as is") }

        XCTAssertEqual(try store.documentIDs(), ids)
        XCTAssertNil(try store.document(externalID: "new"))
        XCTAssertEqual(try store.bags(ids: [ids[0]])[ids[0]], stored[0].bag)
        XCTAssertEqual(try store.loadCodes(), before)
    }

    func testANestedWriteRollsBackOnlyItsOwnChanges() throws {
        let store = try IndexStore.create(at: temporaryPath())
        try store.write {
            try store.upsertDocument(Document(id: "outer", text: "a"), bag: BagOfWords(), tokenCount: 0)
            XCTAssertThrowsError(try store.write {
                try store.upsertDocument(Document(id: "inner", text: "b"), bag: BagOfWords(), tokenCount: 0)
                throw Abort()
            })
            try store.upsertDocument(Document(id: "after", text: "c"), bag: BagOfWords(), tokenCount: 0)
        }
        XCTAssertNotNil(try store.document(externalID: "outer"))
        XCTAssertNil(try store.document(externalID: "inner"))
        XCTAssertNotNil(try store.document(externalID: "after"))
    }

    func testWriteReturnsTheBodysValue() throws {
        let store = try IndexStore.create(at: temporaryPath())
        let id = try store.write {
            try store.upsertDocument(Document(id: "a", text: "a"), bag: BagOfWords(), tokenCount: 0)
        }
        XCTAssertEqual(try store.document(externalID: "a")?.id, id)
    }

    func testASecondWriterGetsBusyAfterItsTimeout() throws {
        let path = temporaryPath()
        let first = try IndexStore.create(at: path)
        let second = try IndexStore.open(at: path, mode: .readWrite, options: IndexOptions(busyTimeout: .milliseconds(50)))
        try first.write {
            try first.setSetting(.corpusSource, "first")
            let start = Date()
            assertIndexError(try second.setSetting(.corpusSource, "second"), .busy(path))
            XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.04, "the busy timeout was waited out")
            assertIndexError(try second.write { 1 }, .busy(path))
            let reader = try IndexStore.open(at: path, mode: .readOnly)
            XCTAssertNil(try reader.setting(.corpusSource), "readers open and read while a write is under way")
            XCTAssertNoThrow(try IndexStore.open(at: path, mode: .readWrite,
                                                 options: IndexOptions(busyTimeout: .zero)),
                             "opening for writing does not wait for the writer")
        }
        XCTAssertTrue(IndexError.busy(path).description.contains("another semhash process is writing"))
        try second.setSetting(.corpusSource, "second")
        XCTAssertEqual(try first.setting(.corpusSource), "second")
    }

    func testAReadSeesOneSnapshotWhileAnotherConnectionWrites() throws {
        let path = temporaryPath()
        let writer = try IndexStore.create(at: path)
        try storeSyntheticDocuments(3, in: writer)
        let reader = try IndexStore.open(at: path, mode: .readOnly)
        try reader.read {
            XCTAssertEqual(try reader.documentCount(), 3)
            try writer.upsertDocument(Document(id: "late", text: "x"), bag: BagOfWords(), tokenCount: 0)
            XCTAssertEqual(try reader.documentCount(), 3, "the snapshot predates the write")
        }
        XCTAssertEqual(try reader.documentCount(), 4)
    }

    func testEveryCommittedWriteCountsOnceAndAReadSeesTheCountOfItsCommit() throws {
        let path = temporaryPath()
        let writer = try IndexStore.create(at: path)
        let created = try writer.commitCount()
        XCTAssertGreaterThan(created, 0, "the migrations that made the file are counted")
        try writer.write {
            try writer.upsertDocument(Document(id: "a", text: "a"), bag: BagOfWords(), tokenCount: 0)
            try writer.write { try writer.upsertDocument(Document(id: "b", text: "b"), bag: BagOfWords(), tokenCount: 0) }
        }
        XCTAssertEqual(try writer.commitCount(), created + 1, "one transaction, savepoint included, counts once")
        try writer.upsertDocument(Document(id: "c", text: "c"), bag: BagOfWords(), tokenCount: 0)
        XCTAssertEqual(try writer.commitCount(), created + 2, "a write of its own transaction counts too")
        XCTAssertThrowsError(try writer.write {
            try writer.upsertDocument(Document(id: "d", text: "d"), bag: BagOfWords(), tokenCount: 0)
            throw Abort()
        })
        XCTAssertEqual(try writer.commitCount(), created + 2, "a rolled-back write is not counted")
        try writer.write {}
        XCTAssertEqual(try writer.commitCount(), created + 2, "a write that changed nothing is not counted")

        let reader = try IndexStore.open(at: path, mode: .readOnly)
        try reader.read {
            XCTAssertEqual(try reader.commitCount(), created + 2)
            try writer.removeDocuments(externalIDs: ["a"])
            XCTAssertEqual(try reader.commitCount(), created + 2, "the count of the commit the read sees")
            XCTAssertNotNil(try reader.document(externalID: "a"))
        }
        XCTAssertEqual(try reader.commitCount(), created + 3)
        XCTAssertEqual(try reader.commitCount(), created + 3, "reading counts nothing")
    }

    /// SQLITE_FULL, provoked anywhere (no small file system needed) by capping the file's page count.
    func testAFullDiskRollsBackAndSaysSo() throws {
        let path = temporaryPath()
        let store = try IndexStore.create(at: path)
        let stored = try storeSyntheticDocuments(20, in: store)
        let pages = try store.connection.withStatement("PRAGMA page_count") { statement throws(IndexError) in
            _ = try statement.step()
            return statement.int(at: 0)
        }
        try store.connection.execute("PRAGMA max_page_count = \(pages + 2)")
        var generator = SeededGenerator(seed: 9)
        assertIndexError(try store.write {
            for index in 100..<400 {
                let (document, bag) = syntheticDocument(index, generator: &generator)
                try store.upsertDocument(document, bag: bag, tokenCount: 1)
            }
        }, .diskFull(path))
        XCTAssertTrue(IndexError.diskFull(path).description.hasPrefix("the disk is full while writing \(path)"))
        XCTAssertEqual(try store.documentIDs(), stored.map(\.id), "the failed write left nothing behind")
        XCTAssertEqual(try store.integrityCheck(), [])
        try store.connection.execute("PRAGMA max_page_count = 1073741823")
        try store.upsertDocument(Document(id: "after", text: "room again"), bag: BagOfWords(), tokenCount: 2)
        XCTAssertNotNil(try store.document(externalID: "after"), "the store keeps working once there is room")
    }
}
