import SemanticHashing
import TestSupport
import XCTest

final class VocabularyBuilderTests: XCTestCase {
    /// Document frequencies computed the plain way: one set per document.
    private func referenceFrequencies(_ documents: [[String]]) -> [String: Int] {
        var frequencies: [String: Int] = [:]
        for document in documents {
            for term in Set(document) { frequencies[term, default: 0] += 1 }
        }
        return frequencies
    }

    private func builder(_ documents: [[String]]) -> VocabularyBuilder {
        var builder = VocabularyBuilder()
        for document in documents { builder.add(documentTerms: document) }
        return builder
    }

    func testCountsEachTermOncePerDocument() {
        let documents = [["a", "a", "b"], ["b", "c"], ["c", "b", "c"], []]
        let built = builder(documents)
        XCTAssertEqual(built.documentCount, 4)
        XCTAssertEqual(built.documentFrequencies, ["a": 1, "b": 3, "c": 2])
    }

    func testMatchesReferenceOnRandomDocuments() {
        var generator = SeededGenerator(seed: 99)
        let documents = (0..<200).map { _ in
            (0..<Int(generator.next() % 40)).map { _ in "t\(generator.next() % 300)" }
        }
        XCTAssertEqual(builder(documents).documentFrequencies, referenceFrequencies(documents))
    }

    func testSelectsHighestFrequenciesWithByteOrderTies() {
        // Frequencies: z 4, a 3, b 3, é 3, Z 3, y 2, x 1.
        let documents = [
            ["z", "a", "b", "é", "Z", "y", "x"], ["z", "a", "b", "é", "Z", "y"], ["z", "a", "b", "é", "Z"], ["z"],
        ]
        let vocabulary = builder(documents).build(configuration: VocabularyConfiguration(size: 4))
        XCTAssertEqual(vocabulary.terms, ["z", "Z", "a", "b"])
        XCTAssertEqual(vocabulary.documentFrequencies, [4, 3, 3, 3])
        XCTAssertEqual(vocabulary.documentCount, 4)
        let all = builder(documents).build(configuration: VocabularyConfiguration(size: 100))
        // The minimum frequency (default 2) drops "x"; fewer terms than the size qualify.
        XCTAssertEqual(all.terms, ["z", "Z", "a", "b", "é", "y"])
    }

    func testFrequencyBoundsFilterTerms() {
        let documents = [["common", "mid", "rare"], ["common", "mid"], ["common"], ["common", "mid"]]
        let built = builder(documents)
        let capped = built.build(configuration: VocabularyConfiguration(
            size: 10, minimumDocumentFrequency: 1, maximumDocumentFrequencyRatio: 0.75))
        // "common" is in 4 of 4 documents (> 0.75); "mid" in 3 of 4 (= 0.75) stays.
        XCTAssertEqual(capped.terms, ["mid", "rare"])
        let frequent = built.build(configuration: VocabularyConfiguration(size: 10, minimumDocumentFrequency: 3))
        XCTAssertEqual(frequent.terms, ["common", "mid"])
    }

    func testMergingEqualsAddingEverything() {
        let first = [["a", "b"], ["b", "c", "c"]]
        let second = [["c", "d"], ["a"], ["d", "d"]]
        var merged = builder(first)
        merged.merge(builder(second))
        XCTAssertEqual(merged.documentCount, 5)
        XCTAssertEqual(merged.documentFrequencies, referenceFrequencies(first + second))
        // Documents added after a merge still count every term once.
        merged.add(documentTerms: ["d", "a", "d"])
        XCTAssertEqual(merged.documentFrequencies, referenceFrequencies(first + second + [["d", "a", "d"]]))
    }

    func testConfigurationRoundTripsThroughJSON() throws {
        let configuration = VocabularyConfiguration(size: 500, minimumDocumentFrequency: 3,
                                                    maximumDocumentFrequencyRatio: 0.4)
        let data = try JSONEncoder().encode(configuration)
        XCTAssertEqual(try JSONDecoder().decode(VocabularyConfiguration.self, from: data), configuration)
    }

    func testStoredConfigurationsTheInitializerRefusesFailToDecode() {
        for json in [#"{"size":0,"minimumDocumentFrequency":2,"maximumDocumentFrequencyRatio":1}"#,
                     #"{"size":10,"minimumDocumentFrequency":0,"maximumDocumentFrequencyRatio":1}"#,
                     #"{"size":10,"minimumDocumentFrequency":2,"maximumDocumentFrequencyRatio":1.5}"#] {
            XCTAssertThrowsError(try JSONDecoder().decode(VocabularyConfiguration.self, from: Data(json.utf8)), json) {
                guard case DecodingError.dataCorrupted = $0 else { return XCTFail("\($0)") }
            }
        }
    }
}
