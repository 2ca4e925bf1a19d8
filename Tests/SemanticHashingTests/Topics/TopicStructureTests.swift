import Foundation
import SemanticHashing
import TestSupport
import XCTest

/// The unassigned group, the topic tree and the map's embedding on synthetic codes.
final class TopicStructureTests: XCTestCase {
    private let vocabulary = Vocabulary(terms: ["space", "orbit", "hockey", "puck", "m", "q"],
                                        documentFrequencies: [1, 1, 1, 1, 1, 1], documentCount: 1)

    func testShortAndMostlyNonWordDocumentsAreUnassignedAndKeptOutOfTopics() throws {
        var generator = SeededGenerator(seed: 7)
        let centres = Matrix(rows: 2, columns: 3, values: [0, 0, 0, 8, 8, 8])
        let (codes, blobs) = gaussianBlobs(centres: centres, sizes: [30, 30], spread: 0.5, generator: &generator)
        var documents = blobs.map { BagOfWords(termIDs: $0 == 0 ? [0, 1] : [2, 3], counts: [3, 3]) }
        documents[4] = BagOfWords(termIDs: [0, 1], counts: [2, 2])        // 4 words: too few
        documents[5] = BagOfWords()                                         // empty
        documents[40] = BagOfWords(termIDs: [2, 4, 5], counts: [2, 3, 3])  // 6 of 8 tokens are "m" and "q"
        documents[41] = BagOfWords(termIDs: [2, 4, 5], counts: [4, 2, 2])  // half: still placed
        let model = try TopicModel(codes: codes, documents: documents, vocabulary: vocabulary,
                                   configuration: TopicConfiguration(count: .fixed(2), restarts: 2),
                                   decoder: { Matrix(rows: $0.rows, columns: 6, repeating: 1.0 / 6) })
        XCTAssertEqual(model.unassigned.documents, [4, 5, 40])
        XCTAssertEqual(model.unassigned.tooFewWords, 2)
        XCTAssertEqual(model.unassigned.mostlyNonWords, 1)
        for document in [4, 5, 40] {
            XCTAssertEqual(model.documentTopics[document].topic, UnassignedGroup.id)
            XCTAssertEqual(model.documentTopics[document].distance, 0)
        }
        XCTAssertEqual(model.topics.map(\.size).reduce(0, +), 57)
        XCTAssertTrue(model.documentTopics[41].topic >= 0)
        XCTAssertEqual(model.unassigned.commonWords.map(\.term), ["space", "orbit", "hockey", "m", "q"],
                       "each in one of the three: ties by term id")
        XCTAssertEqual(model.unassigned.commonWords.first?.weight ?? 0, 1.0 / 3, accuracy: 1e-6)
        for topic in model.topics {
            XCTAssertFalse(topic.distinctiveWords.contains { ["m", "q"].contains($0.word) }, "no one-letter topic words")
            XCTAssertFalse(topic.decoderWords.contains { ["m", "q"].contains($0.word) })
        }
        XCTAssertEqual(TopicWord.readableTerms(of: vocabulary), [true, true, true, true, false, false])
        XCTAssertEqual(UnassignedGroup.reason(for: BagOfWords(termIDs: [0], counts: [5]),
                                              readable: TopicWord.readableTerms(of: vocabulary),
                                              configuration: TopicConfiguration(minimumDocumentWords: 6)), .tooFewWords)
        XCTAssertEqual(UnassignedGroup.reason(for: BagOfWords(), readable: TopicWord.readableTerms(of: vocabulary),
                                              configuration: TopicConfiguration(minimumDocumentWords: 0)), .tooFewWords,
                       "a wordless document is never placed, whatever the minimum")
        XCTAssertNil(UnassignedGroup.reason(for: BagOfWords(termIDs: [0], counts: [1]),
                                            readable: TopicWord.readableTerms(of: vocabulary),
                                            configuration: TopicConfiguration(minimumDocumentWords: 0)))
    }

    func testTheTreeJoinsTheNearTopicsFirst() {
        // Two pairs of topics: 0 and 1 near each other, 2 and 3 near each other, the pairs far apart.
        let centroids = Matrix(rows: 4, columns: 2, values: [0, 0, 1, 0, 20, 20, 20, 21.5])
        let tree = TopicTree(centroids: centroids, sizes: [10, 10, 5, 5]) { topics in
            [TopicWord(term: topics.map(String.init).joined(separator: "+"), weight: 1)]
        }
        XCTAssertEqual(tree.nodes.count, 7)
        XCTAssertEqual(tree.nodes[4].children, [0, 1])
        XCTAssertEqual(tree.nodes[4].height, (2.0 * 10 * 10 / 20).squareRoot() * 1, accuracy: 1e-9)
        XCTAssertEqual(tree.nodes[5].children, [2, 3])
        XCTAssertEqual(tree.nodes[5].height, (2.0 * 5 * 5 / 10).squareRoot() * 1.5, accuracy: 1e-9)
        XCTAssertEqual(tree.root.topics, [0, 1, 2, 3])
        XCTAssertEqual(tree.root.size, 30)
        XCTAssertEqual(tree.root.children, [4, 5])
        XCTAssertGreaterThan(tree.root.height, tree.nodes[5].height)
        XCTAssertEqual(tree.root.words.first?.term, "0+1+2+3")
        XCTAssertEqual(tree.lines(), [
            "4 topics (30): 0+1+2+3",
            "├─ 2 topics (20): 0+1",
            "│  ├─ topic 0 (10): 0",
            "│  └─ topic 1 (10): 1",
            "└─ 2 topics (10): 2+3",
            "   ├─ topic 2 (5): 2",
            "   └─ topic 3 (5): 3",
        ])
    }

    func testTheEmbeddingKeepsWellSeparatedClustersApart() throws {
        var generator = SeededGenerator(seed: 11)
        var centres = Matrix(rows: 4, columns: 10)
        for blob in 0..<4 { centres[blob, blob] = 10 }
        let (points, blobs) = gaussianBlobs(centres: centres, sizes: [60, 60, 60, 60], spread: 1, generator: &generator)
        let embedding = NeighbourEmbedding(perplexity: 20, iterations: 500)
        let map = try embedding.embed(points)
        XCTAssertEqual(map.rows, 240)
        XCTAssertEqual(map.columns, 2)
        // Every point's nearest neighbour on the map is from its own cluster, and each cluster's extent is
        // smaller than the gap to the nearest other cluster.
        func distance(_ i: Int, _ j: Int) -> Double { naiveSquaredDistance(map.row(i), map.row(j)).squareRoot() }
        for i in 0..<240 {
            let nearest = (0..<240).filter { $0 != i }.min { distance(i, $0) < distance(i, $1) }!
            XCTAssertEqual(blobs[nearest], blobs[i], "point \(i)")
        }
        for blob in 0..<4 {
            let inside = (0..<240).filter { blobs[$0] == blob }, outside = (0..<240).filter { blobs[$0] != blob }
            let diameter = inside.flatMap { i in inside.map { distance(i, $0) } }.max()!
            let gap = inside.flatMap { i in outside.map { distance(i, $0) } }.min()!
            XCTAssertGreaterThan(gap, 0.2 * diameter, "cluster \(blob) stands apart")
        }
        XCTAssertEqual(try embedding.embed(points), map, "deterministic")
    }
}
