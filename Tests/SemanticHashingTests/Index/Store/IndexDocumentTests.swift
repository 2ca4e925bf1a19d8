import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// Documents and their bags of words: round trips, upserts, removals, labels.
final class IndexDocumentTests: IndexTestCase {
    func testDocumentsAndBagsSurviveReopening() throws {
        let path = temporaryPath()
        let stored = try storeSyntheticDocuments(60, in: IndexStore.create(at: path, options: IndexOptions(excerptLength: 40)))
        let store = try IndexStore.open(at: path, mode: .readOnly)
        XCTAssertEqual(try store.documentCount(), 60)
        XCTAssertEqual(try store.documentIDs(), stored.map(\.id))
        XCTAssertEqual(Set(stored.map(\.id)).count, 60)

        var streamed: [(Int64, BagOfWords)] = []
        try store.forEachBag { streamed.append(($0, $1)) }
        XCTAssertEqual(streamed.map(\.0), stored.map(\.id))
        XCTAssertEqual(streamed.map(\.1), stored.map(\.bag))

        let sample = [stored[5].id, stored[0].id, 9_999, stored[14].id]
        XCTAssertEqual(try store.bags(ids: sample),
                       [stored[5].id: stored[5].bag, stored[0].id: stored[0].bag, stored[14].id: stored[14].bag])
        let documents = try store.documents(ids: sample)
        XCTAssertEqual(documents.map(\.id), [stored[5].id, stored[0].id, stored[14].id], "given order, missing skipped")
        for (document, original) in zip(documents, [stored[5], stored[0], stored[14]]) {
            XCTAssertEqual(document, StoredDocument(
                id: original.id, externalID: original.document.id, title: original.document.title,
                source: original.document.source, labels: original.document.labels,
                tokenCount: Int(original.bag.length) + original.bag.outOfVocabularyCount,
                outOfVocabularyCount: original.bag.outOfVocabularyCount,
                excerpt: String(original.document.text.prefix(40)), isEmpty: original.bag.isEmpty))
        }
        XCTAssertTrue(documents[1].isEmpty, "document 0 has an empty bag")
        XCTAssertEqual(try store.document(externalID: "doc-14"), documents[2])
        XCTAssertNil(try store.document(externalID: "doc-999"))
    }

    func testLabelQueriesAgreeWithTheStoredDocuments() throws {
        let store = try IndexStore.create(at: temporaryPath())
        let stored = try storeSyntheticDocuments(50, in: store)
        var expectedCounts: [String: Int] = [:]
        for item in stored { for label in Set(item.document.labels) { expectedCounts[label, default: 0] += 1 } }
        XCTAssertEqual(try store.labelCounts(), expectedCounts)
        XCTAssertTrue(expectedCounts.keys.contains("extra/0"), "labels with slashes are covered")

        let labels = try store.labelsByDocument()
        XCTAssertEqual(labels.count, 50)
        for document in try store.documents(ids: stored.map(\.id)) {
            XCTAssertEqual(labels[document.id], document.labels)
        }
    }

    func testUpsertUpdatesInPlaceAndDropsStaleCodesAndTopics() throws {
        let store = try IndexStore.create(at: temporaryPath())
        let stored = try storeSyntheticDocuments(10, in: store)
        let ids = stored.map(\.id)
        let (codes, hashes) = randomCodes(ids: ids, dimension: 4, bits: 8, seed: 2)
        try store.saveCodes(ids: ids, codes: codes, hashes: hashes)
        try store.saveTopics([StoredTopic(id: 0, size: 10, decoderWords: ["a"], distinctiveWords: ["b"],
                                          centroid: [0, 0, 0, 0])],
                             assignments: ids.map { TopicAssignment(documentID: $0, topicID: 0, distance: 1) })

        let replacement = Document(id: "doc-3", title: "New title", text: "new text", labels: ["new"], source: "elsewhere")
        let newBag = BagOfWords(termIDs: [1, 2], counts: [3, 4], outOfVocabularyCount: 1)
        let id = try store.upsertDocument(replacement, bag: newBag, tokenCount: 8)

        XCTAssertEqual(id, stored[3].id, "re-indexing keeps the internal id")
        XCTAssertEqual(try store.documentCount(), 10, "no duplicate row")
        let document = try XCTUnwrap(store.document(externalID: "doc-3"))
        XCTAssertEqual(document.title, "New title")
        XCTAssertEqual(document.labels, ["new"])
        XCTAssertEqual(document.tokenCount, 8)
        XCTAssertEqual(document.excerpt, "new text")
        XCTAssertEqual(try store.bags(ids: [id])[id], newBag)
        let loaded = try XCTUnwrap(store.loadCodes())
        XCTAssertEqual(loaded.ids, ids.filter { $0 != id })
        XCTAssertEqual(try store.documentCount() - loaded.count, 1, "documents without a code")
        XCTAssertEqual(try store.loadTopicAssignments().map(\.documentID), ids.filter { $0 != id })
        XCTAssertEqual(try store.document(externalID: "doc-4")?.title, "Title 4", "other documents unchanged")
    }

    func testUpsertWithTheSameWordsKeepsTheCodeAndTopic() throws {
        let store = try IndexStore.create(at: temporaryPath())
        let stored = try storeSyntheticDocuments(4, in: store)
        let ids = stored.map(\.id)
        let (codes, hashes) = randomCodes(ids: ids, dimension: 4, bits: 8, seed: 3)
        try store.saveCodes(ids: ids, codes: codes, hashes: hashes)
        try store.saveTopics([StoredTopic(id: 0, size: 4, decoderWords: ["a"], distinctiveWords: ["b"],
                                          centroid: [0, 0, 0, 0])],
                             assignments: ids.map { TopicAssignment(documentID: $0, topicID: 0, distance: 1) })
        let bag = try XCTUnwrap(try store.bags(ids: [ids[2]])[ids[2]])
        let retitled = Document(id: "doc-2", title: "Retitled", text: "same words", labels: ["x"], source: "again")
        XCTAssertEqual(try store.upsertDocument(retitled, bag: bag, tokenCount: 5), ids[2])
        XCTAssertEqual(try store.document(externalID: "doc-2")?.title, "Retitled")
        XCTAssertEqual(try XCTUnwrap(store.loadCodes()).ids, ids, "the same words keep their code")
        XCTAssertEqual(try store.loadTopicAssignments().map(\.documentID), ids, "and their topic")
    }

    func testRemovingDocumentsCascadesToCodesAndTopics() throws {
        let store = try IndexStore.create(at: temporaryPath())
        let stored = try storeSyntheticDocuments(12, in: store)
        let ids = stored.map(\.id)
        let (codes, hashes) = randomCodes(ids: ids, dimension: 3, bits: 70, seed: 3)
        try store.saveCodes(ids: ids, codes: codes, hashes: hashes)
        try store.saveTopics([StoredTopic(id: 4, size: 12, decoderWords: [], distinctiveWords: [], centroid: [1, 2, 3])],
                             assignments: ids.map { TopicAssignment(documentID: $0, topicID: 4, distance: 0.5) })

        XCTAssertEqual(try store.removeDocuments(externalIDs: ["doc-2", "doc-7", "not-there", "doc-2"]), ["doc-2", "doc-7"])

        let kept = ids.indices.filter { $0 != 2 && $0 != 7 }
        XCTAssertEqual(try store.documentIDs(), kept.map { ids[$0] })
        let loaded = try XCTUnwrap(store.loadCodes())
        XCTAssertEqual(loaded.ids, kept.map { ids[$0] })
        XCTAssertEqual(loaded.realCodes.values, kept.flatMap { codes.row($0) })
        XCTAssertEqual(loaded.hashes.words, kept.flatMap { hashes.code($0) })
        XCTAssertEqual(try store.documentCount() - loaded.count, 0, "documents without a code")
        XCTAssertEqual(try store.loadTopicAssignments().map(\.documentID), kept.map { ids[$0] })
        XCTAssertEqual(try store.integrityCheck(), [])
    }
}
