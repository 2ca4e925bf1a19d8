import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// The k-nearest-neighbour graph against a brute-force cosine reference, and the blended targets.
final class NeighbourTargetsTests: XCTestCase {
    private let corpus = SyntheticCorpus(topics: 4, documentsPerTopic: 30, vocabularySize: 60,
                                         wordsPerDocument: 5...40, seed: 23)

    /// Every document's log-TF-IDF vector, dense and in double precision, computed independently.
    private func referenceVectors(_ bags: [BagOfWords], vocabularySize: Int) -> [[Double]] {
        var documentFrequencies = [Double](repeating: 0, count: vocabularySize)
        for bag in bags { for term in bag.termIDs { documentFrequencies[Int(term)] += 1 } }
        let n = Double(bags.count)
        let idf = documentFrequencies.map { log((1 + n) / (1 + $0)) + 1 }
        return bags.map { bag in
            var vector = [Double](repeating: 0, count: vocabularySize)
            for (term, count) in zip(bag.termIDs, bag.counts) { vector[Int(term)] = log(1 + Double(count)) * idf[Int(term)] }
            return vector
        }
    }

    private func cosine(_ a: [Double], _ b: [Double]) -> Double {
        let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        let norms = a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norms > 0 ? dot / norms : 0
    }

    func testNeighboursAreTheMostSimilarDocumentsByBruteForce() {
        let bags = corpus.bags, k = 7
        let graph = DocumentNeighbours(bags: bags, vocabularySize: corpus.vocabularySize, neighbours: k, threads: 2)
        let vectors = referenceVectors(bags, vocabularySize: corpus.vocabularySize)
        for document in bags.indices {
            let similarities = bags.indices.map { $0 == document ? -Double.infinity : cosine(vectors[document], vectors[$0]) }
            let found = graph.neighbours(of: document).map(Int.init)
            XCTAssertEqual(found.count, k)
            XCTAssertFalse(found.contains(document), "a document is not its own neighbour")
            // Tie-aware: the k-th best reference similarity bounds every neighbour from below, and the
            // neighbours come most similar first.
            let kth = similarities.sorted(by: >)[k - 1]
            for neighbour in found { XCTAssertGreaterThanOrEqual(similarities[neighbour], kth - 1e-5, "document \(document)") }
            for (a, b) in zip(found, found.dropFirst()) {
                XCTAssertGreaterThanOrEqual(similarities[a], similarities[b] - 1e-5)
            }
        }
    }

    func testTheGraphIsTheSameForAnyThreadCount() {
        let one = DocumentNeighbours(bags: corpus.bags, vocabularySize: corpus.vocabularySize, neighbours: 5, threads: 1)
        let two = DocumentNeighbours(bags: corpus.bags, vocabularySize: corpus.vocabularySize, neighbours: 5, threads: 2)
        XCTAssertEqual(one, two)
    }

    func testDocumentsSharingNoWordAreNotNeighbours() {
        let bags = [BagOfWords(termIDs: [0, 1], counts: [1, 2]), BagOfWords(termIDs: [1], counts: [3]),
                    BagOfWords(termIDs: [2], counts: [1])]
        let graph = DocumentNeighbours(bags: bags, vocabularySize: 3, neighbours: 2, threads: 1)
        XCTAssertEqual(Array(graph.neighbours(of: 0)), [1])
        XCTAssertEqual(Array(graph.neighbours(of: 1)), [0])
        XCTAssertEqual(Array(graph.neighbours(of: 2)), [])
    }

    func testBlendedTargetsMixOwnAndNeighbourDistributions() {
        let bags = [BagOfWords(termIDs: [0, 1], counts: [1, 3]), BagOfWords(termIDs: [1, 2], counts: [2, 2]),
                    BagOfWords(termIDs: [1, 3], counts: [1, 1]), BagOfWords(termIDs: [4], counts: [5])]
        let graph = DocumentNeighbours(bags: bags, vocabularySize: 5, neighbours: 2, threads: 1)
        XCTAssertEqual(Set(graph.neighbours(of: 0)), [1, 2])
        var batch = VisibleBatch(bags: bags, indices: [0, 3], vocabularySize: 5, transform: .counts)
        batch.blendTargets(withNeighboursOf: [0, 3], in: graph, bags: bags, weight: 0.4)
        let target = batch.wordDistribution!
        // Document 0: 0.6 · (1/4, 3/4, 0, 0, 0) + 0.4 · mean((0, 1/2, 1/2, 0, 0), (0, 1/2, 0, 1/2, 0)).
        let expected: [Float] = [0.15, 0.45 + 0.2, 0.1, 0.1, 0]
        for column in 0..<5 { XCTAssertEqual(target[0, column], expected[column], accuracy: 1e-6) }
        // Document 3 shares no word: it keeps its own target.
        XCTAssertEqual((0..<5).map { target[1, $0] }, [0, 0, 0, 0, 1])
        XCTAssertEqual((0..<5).reduce(Float(0)) { $0 + target[0, $1] }, 1, accuracy: 1e-6)
    }

    func testNeighbourTargetsTrainDeterministically() throws {
        var configuration = ModelTrainerTests.smallRecipe()
        configuration.fineTuning.neighbourTargets = NeighbourTargets(neighbours: 5, weight: 0.5)
        let matrix = BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)
        let first = try ModelTrainer(configuration: configuration).train(matrix).model
        let second = try ModelTrainer(configuration: configuration).train(matrix).model
        XCTAssertEqual(first.serialized(), second.serialized())
        var plain = configuration
        plain.fineTuning.neighbourTargets = nil
        XCTAssertNotEqual(try ModelTrainer(configuration: plain).train(matrix).model.serialized(), first.serialized())
    }
}
