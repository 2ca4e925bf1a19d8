@testable import SemanticHashing
import TestSupport
import XCTest

/// The encoders `ask` loads for its questions' words only: the same codes and hashes as the whole model, read
/// piecewise from the stored model exactly as cut from the loaded one.
final class ModelEncoderTests: XCTestCase {
    private static let questions = ["rocket launch into orbit", "bake bread with yeast and flour", "zzzz qqqq"]
    private var folder: String!
    private var store: IndexStore!
    private var vocabulary: Vocabulary!
    private var model: SemanticHashingModel!

    override func setUpWithError() throws {
        folder = try FixturePaths.scratchFolder()
        store = try FixturePaths.trainedSamplesIndex(at: folder + "/samples.sqlite") { configuration in
            configuration.fineTuning.epochs = 2
            configuration.pretraining.epochs = 2
            configuration.hashBits = 32
        }
        vocabulary = try XCTUnwrap(store.loadVocabulary())
        model = try XCTUnwrap(store.loadSemanticHashingModel(vocabulary: vocabulary))
        XCTAssertNotNil(model.hashHead, "the fixture model hashes with a hash head")
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Random bags over a few words: the cut encoder gives the whole model's codes, hash units and hashes.
    func testAnEncoderKeepingSomeWordsEncodesTheirBagsAsTheWholeModel() {
        var generator = SeededGenerator(seed: 5)
        let terms: [Int32] = [3, 17, 42, 99, 250, 399]
        let bags = (0..<20).map { _ in
            let chosen = terms.filter { _ in generator.next() % 2 == 0 }
            return BagOfWords(termIDs: chosen, counts: chosen.map { _ in Float(1 + generator.next() % 4) })
        } + [BagOfWords()]
        let whole = model.encodeWithHashes(bags)
        let cut = ModelEncoder(model, keeping: terms.reversed() + [17]).encodeWithHashes(bags)
        XCTAssertEqual(ModelEncoder(model, keeping: terms).keptTerms, terms)
        // The word layer adds its rows word by word in term order, which renumbering keeps: bit for bit.
        XCTAssertEqual(cut.codes, whole.codes)
        XCTAssertEqual(cut.hashUnits, whole.hashUnits)
        XCTAssertEqual(cut.hashes, whole.hashes)
        // Every word kept: the whole model's encoders, bit for bit.
        let all = ModelEncoder(model).encodeWithHashes(bags)
        XCTAssertEqual(all.codes, whole.codes)
        XCTAssertEqual(all.hashes, whole.hashes)
    }

    /// The store reads the kept rows, the upper layers, thresholds and idf piecewise from the stored blob: the
    /// same encoder as cut from the loaded model, value for value, with no word kept as with some.
    func testTheStoreReadsTheSameEncoderPiecewise() throws {
        for terms: [Int32] in [[42, 3, 250], [], Array(0..<Int32(vocabulary.count))] {
            let read = try XCTUnwrap(store.loadEncoder(vocabulary: vocabulary, keeping: terms))
            XCTAssertEqual(read, ModelEncoder(model, keeping: terms))
            XCTAssertEqual(read.vocabularySize, vocabulary.count)
            XCTAssertEqual(read.hashBitCount, 32)
            XCTAssertEqual(read.codeSize, 8)
        }
    }

    /// A blob cut short or with another magic is refused with the model's error, whatever is kept.
    func testADamagedBlobIsRefused() throws {
        let bytes = model.serialized()
        func encoder(_ bytes: [UInt8]) throws -> ModelEncoder {
            try ModelEncoder(serializedByteCount: bytes.count, keeping: [1, 2]) { offset, count in
                Array(bytes[offset..<(offset + count)])
            }
        }
        XCTAssertEqual(try encoder(bytes), ModelEncoder(model, keeping: [1, 2]))
        XCTAssertThrowsError(try encoder(Array(bytes.prefix(bytes.count - 100))))
        var renamed = bytes
        renamed[0] = UInt8(ascii: "X")
        XCTAssertThrowsError(try encoder(renamed)) { XCTAssertEqual($0 as? ModelError, .notAModel) }
        XCTAssertThrowsError(try encoder(Array(bytes.prefix(10))))
    }

    /// A searcher loaded for some questions encodes them as the full searcher does and answers them the same.
    func testASearcherLoadedForItsQuestionsAnswersThemAsTheFullOne() throws {
        let full = try IndexSearcher(store: store)
        let light = try IndexSearcher(store: store, encodingOnly: Self.questions)
        XCTAssertNotEqual(light.encoder.keptTerms, nil)
        for question in Self.questions {
            let expected = full.encode(question), found = light.encode(question)
            XCTAssertEqual(found.bag, expected.bag)
            XCTAssertEqual(found.outOfVocabularyTerms, expected.outOfVocabularyTerms)
            XCTAssertEqual(found.code, expected.code)
            XCTAssertEqual(found.hash, expected.hash)
            let request = SearchRequest(k: 5)
            let answer = try light.answer(question: question, query: found, request: request)
            let reference = try full.answer(question: question, query: expected, request: request)
            XCTAssertEqual(answer.hits.map(\.id), reference.hits.map(\.id), question)
        }
    }
}
