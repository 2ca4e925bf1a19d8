import Foundation
import SemanticHashing
import TestSupport
import XCTest

/// Measures the baselines on 20 Newsgroups exported as dense count matrices (`train_counts.f32` and
/// `test_counts.f32`: row-major little-endian float32 documents × vocabulary; `*_labels.i32`; `meta.json`).
/// Skipped unless `SEMHASH_EVAL_DATA` names such a directory; meant for release builds:
/// `SEMHASH_EVAL_DATA=/tmp/semhash-data swift test -c release --filter RealDataEvaluationTests`
/// (`SEMHASH_EVAL_BASELINES=tfidf,lsa` picks baselines, `SEMHASH_EVAL_REPORT=<dir>` writes the report).
///
/// The expected p@100 values were computed independently with numpy on the 20 Newsgroups export
/// (11,314 database × 7,532 query documents, 2,000 terms) by the same protocol, ties broken by another random
/// permutation: TF-IDF 0.2885, BM25 0.2959, LSA-10 0.2724, LSA bits at 32 0.2641.
final class RealDataEvaluationTests: XCTestCase {
    func testBaselinesOnExportedCounts() throws {
        guard let path = ProcessInfo.processInfo.environment["SEMHASH_EVAL_DATA"] else {
            throw XCTSkip("set SEMHASH_EVAL_DATA to a directory of exported count matrices")
        }
        let export = try ExportedCounts.collection(in: URL(fileURLWithPath: path))
        let corpus = BaselineCorpus(database: BagOfWordsMatrix(export.database, width: export.vocabularySize),
                                    queries: BagOfWordsMatrix(export.queries, width: export.vocabularySize))

        let kinds = try BaselineKind.parseList(ProcessInfo.processInfo.environment["SEMHASH_EVAL_BASELINES"]
            ?? BaselineKind.allCases.map(\.rawValue).joined(separator: ","))
        let buildStart = Date()
        // The expected figures were computed with raw counts in TF-IDF.
        let methods = try Baselines.build(kinds, corpus: corpus, settings: BaselineSettings(bitCount: 32, termFrequency: .raw))
        print("built \(kinds.map(\.rawValue)) in \(String(format: "%.1f", Date().timeIntervalSince(buildStart))) s")
        let evaluator = RetrievalEvaluator(labels: export.labels)
        var results: [EvaluationResult] = []
        for method in methods {
            let result = evaluator.evaluate(method)
            results.append(result)
            print(String(format: "%@: p@1 %.3f p@10 %.3f p@100 %.3f p@1000 %.3f MAP %.3f  %.3f ms/query  %.1f s wall",
                         result.method, result.precision(atCutoff: 1)!, result.precision(atCutoff: 10)!,
                         result.precision(atCutoff: 100)!, result.precision(atCutoff: 1000)!,
                         result.meanAveragePrecision, result.meanQueryMilliseconds, result.wallSeconds))
        }
        if let output = ProcessInfo.processInfo.environment["SEMHASH_EVAL_REPORT"] {
            try EvaluationReportWriter(directory: URL(fileURLWithPath: output),
                                       title: "20 Newsgroups: baselines").write(results)
        }
        let expected: [String: Double] = ["tfidf": 0.2885, "bm25": 0.2959, "lsa-10": 0.2724, "lsa-bits-32": 0.2641]
        for result in results {
            guard let reference = expected[result.method] else { continue }
            XCTAssertEqual(result.precision(atCutoff: 100)!, reference, accuracy: 0.005, result.method)
        }
    }
}
