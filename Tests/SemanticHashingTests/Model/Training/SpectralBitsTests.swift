import Foundation
@testable import SemanticHashing
import TestSupport
import XCTest

/// The spectral teacher: median cuts, the bits of a topical corpus's neighbour graph, and training with the
/// teacher (its effect on the hash units, determinism, resuming).
final class SpectralBitsTests: XCTestCase {
    private let corpus = SyntheticCorpus(topics: 4, documentsPerTopic: 30, vocabularySize: 60,
                                         wordsPerDocument: 15...50, seed: 29)

    func testTheMedianCutGivesBalancedBitsToTheLargestValues() {
        var random = RandomSource(seed: 3)
        for count in [1, 2, 7, 100, 101] {
            let values = (0..<count).map { _ in Double(random.gaussian()) }
            let bits = SpectralBits.medianCut(values)
            XCTAssertEqual(bits.reduce(0, +), Float(count / 2), "\(count) values")
            let smallestOne = zip(values, bits).filter { $0.1 == 1 }.map(\.0).min() ?? .infinity
            let largestZero = zip(values, bits).filter { $0.1 == 0 }.map(\.0).max() ?? -.infinity
            XCTAssertGreaterThan(smallestOne, largestZero, "\(count) values")
        }
        // Ties at the median still split the values in half, the lower indices first.
        XCTAssertEqual(SpectralBits.medianCut([1, 1, 1, 1, 0, 2]), [1, 1, 0, 0, 0, 1])
    }

    func testBitsOfATopicalCorpusAreBalancedAndFollowTheTopics() throws {
        let graph = DocumentNeighbours(bags: corpus.bags, vocabularySize: corpus.vocabularySize, neighbours: 8,
                                       threads: 1)
        let teacher = try SpectralBits(graph: graph, bitCount: 3, seed: 1, threads: 1)
        let n = corpus.bags.count
        XCTAssertEqual(teacher.bits.columns, 3)
        for bit in 0..<3 { XCTAssertEqual((0..<n).reduce(Float(0)) { $0 + teacher.bits[$1, bit] }, Float(n / 2)) }
        // Four topics, weakly linked: three small eigenvalues after the trivial one, whose bits tell the topics apart.
        XCTAssertEqual(teacher.eigenvalues.count, 3)
        XCTAssertLessThan(teacher.eigenvalues.max()!, 0.5, "\(teacher.eigenvalues)")
        var within = (0.0, 0.0), between = (0.0, 0.0)
        for a in 0..<n {
            for b in 0..<a {
                let distance = Double((0..<3).filter { teacher.bits[a, $0] != teacher.bits[b, $0] }.count)
                if corpus.labels[a] == corpus.labels[b] { within = (within.0 + distance, within.1 + 1) }
                else { between = (between.0 + distance, between.1 + 1) }
            }
        }
        XCTAssertLessThan(within.0 / within.1, 0.3, "mean Hamming distance within a topic")
        XCTAssertGreaterThan(between.0 / between.1, 1.5, "mean Hamming distance between topics")
    }

    /// The hash-head recipe of the checkpoint tests, with a teacher.
    private static func teacherRecipe(weight: Float) -> ModelConfiguration {
        var configuration = ModelTrainerTests.smallRecipe()
        configuration.hashBits = 3
        configuration.fineTuning.epochs = 8
        configuration.fineTuning.spectralTeacher = SpectralTeacher(weight: weight, neighbours: 8)
        return configuration
    }

    func testTheTeacherMakesTheHashUnitsAgreeWithTheSpectralBits() throws {
        let matrix = BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)
        let graph = DocumentNeighbours(bags: corpus.bags, vocabularySize: corpus.vocabularySize, neighbours: 8,
                                       threads: 1)
        let teacher = try SpectralBits(graph: graph, bitCount: 3, seed: ModelTrainerTests.smallRecipe().seed, threads: 1)
        func agreement(_ configuration: ModelConfiguration) throws -> Double {
            let model = try ModelTrainer(configuration: configuration).train(matrix).model
            let hashes = model.encodeWithHashes(corpus.bags).hashes
            var agreeing = 0
            for document in corpus.bags.indices {
                for bit in 0..<3 where hashes.bit(bit, of: document) == (teacher.bits[document, bit] == 1) { agreeing += 1 }
            }
            return Double(agreeing) / Double(corpus.bags.count * 3)
        }
        for wordLayers in HashHeadWordLayers.allCases {
            var taught = Self.teacherRecipe(weight: 20)
            taught.fineTuning.hashHeadWordLayers = wordLayers
            var untaught = taught
            untaught.fineTuning.spectralTeacher = nil
            let taughtAgreement = try agreement(taught)
            XCTAssertGreaterThan(taughtAgreement, try agreement(untaught) + 0.1, "\(wordLayers)")
            // Retrained, the whole encoder follows the teacher; kept, only the layers above the first hidden layer.
            XCTAssertGreaterThan(taughtAgreement, wordLayers == .retrained ? 0.9 : 0.7, "\(wordLayers)")
        }
    }

    func testTrainingWithTheTeacherIsDeterministicAndChangesTheModel() throws {
        let matrix = BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize)
        let first = try ModelTrainer(configuration: Self.teacherRecipe(weight: 2)).train(matrix)
        let second = try ModelTrainer(configuration: Self.teacherRecipe(weight: 2)).train(matrix)
        XCTAssertEqual(first.model.serialized(), second.model.serialized())
        XCTAssertNotNil(first.report.spectralBitsSeconds)
        XCTAssertTrue(first.report.description.contains("spectral bits"), first.report.description)
        var plain = Self.teacherRecipe(weight: 2)
        plain.fineTuning.spectralTeacher = nil
        let untaught = try ModelTrainer(configuration: plain).train(matrix)
        XCTAssertNil(untaught.report.spectralBitsSeconds)
        XCTAssertEqual(untaught.model.hashHead?.layers.count, first.model.hashHead?.layers.count)
        XCTAssertNotEqual(untaught.model.hashHead, first.model.hashHead)
        // The real code is trained before the teacher's run: the teacher changes the hash head only.
        XCTAssertEqual(untaught.model.network.layers, first.model.network.layers)
    }

    func testAStoredConfigurationKeepsItsTeacherAndOneWithoutReadsAsNone() throws {
        let taught = Self.teacherRecipe(weight: 2.5)
        let decoded = try JSONDecoder().decode(ModelConfiguration.self, from: JSONEncoder().encode(taught))
        XCTAssertEqual(decoded.fineTuning.spectralTeacher, SpectralTeacher(weight: 2.5, neighbours: 8))
        var plain = taught
        plain.fineTuning.spectralTeacher = nil
        let json = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        XCTAssertFalse(json.contains("spectralTeacher"), json)
        XCTAssertNil(try JSONDecoder().decode(ModelConfiguration.self, from: Data(json.utf8)).fineTuning.spectralTeacher)
    }

    func testInvalidTeachersAreRefused() {
        for teacher in [SpectralTeacher(weight: 0), SpectralTeacher(weight: -1), SpectralTeacher(weight: .nan),
                        SpectralTeacher(weight: 1, neighbours: 0)] {
            var configuration = Self.teacherRecipe(weight: 1)
            configuration.fineTuning.spectralTeacher = teacher
            XCTAssertThrowsError(try configuration.validate(), "\(teacher)") { error in
                guard case .invalidConfiguration(let reason) = error as? TrainingError else { return XCTFail("\(error)") }
                XCTAssertTrue(reason.contains("spectral teacher"), reason)
            }
        }
        var tooManyBits = Self.teacherRecipe(weight: 1)
        tooManyBits.hashBits = 200
        XCTAssertThrowsError(try ModelTrainer(configuration: tooManyBits)
            .train(BagOfWordsMatrix(corpus.bags, width: corpus.vocabularySize))) { error in
            guard case .invalidConfiguration(let reason) = error as? TrainingError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("more training documents"), reason)
        }
    }
}
