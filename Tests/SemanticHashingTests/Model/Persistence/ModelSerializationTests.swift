@testable import SemanticHashing
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

    func testHashHeadRoundTripsAndHashesIdentically() throws {
        var configuration = ModelTrainerTests.smallRecipe()
        configuration.hashBits = 12
        configuration.fineTuning.epochs = 2
        let model = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(Self.corpus.bags, width: 30)).model
        let head = try XCTUnwrap(model.hashHead)
        XCTAssertEqual(head.bitCount, 12)
        XCTAssertEqual(head.layers.map(\.outputCount), [16, 12])
        let bytes = model.serialized()
        let restored = try SemanticHashingModel(serialized: bytes)
        XCTAssertEqual(restored, model)
        XCTAssertEqual(restored.hashHead, head)
        XCTAssertEqual(restored.configuration.hashBits, 12)
        let encoded = model.encodeWithHashes(Self.corpus.bags), again = restored.encodeWithHashes(Self.corpus.bags)
        XCTAssertEqual(again.codes.values, encoded.codes.values)
        XCTAssertEqual(again.hashUnits.values, encoded.hashUnits.values)
        XCTAssertEqual(again.hashes, encoded.hashes)
        XCTAssertEqual(encoded.hashes.bitCount, 12)
        XCTAssertEqual(restored.serialized(), bytes)
        // A head that the configuration does not describe is refused.
        var headless = configuration
        headless.hashBits = nil
        let mismatched = SemanticHashingModel(configuration: headless, network: model.network,
                                              hashThresholds: model.hashThresholds, hashHead: head)
        XCTAssertThrowsError(try SemanticHashingModel(serialized: mismatched.serialized())) { error in
            guard case .malformed = error as? ModelError else { return XCTFail("got \(error)") }
        }
    }

    /// A version-3 blob (made before hash heads: no hash-head section, no `hashBits` in its configuration)
    /// still loads, without a hash head, and hashes its codes cut at its thresholds, as it did then.
    func testVersion3ModelLoadsWithoutAHashHeadAndHashesItsCutCodes() throws {
        var configuration = ModelTrainerTests.smallRecipe()
        configuration.hashBits = nil
        configuration.fineTuning.epochs = 2
        let model = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(Self.corpus.bags, width: 30)).model
        XCTAssertNil(model.hashHead)
        let current = model.serialized()
        XCTAssertFalse(String(decoding: current, as: UTF8.self).contains("hashBits"), "no hashBits key when there is none")
        // Version 3 is version 4 without the trailing hash-head count (u32 0), sealed again.
        var writer = SealedBlob.writer(magic: Array("SEMHASHM".utf8), version: 3)
        writer.write(Array(current[20..<(current.count - 12)]))
        let version3 = SealedBlob.seal(&writer, magic: Array("SEMHASHM".utf8))
        XCTAssertEqual(Array(version3[8..<12]), [3, 0, 0, 0])
        let old = try SemanticHashingModel(serialized: version3)
        XCTAssertNil(old.hashHead)
        XCTAssertNil(old.configuration.hashBits)
        XCTAssertEqual(old, model)
        let encoded = old.encodeWithHashes(Self.corpus.bags)
        XCTAssertEqual(encoded.hashes.bitCount, 3)
        XCTAssertEqual(old.hashBitCount, 3)
        for row in Self.corpus.bags.indices {
            for unit in 0..<3 {
                XCTAssertEqual(encoded.hashes.bit(unit, of: row), encoded.codes[row, unit] > old.hashThresholds[unit])
            }
        }
        XCTAssertEqual(encoded.codes.values, model.encode(Self.corpus.bags).values)
    }

    func testLittleEndianHeaderFields() {
        let bytes = Self.model.serialized()
        XCTAssertEqual(Array(bytes[8..<12]), [4, 0, 0, 0], "format version 4")
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
        newer[8] = 5
        XCTAssertEqual(error(newer), .unsupportedVersion(found: 5, supported: 4))
        var older = bytes
        older[8] = 2
        XCTAssertEqual(error(older), .unsupportedVersion(found: 2, supported: 4), "version 2 hashed byte by byte")
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        XCTAssertEqual(error(flipped), .checksumMismatch)
        guard case .malformed = error(bytes + [0]) else { return XCTFail("trailing bytes must be rejected") }
        for blob in [Array(bytes.dropLast(100)), flipped, newer] {
            XCTAssertFalse("\(error(blob)!)".isEmpty)
        }
    }
}
