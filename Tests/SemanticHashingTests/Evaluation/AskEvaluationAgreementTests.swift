import SemanticHashing
import TestSupport
import XCTest

/// `eval` measures what `ask` answers: for every metric, the documents `ask` returns for a question are the
/// top of the ranking `eval` scores for the same question, in an order `eval`'s distances agree with.
///
/// The two paths compute distances differently (`ask` scans with one summation loop; `eval` batches queries
/// through BLAS) and break ties differently (`ask` by position, `eval` by a seeded permutation), so the
/// comparison is tie-aware: distances must agree to a tolerance, and `ask`'s order may differ from `eval`'s
/// only between documents whose `eval` distances are equal to that tolerance.
final class AskEvaluationAgreementTests: XCTestCase {
    private static let questions = [
        ("rocket launch into orbit", "space"), ("bake bread with yeast and flour", "cooking"),
        ("jazz piano and saxophone", "music"), ("compile the program on the computer", "computing"),
    ]
    private static let tolerance: Float = 1e-4

    private var folder: String!
    private var store: IndexStore!

    override func setUpWithError() throws {
        folder = try FixturePaths.scratchFolder()
        store = try FixturePaths.trainedSamplesIndex(at: folder + "/samples.sqlite") { $0.fineTuning.epochs = 4 }
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testEveryMetricRanksAsAskAnswers() throws {
        let queries = Self.questions.enumerated().map { number, question in
            Document(id: "q\(number)", text: question.0, labels: [question.1])
        }
        var data = try IndexEvaluationData(store: store, queries: ListSource(documents: queries))
        let documentCount = data.databaseIDs.count
        let shortlist = 12
        data.cascadeShortlistSize = shortlist
        data.reranking.shortlistSize = shortlist
        let searcher = try IndexSearcher(store: store, configuration: SearchConfiguration(shortlistSize: shortlist))
        searcher.reranking.shortlistSize = shortlist
        for metric in SearchMetric.allCases {
            let method = try XCTUnwrap(data.modelMethod(metric), "eval measures \(metric)")
            XCTAssertEqual(method.metric, metric.rawValue)
            for (number, question) in Self.questions.enumerated() {
                let evaluated = method.distances(forQuery: number)
                let evaluatedByID = Dictionary(uniqueKeysWithValues: zip(data.databaseIDs, evaluated))
                let k = metric == .cascade || metric == .hybrid ? shortlist : documentCount
                let answered = try searcher.search(searcher.encode(question.0), k: k, metric: metric).hits
                XCTAssertEqual(answered.count, k, "\(metric): ask answers k documents")
                assertAgreement(answered, evaluatedByID, metric: metric, question: question.0)
            }
        }
    }

    /// `similar`'s hybrid answer fuses a shortlist without the document it starts from: its own words, the best
    /// match of all, would otherwise set the scale every other document's word score is measured on.
    func testSimilarFusesTheShortlistWithoutItsOwnDocument() throws {
        let shortlist = 12
        let searcher = try IndexSearcher(store: store)
        searcher.reranking.shortlistSize = shortlist
        let id = try XCTUnwrap(store.loadCodes()?.ids.first)
        let query = searcher.encode(bag: try XCTUnwrap(store.bags(ids: [id])[id]))
        let answered = try searcher.search(query, k: shortlist, metric: .hybrid, excluding: id)

        let nearest = try searcher.search(query, k: shortlist + 1, metric: .cosine).hits.filter { $0.id != id }.prefix(shortlist)
        XCTAssertEqual(nearest.count, shortlist)
        let bags = try store.bags(ids: nearest.map(\.id))
        let scores = searcher.reranking.lexicalScores(query: query.bag, shortlist: nearest.map { bags[$0.id]! },
                                                      scorer: searcher.snapshot.lexicalScorer)
        let fused = searcher.reranking.fused(codeDistances: nearest.map { Double($0.cosineDistance) }, lexicalScores: scores)
        XCTAssertEqual(answered.hits.map(\.id), fused.map { nearest[nearest.startIndex + $0.position].id })
        XCTAssertEqual(answered.fusionDistances, fused.map(\.distance))
        XCTAssertFalse(answered.hits.contains { $0.id == id })
    }

    /// Every answered document's `eval` distance matches the distance `ask` reports (where both measure the
    /// same thing), the answers come in non-decreasing `eval` distance, and no document left out of the
    /// answers has a smaller `eval` distance than the last answer.
    private func assertAgreement(_ answered: [SearchHit], _ evaluated: [Int64: Float], metric: SearchMetric,
                                 question: String, file: StaticString = #filePath, line: UInt = #line) {
        let context = "\(metric), '\(question)'"
        for hit in answered {
            let expected: Float?
            switch metric {
            case .euclidean: expected = hit.squaredEuclideanDistance
            case .cosine: expected = hit.cosineDistance
            case .hamming: expected = Float(hit.hammingDistance)
            case .cascade, .hybrid: expected = nil
            }
            if let expected, let distance = evaluated[hit.id] {
                XCTAssertEqual(distance, expected, accuracy: Self.tolerance * max(1, abs(expected)),
                               "\(context): document \(hit.id)", file: file, line: line)
            }
        }
        let distances = answered.map { evaluated[$0.id]! }
        for (earlier, later) in zip(distances, distances.dropFirst()) {
            XCTAssertLessThanOrEqual(earlier, later + Self.tolerance * max(1, abs(later)),
                                     "\(context): ask's order agrees with eval's distances", file: file, line: line)
        }
        let answeredIDs = Set(answered.map(\.id))
        let last = distances.last ?? 0
        for (id, distance) in evaluated where !answeredIDs.contains(id) {
            XCTAssertGreaterThanOrEqual(distance, last - Self.tolerance * max(1, abs(last)),
                                        "\(context): document \(id) left out ranks after the answers", file: file, line: line)
        }
    }
}
