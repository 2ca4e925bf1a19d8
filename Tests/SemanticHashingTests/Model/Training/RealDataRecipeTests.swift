import Foundation
import SemanticHashing
import TestSupport
import XCTest

/// Trains the default recipe on 20 Newsgroups exported as dense count matrices (see
/// `RealDataEvaluationTests` for the format) and prints p@100 with wall times. Skipped unless
/// `SEMHASH_RECIPE_DATA` names such a directory; meant for release builds:
/// `SEMHASH_RECIPE_DATA=/tmp/semhash-data swift test -c release --filter RealDataRecipeTests`.
/// `SEMHASH_RECIPE_LAYERS=500,250,125` changes the hidden layers; `SEMHASH_RECIPE_HASH=0` skips the
/// 32-bit hash model. Asserts the project's bar, p@100 ≥ 0.30.
final class RealDataRecipeTests: XCTestCase {
    func testDefaultRecipeOnExportedCounts() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment["SEMHASH_RECIPE_DATA"] else {
            throw XCTSkip("set SEMHASH_RECIPE_DATA to a directory of exported count matrices")
        }
        let export = try ExportedCounts.collection(in: URL(fileURLWithPath: path))
        let (database, queries) = (export.database, export.queries)
        let evaluator = RetrievalEvaluator(labels: export.labels)
        var configuration = ModelConfiguration()
        if let layers = environment["SEMHASH_RECIPE_LAYERS"] {
            configuration.hiddenLayers = layers.split(separator: ",").compactMap { Int($0) }
        }

        let real = try train(configuration, database, export.vocabularySize)
        let codes = (database: real.encode(database), queries: real.encode(queries))
        let euclidean = evaluator.evaluate(EuclideanCodes(name: "euclidean", database: codes.database, queries: codes.queries))
        let cosine = evaluator.evaluate(CosineCodes(name: "cosine", database: codes.database, queries: codes.queries))
        print(String(format: "%@ p@100 Euclidean %.4f cosine %.4f", real.architectureDescription,
                     euclidean.precision(atCutoff: 100)!, cosine.precision(atCutoff: 100)!))
        XCTAssertGreaterThanOrEqual(euclidean.precision(atCutoff: 100)!, 0.30)

        guard environment["SEMHASH_RECIPE_HASH"] != "0" else { return }
        configuration.codeSize = 32
        configuration.codeUnits = .logistic
        configuration.hashThreshold = .midpoint
        let hashing = try train(configuration, database, export.vocabularySize)
        let hashes = HammingCodes(name: "hamming", database: hashing.encodeWithHashes(database).hashes,
                                  queries: hashing.encodeWithHashes(queries).hashes)
        let hamming = evaluator.evaluate(hashes)
        let trainingCodes = hashing.encode(database)
        let medians = (0..<trainingCodes.columns).map { unit in
            (0..<trainingCodes.rows).map { trainingCodes[$0, unit] }.sorted()[trainingCodes.rows / 2]
        }
        let medianHamming = evaluator.evaluate(HammingCodes(
            name: "hamming-median", database: BinaryCodes(thresholding: trainingCodes, at: medians),
            queries: BinaryCodes(thresholding: hashing.encode(queries), at: medians)))
        print(String(format: "%@ logistic p@100 Hamming %.4f (cut at 0.5), %.4f (cut at training medians)",
                     hashing.architectureDescription, hamming.precision(atCutoff: 100)!,
                     medianHamming.precision(atCutoff: 100)!))
        XCTAssertGreaterThanOrEqual(hamming.precision(atCutoff: 100)!, 0.30)
    }

    private func train(_ configuration: ModelConfiguration, _ bags: [BagOfWords], _ vocabularySize: Int) throws -> SemanticHashingModel {
        let result = try ModelTrainer(configuration: configuration).train(BagOfWordsMatrix(bags, width: vocabularySize)) { progress in
            print(String(format: "  %@ epoch %d/%d loss %.4f", progress.shape, progress.epoch, progress.epochs, progress.loss))
        }
        print(result.report)
        return result.model
    }
}
