import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// Round trips through a closed and reopened file for the vocabulary, model, checkpoints, codes and topics.
final class IndexTableTests: IndexTestCase {
    func testVocabularyRoundTripAndReplacement() throws {
        let path = temporaryPath()
        let first = Vocabulary(terms: ["zeta", "alpha", "mü"], documentFrequencies: [5, 9, 1], documentCount: 12)
        let second = Vocabulary(terms: ["b", "a"], documentFrequencies: [2, 3], documentCount: 4)
        do {
            let store = try IndexStore.create(at: path)
            XCTAssertNil(try store.loadVocabulary())
            try store.saveVocabulary(first)
            XCTAssertEqual(try store.loadVocabulary(), first)
            try store.saveVocabulary(second)
        }
        let loaded = try XCTUnwrap(IndexStore.open(at: path, mode: .readOnly).loadVocabulary())
        XCTAssertEqual(loaded, second)
        XCTAssertEqual(loaded.fingerprint, second.fingerprint)
    }

    func testModelAndCheckpointsRoundTrip() throws {
        let path = temporaryPath()
        var generator = SeededGenerator(seed: 8)
        let weights = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let model = StoredModel(architectureJSON: #"{"layers":[2000,500,250,10]}"#, weights: weights,
                                vocabularyFingerprint: "abc123", trainingJSON: #"{"loss":0.5}"#)
        do {
            let store = try IndexStore.create(at: path)
            XCTAssertNil(try store.loadModel())
            try store.saveModel(StoredModel(architectureJSON: "{}", weights: [], vocabularyFingerprint: "old"))
            try store.saveModel(model)
            try store.saveCheckpoint([1, 2, 3], name: "rbm-1")
            try store.saveCheckpoint([], name: "empty")
            try store.saveCheckpoint([4], name: "rbm-2")
            try store.saveCheckpoint([5, 6], name: "rbm-1")
            XCTAssertTrue(try store.deleteCheckpoint(name: "rbm-2"))
            XCTAssertFalse(try store.deleteCheckpoint(name: "rbm-2"))
        }
        let store = try IndexStore.open(at: path, mode: .readOnly)
        let loaded = try XCTUnwrap(store.loadModel())
        XCTAssertEqual(loaded.architectureJSON, model.architectureJSON)
        XCTAssertEqual(loaded.weights, weights)
        XCTAssertEqual(loaded.vocabularyFingerprint, "abc123")
        XCTAssertEqual(loaded.trainingJSON, model.trainingJSON)
        XCTAssertNotNil(loaded.trainedAt)
        XCTAssertEqual(try store.checkpointNames(), ["empty", "rbm-1"])
        XCTAssertEqual(try store.loadCheckpoint(name: "rbm-1"), [5, 6])
        XCTAssertEqual(try store.loadCheckpoint(name: "empty"), [])
        XCTAssertNil(try store.loadCheckpoint(name: "rbm-2"))
    }

    func testCodesRoundTripSkippingDocumentsWithoutCode() throws {
        let path = temporaryPath()
        let expected: DocumentCodes
        do {
            let store = try IndexStore.create(at: path)
            XCTAssertNil(try store.loadCodes(), "no codes saved yet")
            let ids = try storeSyntheticDocuments(40, in: store).map(\.id)
            let coded = ids.enumerated().filter { $0.offset % 7 != 0 }.map(\.element)
            let (codes, hashes) = randomCodes(ids: coded, dimension: 10, bits: 100, seed: 9)
            try store.write {
                try store.saveCodes(ids: Array(coded.reversed()), codes: Matrix(rows: coded.count, columns: 10,
                                    values: (0..<coded.count).reversed().flatMap { codes.row($0) }),
                                    hashes: BinaryCodes(bitCount: 100,
                                                        words: (0..<coded.count).reversed().flatMap { hashes.code($0) }))
            }
            expected = try DocumentCodes(ids: coded, realCodes: codes, hashes: hashes)
        }
        let store = try IndexStore.open(at: path, mode: .readOnly)
        XCTAssertEqual(try store.loadCodes(), expected, "rows come back in increasing id whatever the saving order")
        XCTAssertEqual(try store.codeCount(), expected.ids.count)
    }

    func testSearchesLoadTheCodesOfDocumentsWithWordsOnlyInEveryFormat() throws {
        let currentPath = temporaryPath("current")
        let formats: [(name: String, path: String, migrations: IndexMigrations)] = [
            ("current", currentPath, .schema),
            ("format 2", temporaryPath("format-2"), IndexMigrations(Array(IndexMigrations.schema.migrations[0..<2]))),
        ]
        for format in formats {
            let store = try IndexStore.create(at: format.path, options: IndexOptions(), migrations: format.migrations)
            let stored = try storeSyntheticDocuments(40, in: store)
            let ids = stored.map(\.id)
            let (codes, hashes) = randomCodes(ids: ids, dimension: 4, bits: 16, seed: 3)
            try store.write { try store.saveCodes(ids: ids, codes: codes, hashes: hashes) }
            let all = try XCTUnwrap(store.loadCodes())
            XCTAssertEqual(all.ids, ids, format.name)
            let searched = try XCTUnwrap(store.loadCodes(includingWordless: false))
            let withWords = stored.filter { !$0.bag.isEmpty }
            XCTAssertEqual(withWords.count, 34, "every seventh synthetic document is wordless")
            XCTAssertEqual(searched.ids, withWords.map(\.id), format.name)
            for (row, id) in searched.ids.enumerated() {
                let original = ids.firstIndex(of: id)!
                XCTAssertEqual(searched.realCodes.row(row), codes.row(original), "\(format.name): code of \(id)")
                XCTAssertEqual(searched.hashes.code(row), hashes.code(original), "\(format.name): hash of \(id)")
            }
        }
        // The current format finds the wordless documents through its partial index, not a scan of every row.
        let current = try IndexStore.open(at: currentPath, mode: .readOnly)
        let plan = try current.connection.withStatement(
            "EXPLAIN QUERY PLAN " + IndexStore.wordlessDocumentsWithCodesQuery
        ) { statement throws(IndexError) in
            var details: [String] = []
            while try statement.step() { details.append(statement.text(at: 3)) }
            return details.joined(separator: "; ")
        }
        XCTAssertTrue(plan.hasPrefix("SCAN documents USING INDEX documents_wordless"), plan)
        XCTAssertFalse(plan.contains("SCAN codes"), plan)
    }

    func testCodesOfANewShapeReplaceTheOldAfterRemoval() throws {
        let store = try IndexStore.create(at: temporaryPath())
        let ids = try storeSyntheticDocuments(6, in: store).map(\.id)
        let (oldCodes, oldHashes) = randomCodes(ids: ids, dimension: 10, bits: 32, seed: 10)
        try store.saveCodes(ids: ids, codes: oldCodes, hashes: oldHashes)
        let (newCodes, newHashes) = randomCodes(ids: ids, dimension: 2, bits: 64, seed: 11)
        try store.write {
            try store.removeAllCodes()
            XCTAssertNil(try store.loadCodes())
            try store.saveCodes(ids: ids, codes: newCodes, hashes: newHashes)
        }
        XCTAssertEqual(try store.loadCodes(), try DocumentCodes(ids: ids, realCodes: newCodes, hashes: newHashes))
    }

    func testTopicsRoundTripAndReplacement() throws {
        let path = temporaryPath()
        let topics = [
            StoredTopic(id: 0, size: 2, decoderWords: ["space", "nasa"], distinctiveWords: ["orbit", "\"quoted\""],
                        centroid: [0.5, -1.25]),
            StoredTopic(id: 1, size: 1, decoderWords: ["ünïcödé"], distinctiveWords: [], centroid: [3, 4]),
        ]
        let ids: [Int64]
        do {
            let store = try IndexStore.create(at: path)
            ids = try storeSyntheticDocuments(4, in: store).map(\.id)
            try store.saveTopics([StoredTopic(id: 9, size: 4, decoderWords: ["old"], distinctiveWords: [], centroid: [0])],
                                 assignments: ids.map { TopicAssignment(documentID: $0, topicID: 9, distance: 0) })
            try store.saveTopics(topics, assignments: [
                TopicAssignment(documentID: ids[2], topicID: 1, distance: 0.75),
                TopicAssignment(documentID: ids[0], topicID: 0, distance: 0.25),
                TopicAssignment(documentID: ids[1], topicID: 0, distance: 1.5),
            ])
        }
        let store = try IndexStore.open(at: path, mode: .readOnly)
        XCTAssertEqual(try store.loadTopics(), topics)
        XCTAssertEqual(try store.loadTopicAssignments(), [
            TopicAssignment(documentID: ids[0], topicID: 0, distance: 0.25),
            TopicAssignment(documentID: ids[1], topicID: 0, distance: 1.5),
            TopicAssignment(documentID: ids[2], topicID: 1, distance: 0.75),
        ])
    }
}
