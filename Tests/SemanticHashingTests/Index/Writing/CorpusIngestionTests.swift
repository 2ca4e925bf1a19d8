@testable import SemanticHashing
import TestSupport
import XCTest

final class CorpusIngestionTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = try FixturePaths.scratchFolder()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private let documents = [
        Document(id: "a", title: "Rockets", text: "rocket engines burn fuel; the rocket climbs", labels: ["space"]),
        Document(id: "b", title: "Orbits", text: "an orbit around the earth; rocket and orbit", labels: ["space"]),
        Document(id: "c", title: "Bread", text: "bread dough rises; bake the bread", labels: ["cooking"]),
    ]

    private func newStore() throws -> IndexStore {
        try IndexStore.create(at: folder + "/index.sqlite")
    }

    func testChoosesTheVocabularyAndCountsBagsOverIt() throws {
        let store = try newStore()
        let vocabulary = VocabularyConfiguration(size: 3, minimumDocumentFrequency: 1)
        let result = try CorpusIngestion(vocabulary: vocabulary)
            .ingest(ListSource(documents: documents), into: store, describing: "list")
        // Document frequencies: rocket 2, orbit 1, bread 1, ... the top 3 by frequency then term.
        XCTAssertEqual(result.vocabulary.terms.first, "rocket")
        XCTAssertEqual(result.vocabulary.count, 3)
        XCTAssertEqual(try store.loadVocabulary(), result.vocabulary)
        XCTAssertEqual(try store.documentCount(), 3)
        let rocket = try XCTUnwrap(result.vocabulary.id(of: "rocket"))
        let bagA = result.bags[0]
        XCTAssertEqual(bagA.counts[try XCTUnwrap(bagA.termIDs.firstIndex(of: rocket))], 2)
        XCTAssertEqual(bagA.length + Float(bagA.outOfVocabularyCount), 6, "rocket engin burn fuel rocket climb (\"the\" is a stop word)")
    }

    func testReindexingTheSameIDsUpdatesInsteadOfDuplicating() throws {
        let store = try newStore()
        let ingestion = CorpusIngestion(vocabulary: VocabularyConfiguration(size: 10, minimumDocumentFrequency: 1))
        let first = try ingestion.ingest(ListSource(documents: documents), into: store, describing: "list")
        var changed = documents
        changed[0].text = "bread bread bread"
        let second = try ingestion.ingest(ListSource(documents: changed), into: store, describing: "list")
        XCTAssertEqual(first.ids, second.ids)
        XCTAssertEqual(try store.documentCount(), 3)
        XCTAssertFalse(second.builtVocabulary, "the second pass keeps the index's vocabulary")
        XCTAssertEqual(try store.bags(ids: [second.ids[0]])[second.ids[0]], second.bags[0])
    }

    func testAFailingCorpusLeavesTheIndexAsItWas() throws {
        let store = try newStore()
        let ingestion = CorpusIngestion(vocabulary: VocabularyConfiguration(size: 10, minimumDocumentFrequency: 1))
        _ = try ingestion.ingest(ListSource(documents: Array(documents.prefix(1))), into: store, describing: "list")
        XCTAssertThrowsError(try ingestion.ingest(ListSource(documents: documents, failsAtEnd: true), into: store,
                                                  describing: "list"))
        XCTAssertEqual(try store.documentCount(), 1)
        XCTAssertNil(try store.document(externalID: "b"))
    }

    func testTitlesCountOnlyWhenTheyAreAFieldOfTheirOwnAndTheIndexCountsTitles() throws {
        let vocabulary = VocabularyConfiguration(size: 50, minimumDocumentFrequency: 1)
        let titled = documents.map { document -> Document in
            var titled = document
            titled.titleIsSeparateField = true
            return titled
        }
        let withTitles = try CorpusIngestion(vocabulary: vocabulary)
            .ingest(ListSource(documents: titled), into: try newStore(), describing: "list")
        XCTAssertNotNil(withTitles.vocabulary.id(of: "orbit"))
        XCTAssertEqual(withTitles.bags[1].length, 5, "orbit + orbit earth rocket orbit")
        XCTAssertEqual(withTitles.textConfiguration.countsTitles, true)
        try FileManager.default.removeItem(atPath: folder + "/index.sqlite")
        let derivedTitles = try CorpusIngestion(vocabulary: vocabulary)
            .ingest(ListSource(documents: documents), into: try newStore(), describing: "list")
        XCTAssertEqual(derivedTitles.bags[1].length, 4, "a title taken from the text adds no words: orbit earth rocket orbit")
        try FileManager.default.removeItem(atPath: folder + "/index.sqlite")
        let notCounted = try CorpusIngestion(text: TextConfiguration(countsTitles: false), vocabulary: vocabulary)
            .ingest(ListSource(documents: titled), into: try newStore(), describing: "list")
        XCTAssertEqual(notCounted.bags[1].length, 4, "orbit earth rocket orbit")
    }

    func testAJSONLRecordWithoutATitleCountsItsFirstLineOnce() throws {
        let path = folder + "/records.jsonl"
        try Data("""
            {"id": "a", "text": "Orbits\\nan orbit around the earth"}
            {"id": "b", "title": "Orbits", "text": "an orbit around the earth"}

            """.utf8).write(to: URL(fileURLWithPath: path))
        let ingested = try CorpusIngestion(vocabulary: VocabularyConfiguration(size: 50, minimumDocumentFrequency: 1))
            .ingest(JSONLCorpus(path: path), into: try newStore(), describing: "records")
        let orbit = try XCTUnwrap(ingested.vocabulary.id(of: "orbit"))
        XCTAssertEqual(ingested.bags[0].count(of: orbit), 2, "the first line is the title and is in the text once")
        XCTAssertEqual(ingested.bags[1].count(of: orbit), 2, "a title field of its own adds its words")
    }

    func testAnEmptyCorpusIsAnError() throws {
        XCTAssertThrowsError(try CorpusIngestion().ingest(ListSource(documents: []), into: try newStore(),
                                                          describing: "nothing")) { error in
            XCTAssertTrue(String(describing: error).contains("no documents found in nothing"))
        }
    }
}

extension CorpusIngestionTests {
    func testIndexingRecordsEachTermsMostFrequentWord() throws {
        let store = try newStore()
        let texts = ["Rockets and rockets; a rocket.", "The rockets launched.", "Launching rockets, launches"]
        let source = ListSource(documents: texts.enumerated().map { Document(id: "\($0)", title: "", text: $1) })
        let result = try CorpusIngestion(vocabulary: VocabularyConfiguration(size: 10, minimumDocumentFrequency: 1))
            .ingest(source, into: store, describing: "list")
        let stored = try XCTUnwrap(store.loadVocabulary())
        let words = Dictionary(uniqueKeysWithValues: zip(stored.terms, stored.words))
        XCTAssertEqual(words["rocket"], "rockets", "rockets 4 times, rocket once")
        XCTAssertEqual(words["launch"], "launched", "launched, launching and launches once each: the first in byte order")
        XCTAssertEqual(stored, result.vocabulary)
    }

    func testAnIndexFromBeforeWordsGetsThemWhenItsCorpusIsIndexedAgain() throws {
        let path = folder + "/old.sqlite"
        do {
            // A version 1 file, as semhash wrote it before surface words were kept.
            let store = try IndexStore.create(at: path, options: IndexOptions(),
                                              migrations: IndexMigrations([IndexMigrations.schema.migrations[0]]))
            let connection = store.connection
            try connection.execute("""
                INSERT INTO vocabulary(term_id, term, document_frequency) VALUES (0, 'rocket', 2), (1, 'orbit', 1);
                INSERT INTO meta(key, value) VALUES ('vocabulary_document_count', '3');
                """)
        }
        do {
            let reader = try IndexStore.open(at: path, mode: .readOnly)
            XCTAssertEqual(reader.formatVersion, 1, "read as it is, not upgraded")
            XCTAssertEqual(try reader.loadVocabulary()?.words, ["rocket", "orbit"])
        }
        let store = try IndexStore.open(at: path, mode: .readWrite)
        XCTAssertEqual(store.formatVersion, IndexFormat.currentVersion)
        let old = try XCTUnwrap(store.loadVocabulary())
        XCTAssertNil(old.recordedWords)
        XCTAssertEqual(old.words, ["rocket", "orbit"], "until indexed again, the terms are shown")
        // A document that lacks "orbit" records the word of "rocket" only; indexing the rest finds the other.
        _ = try CorpusIngestion().ingest(ListSource(documents: [Document(id: "b", title: "", text: "a rocket")]),
                                         into: store, describing: "list")
        XCTAssertEqual(try store.loadVocabulary()?.words, ["rocket", "orbit"])
        XCTAssertEqual(try store.termIDsWithoutWords(), [1])
        let again = [Document(id: "a", title: "", text: "Rockets, rockets and orbits"), Document(id: "b", title: "", text: "a rocket")]
        _ = try CorpusIngestion().ingest(ListSource(documents: again), into: store, describing: "list")
        XCTAssertEqual(try store.termIDsWithoutWords(), [])
        let upgraded = try XCTUnwrap(store.loadVocabulary())
        XCTAssertEqual(upgraded.terms, old.terms)
        XCTAssertEqual(upgraded.words, ["rocket", "orbits"], "a word once recorded stays")
        XCTAssertNotNil(upgraded.recordedWords)
    }

    func testAVocabularyStoredByAnotherWriterWhileReadingIsNotReplaced() throws {
        let path = folder + "/index.sqlite"
        let store = try IndexStore.create(at: path)
        let other = Array(documents.suffix(1))
        // The other process indexes its corpus into the new index while this one reads its own.
        let racing = CallbackSource(documents: Array(documents.prefix(2))) {
            _ = try CorpusIngestion(vocabulary: VocabularyConfiguration(minimumDocumentFrequency: 1))
                .ingest(ListSource(documents: other), into: try IndexStore.open(at: path, mode: .readWrite), describing: "other")
        }
        XCTAssertThrowsError(try CorpusIngestion().ingest(racing, into: store, describing: "list")) {
            XCTAssertEqual($0 as? IndexError, .changedMeanwhile(path))
        }
        XCTAssertEqual(try store.documentCount(), 1, "the other's documents, and nothing of this run")
        XCTAssertEqual(try store.setting(.corpusSource), "other")
    }

    func testAnAddEncodingWithAModelReplacedWhileReadingStoresNothing() throws {
        let path = folder + "/samples.sqlite"
        let store = try FixturePaths.trainedSamplesIndex(at: path) { $0.fineTuning.epochs = 1 }
        let before = try store.documentCount()
        // Another process saves a model (here the same one again: a new save) while this one reads.
        let racing = CallbackSource(documents: documents) {
            let writer = try IndexStore.open(at: path, mode: .readWrite)
            let saved = try XCTUnwrap(writer.loadModel())
            Thread.sleep(forTimeInterval: 0.005)
            try writer.write { try writer.saveModel(saved) }
        }
        XCTAssertThrowsError(try CorpusIngestion().add(racing, to: store, describing: "list")) {
            XCTAssertEqual($0 as? IndexError, .changedMeanwhile(path))
        }
        XCTAssertEqual(try store.documentCount(), before)
        let (added, _) = try CorpusIngestion().add(ListSource(documents: documents), to: store, describing: "list")
        XCTAssertEqual(added.ids.count, 3, "the same add, run again, stores its documents")
    }
}

/// A corpus in memory that runs `whileReading` once, after yielding its first document: another process's
/// write landing while a corpus is read.
private struct CallbackSource: DocumentSource {
    let documents: [Document]
    let whileReading: @Sendable () throws -> Void

    func forEachDocument(_ body: (Document) throws -> Void) throws -> CorpusReport {
        for (position, document) in documents.enumerated() {
            try body(document)
            if position == 0 { try whileReading() }
        }
        return CorpusReport()
    }
}
