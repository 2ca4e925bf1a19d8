import SemanticHashing
import TestSupport
import XCTest

final class RetrievalMethodTests: XCTestCase {
    func testEuclideanCodesMatchTheDefinition() {
        var generator = SeededGenerator(seed: 1)
        let database = randomMatrix(rows: 30, columns: 10, generator: &generator)
        let queries = randomMatrix(rows: 7, columns: 10, generator: &generator)
        let method = EuclideanCodes(name: "codes", database: database, queries: queries)
        var block = [Float](repeating: .nan, count: 3 * 30)
        block.withUnsafeMutableBufferPointer { method.distances(forQueries: 2..<5, into: $0) }
        for (offset, query) in (2..<5).enumerated() {
            for document in 0..<30 {
                XCTAssertEqual(Double(block[offset * 30 + document]),
                               naiveSquaredEuclidean(queries.row(query), database.row(document)), accuracy: 1e-4)
            }
        }
        XCTAssertEqual(method.metric, "euclidean")
    }

    func testCosineCodesMatchTheDefinition() {
        var generator = SeededGenerator(seed: 2)
        var database = randomMatrix(rows: 25, columns: 6, generator: &generator)
        for column in 0..<6 { database[4, column] = 0 }  // an empty document: distance 1 to everything
        let queries = randomMatrix(rows: 4, columns: 6, generator: &generator)
        let method = CosineCodes(name: "cosine", database: database, queries: queries)
        for query in 0..<4 {
            for (document, distance) in method.distances(forQuery: query).enumerated() {
                XCTAssertEqual(Double(distance), naiveCosineDistance(queries.row(query), database.row(document)), accuracy: 1e-5)
            }
        }
    }

    func testHammingCodesMatchBitByBitCounts() {
        var generator = SeededGenerator(seed: 3)
        for bits in [1, 32, 64, 100, 130] {
            let database = randomCodes(count: 40, bitCount: bits, generator: &generator)
            let queries = randomCodes(count: 5, bitCount: bits, generator: &generator)
            let method = HammingCodes(name: "hash", database: database, queries: queries)
            XCTAssertEqual(method.distanceKind, .integer(maximum: bits))
            var block = [Float](repeating: .nan, count: 5 * 40)
            block.withUnsafeMutableBufferPointer { method.distances(forQueries: 0..<5, into: $0) }
            for query in 0..<5 {
                for document in 0..<40 {
                    XCTAssertEqual(Int(block[query * 40 + document]), bitByBitHamming(queries, query, database, document))
                }
            }
        }
    }
}
