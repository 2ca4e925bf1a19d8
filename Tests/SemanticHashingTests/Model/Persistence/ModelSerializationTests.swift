import SemanticHashing
import TestSupport
import XCTest

final class ModelSerializationTests: XCTestCase {
    private static let corpus = SyntheticCorpus(topics: 3, documentsPerTopic: 20, vocabularySize: 30,
                                                wordsPerDocument: 10...40, seed: 3)
    private static let model: SemanticHashingModel = {
        var configuration = ModelTrainerTests.smallConfiguration(code: .logistic)
        configuration.pretraining.epochs = 2
        configuration.fineTuning.epochs = 2
        return try! ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(corpus.bags, width: 30)).model
    }()

    func testRoundTripGivesAnIdenticalModelAndCodes() throws {
        let bytes = Self.model.serialized()
        XCTAssertEqual(Array(bytes.prefix(8)), Array("SEMHASHM".utf8))
        let restored = try SemanticHashingModel(serialized: bytes)
        XCTAssertEqual(restored, Self.model)
        XCTAssertEqual(restored.configuration, Self.model.configuration)
        let codes = Self.model.encode(Self.corpus.bags)
        XCTAssertEqual(restored.encode(Self.corpus.bags).values, codes.values)
        XCTAssertEqual(restored.encodeWithHashes(Self.corpus.bags).hashes, Self.model.encodeWithHashes(Self.corpus.bags).hashes)
        XCTAssertEqual(restored.serialized(), bytes)
    }

    func testRecipeModelRoundTripsItsIdfAndEncodesIdentically() throws {
        var configuration = ModelTrainerTests.smallRecipe()
        configuration.fineTuning.epochs = 2
        let model = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(Self.corpus.bags, width: 30)).model
        let idf = try XCTUnwrap(model.network.inputWeighting).inverseDocumentFrequencies
        XCTAssertEqual(idf.count, 30)
        let restored = try SemanticHashingModel(serialized: model.serialized())
        XCTAssertEqual(restored.network.inputWeighting, model.network.inputWeighting)
        XCTAssertEqual(restored.network.inputWeighting?.scale, 40)
        XCTAssertEqual(restored, model)
        XCTAssertEqual(restored.encode(Self.corpus.bags).values, model.encode(Self.corpus.bags).values)
    }

    func testLittleEndianHeaderFields() {
        let bytes = Self.model.serialized()
        XCTAssertEqual(Array(bytes[8..<12]), [3, 0, 0, 0], "format version 3")
        let length = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[12 + $1]) << (8 * UInt64($1)) }
        XCTAssertEqual(length, UInt64(bytes.count))
    }

    func testDamagedBlobsGiveClearErrors() {
        let bytes = Self.model.serialized()
        func error(_ blob: [UInt8]) -> ModelError? {
            do {
                _ = try SemanticHashingModel(serialized: blob)
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(error([]), .notAModel)
        XCTAssertEqual(error(Array("SQLite format 3\0".utf8) + bytes), .notAModel)
        XCTAssertEqual(error(Array(bytes.prefix(5))), .truncated(expectedBytes: 20, actualBytes: 5))
        XCTAssertEqual(error(Array(bytes.dropLast(100))), .truncated(expectedBytes: bytes.count, actualBytes: bytes.count - 100))
        var newer = bytes
        newer[8] = 4
        XCTAssertEqual(error(newer), .unsupportedVersion(found: 4, supported: 3))
        var older = bytes
        older[8] = 2
        XCTAssertEqual(error(older), .unsupportedVersion(found: 2, supported: 3), "version 2 hashed byte by byte")
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        XCTAssertEqual(error(flipped), .checksumMismatch)
        guard case .malformed = error(bytes + [0]) else { return XCTFail("trailing bytes must be rejected") }
        for blob in [Array(bytes.dropLast(100)), flipped, newer] {
            XCTAssertFalse("\(error(blob)!)".isEmpty)
        }
    }
}
