import Foundation
import SemanticHashing
import TestSupport
import XCTest

final class TopicModelTests: XCTestCase {
    /// Three blobs of 60, 40 and 20 documents in 2-D; blob j's documents use word j + 1 three times and
    /// "common" twice. Labels: the blob's name, and every fifth document also carries "extra".
    private struct Corpus {
        let codes: Matrix
        let blobs: [Int]
        let documents: [BagOfWords]
        let labels: [[String]]
        let vocabulary = Vocabulary(terms: ["common", "hockey", "orbit", "engine"], documentFrequencies: [120, 60, 40, 20],
                                    documentCount: 120)
        let centres = Matrix(rows: 3, columns: 2, values: [0, 0, 10, 0, 0, 10])
        static let names = ["sport", "space", "cars"]

        init() {
            var generator = SeededGenerator(seed: 31)
            (codes, blobs) = gaussianBlobs(centres: centres, sizes: [60, 40, 20], spread: 0.7, generator: &generator)
            documents = blobs.map { BagOfWords(termIDs: [0, Int32($0 + 1)], counts: [2, 3]) }
            labels = blobs.enumerated().map { index, blob in index % 5 == 0 ? [Self.names[blob], "extra"] : [Self.names[blob]] }
        }

        /// Word j + 1 is likelier the closer the code is to centre j; "common" gets a small constant weight.
        func decode(_ codes: Matrix) -> Matrix {
            var distributions = Matrix(rows: codes.rows, columns: 4)
            for row in 0..<codes.rows {
                var weights: [Float] = [0.05]
                for blob in 0..<3 {
                    let distance = Float(naiveSquaredDistance(codes.row(row), centres.row(blob)))
                    weights.append(exp(-distance / 10))
                }
                let total = weights.reduce(0, +)
                for term in 0..<4 { distributions[row, term] = weights[term] / total }
            }
            return distributions
        }
    }

    func testTopicsOrderedBySizeAndNamedBothWays() throws {
        let corpus = Corpus()
        let configuration = TopicConfiguration(count: .fixed(3), wordsPerTopic: 2, centralDocumentsPerTopic: 4, labelsPerTopic: 2)
        let model = try TopicModel(codes: corpus.codes, documents: corpus.documents, vocabulary: corpus.vocabulary,
                                   labels: corpus.labels, configuration: configuration, decoder: corpus.decode)
        XCTAssertEqual(model.topics.map(\.id), [0, 1, 2])
        XCTAssertEqual(model.topics.map(\.size), [60, 40, 20])
        for (document, blob) in corpus.blobs.enumerated() { XCTAssertEqual(model.documentTopics[document].topic, blob) }
        let words = ["hockey", "orbit", "engine"]
        for topic in model.topics {
            XCTAssertEqual(topic.decoderWords.map(\.term), [words[topic.id], "common"])
            XCTAssertEqual(topic.distinctiveWords.map(\.term), [words[topic.id], "common"])
            XCTAssertEqual(topic.dominantLabels.first?.label, Corpus.names[topic.id])
            XCTAssertEqual(topic.dominantLabels.first?.share, 1)
            XCTAssertEqual(topic.dominantLabels.last?.label, "extra")
            let extra = corpus.labels.indices.filter { corpus.blobs[$0] == topic.id && $0 % 5 == 0 }.count
            XCTAssertEqual(topic.dominantLabels.last?.count, extra)
        }
        XCTAssertEqual(model.labelAgreement?.normalizedMutualInformation ?? 0, 1, accuracy: 1e-12)
        XCTAssertEqual(model.labelAgreement?.purity, 1)
        XCTAssertEqual(model.labelAgreement?.documentCount, 120)
        XCTAssertGreaterThan(model.silhouette, 0.7)
    }

    func testDistancesAndCentralDocuments() throws {
        let corpus = Corpus()
        let model = try TopicModel(codes: corpus.codes, documents: corpus.documents, vocabulary: corpus.vocabulary,
                                   configuration: TopicConfiguration(count: .fixed(3)), decoder: corpus.decode)
        for (document, assigned) in model.documentTopics.enumerated() {
            let expected = naiveSquaredDistance(corpus.codes.row(document), model.topics[assigned.topic].centroid).squareRoot()
            XCTAssertEqual(Double(assigned.distance), expected, accuracy: 1e-4)
        }
        for topic in model.topics {
            let members = model.documentTopics.indices.filter { model.documentTopics[$0].topic == topic.id }
            let nearest = members.sorted { model.documentTopics[$0].distance < model.documentTopics[$1].distance }
            XCTAssertEqual(topic.centralDocuments, Array(nearest.prefix(5)))
            XCTAssertTrue(topic.dominantLabels.isEmpty)
        }
        XCTAssertNil(model.labelAgreement)
        XCTAssertEqual(model.assign(corpus.codes), model.documentTopics)
    }

    func testAutomaticCountFindsTheBlobsAndMatchesFixed() throws {
        var generator = SeededGenerator(seed: 41)
        var centres = Matrix(rows: 7, columns: 10)
        for blob in 0..<7 { centres[blob, blob] = 12 }
        let (codes, blobs) = gaussianBlobs(centres: centres, sizes: Array(repeating: 50, count: 7), spread: 0.6, generator: &generator)
        let documents = blobs.map { BagOfWords(termIDs: [Int32($0)], counts: [5]) }
        let vocabulary = Vocabulary(terms: ["one", "two", "three", "four", "five", "six", "seven"], documentFrequencies: Array(repeating: 50, count: 7), documentCount: 350)
        let decoder = { (codes: Matrix) in Matrix(rows: codes.rows, columns: 7, repeating: 1.0 / 7) }
        let automatic = try TopicModel(codes: codes, documents: documents, vocabulary: vocabulary,
                                       configuration: TopicConfiguration(count: .automatic(2...12), restarts: 3), decoder: decoder)
        XCTAssertEqual(automatic.topics.count, 7)
        XCTAssertEqual(ClusteringAgreement.normalizedMutualInformation(clusters: automatic.documentTopics.map(\.topic), classes: blobs), 1, accuracy: 1e-12)
        // Coarse counts 2, 4, ..., 12 (stride 2), then the neighbours of the best.
        let tried = automatic.countScores.map(\.count)
        XCTAssertTrue(Set([2, 4, 6, 8, 10, 12, 7]).isSubset(of: tried), "tried \(tried)")
        XCTAssertEqual(automatic.countScores.max { $0.silhouette < $1.silhouette }?.count, 7)
        let fixed = try TopicModel(codes: codes, documents: documents, vocabulary: vocabulary,
                                   configuration: TopicConfiguration(count: .fixed(7), restarts: 3), decoder: decoder)
        XCTAssertEqual(fixed.topics, automatic.topics)
        XCTAssertEqual(fixed.silhouette, automatic.silhouette)

        // Comparing counts on a sample of 150 of the 350 codes finds the same count, then fits all codes.
        let sampled = try TopicModel(codes: codes, documents: documents, vocabulary: vocabulary,
                                     configuration: TopicConfiguration(count: .automatic(2...12), restarts: 3, countSearchSampleSize: 150),
                                     decoder: decoder)
        XCTAssertEqual(sampled.topics, fixed.topics)
        XCTAssertNotEqual(sampled.countScores, automatic.countScores)
        XCTAssertEqual(sampled.countScores.max { $0.silhouette < $1.silhouette }?.count, 7)
    }

    /// A count range whose smallest count is beyond the sample the search compares counts on grows the sample
    /// to hold the range, rather than stopping the program on an empty range.
    func testACountRangeBeyondTheSearchSampleGrowsTheSample() throws {
        let corpus = Corpus()
        let model = try TopicModel(codes: corpus.codes, documents: corpus.documents, vocabulary: corpus.vocabulary,
                                   configuration: TopicConfiguration(count: .automatic(40...44), restarts: 1,
                                                                     countSearchSampleSize: 30),
                                   decoder: corpus.decode)
        XCTAssertTrue((40...44).contains(model.topics.count), "\(model.topics.count) topics")
        XCTAssertEqual(model.countScores.map(\.count).min(), 40)
    }

    func testReproducible() throws {
        let corpus = Corpus()
        func discover() throws -> TopicModel {
            try TopicModel(codes: corpus.codes, documents: corpus.documents, vocabulary: corpus.vocabulary, labels: corpus.labels,
                           configuration: TopicConfiguration(count: .fixed(5)), decoder: corpus.decode)
        }
        XCTAssertEqual(try discover(), try discover())
    }

    func testUserErrors() {
        let corpus = Corpus()
        func discover(_ count: TopicCount, documents: Int = 120) -> TopicError? {
            do {
                _ = try TopicModel(codes: corpus.codes.rows(0..<documents), documents: Array(corpus.documents.prefix(documents)),
                                   vocabulary: corpus.vocabulary, configuration: TopicConfiguration(count: count), decoder: corpus.decode)
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(discover(.fixed(0)), .invalidCount(.fixed(0)))
        XCTAssertEqual(discover(.automatic(1...4)), .invalidCount(.automatic(1...4)))
        XCTAssertEqual(discover(.fixed(4), documents: 3), .tooFewDocuments(documents: 3, topics: 4))
        XCTAssertEqual(discover(.automatic(5...40), documents: 5), .tooFewDocuments(documents: 5, topics: 5))
        XCTAssertEqual(discover(.fixed(2), documents: 0), .noDocuments)
        XCTAssertNil(discover(.automatic(2...40), documents: 6))
        XCTAssertEqual(TopicError.tooFewDocuments(documents: 3, topics: 4).description, "cannot find 4 topics in 3 documents")
    }

    func testCountTextAndConfigurationCoding() throws {
        XCTAssertEqual(TopicCount("20"), .fixed(20))
        XCTAssertEqual(TopicCount("auto"), .automatic(5...40))
        XCTAssertEqual(TopicCount("3...9"), .automatic(3...9))
        XCTAssertNil(TopicCount("9...3"))
        XCTAssertNil(TopicCount("many"))
        let configuration = TopicConfiguration(count: .automatic(4...12), seed: 9)
        let data = try JSONEncoder().encode(configuration)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"count\":\"4...12\""))
        XCTAssertEqual(try JSONDecoder().decode(TopicConfiguration.self, from: data), configuration)
        let defaults = TopicConfiguration()
        XCTAssertEqual([defaults.wordsPerTopic, defaults.restarts, defaults.silhouetteSampleSize], [10, 10, 2000])
        XCTAssertEqual(defaults.count, .fixed(20))
        XCTAssertEqual(defaults.seed, 1)
    }
}
