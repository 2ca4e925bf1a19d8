import SemanticHashing
import TestSupport
import XCTest

final class DistanceRankerTests: XCTestCase {
    func testTieBreakingOrderIsASeededPermutation() {
        let order = TieBreakingOrder(databaseCount: 100, seed: 42)
        XCTAssertEqual(order.documents.sorted(), (0..<100).map(Int32.init))
        for (position, document) in order.documents.enumerated() {
            XCTAssertEqual(order.positions[Int(document)], Int32(position))
        }
        XCTAssertNotEqual(order.documents, (0..<100).map(Int32.init), "a permutation, not document order")
        XCTAssertEqual(order, TieBreakingOrder(databaseCount: 100, seed: 42))
        XCTAssertNotEqual(order.documents, TieBreakingOrder(databaseCount: 100, seed: 43).documents)
    }

    func testTiesFollowThePermutationNeverDocumentOrder() {
        // Documents 0...49 all at distance 1 and 50...99 at distance 0: the closer half comes first, each half
        // in permutation order.
        let distances = (0..<100).map { Float($0 < 50 ? 1 : 0) }
        for kind in [DistanceKind.continuous, .integer(maximum: 1)] {
            let order = TieBreakingOrder(databaseCount: 100, seed: 7)
            var ranker = DistanceRanker(tieBreaking: order, kind: kind)
            let ranking = ranker.rank(distances)
            let closer = order.documents.filter { $0 >= 50 }, farther = order.documents.filter { $0 < 50 }
            XCTAssertEqual(ranking, closer + farther)
            XCTAssertNotEqual(Array(ranking.prefix(50)), (50..<100).map(Int32.init))

            var sameSeed = DistanceRanker(tieBreaking: TieBreakingOrder(databaseCount: 100, seed: 7), kind: kind)
            XCTAssertEqual(sameSeed.rank(distances), ranking)
            var otherSeed = DistanceRanker(tieBreaking: TieBreakingOrder(databaseCount: 100, seed: 8), kind: kind)
            let other = otherSeed.rank(distances)
            XCTAssertNotEqual(other, ranking, "another seed orders the ties differently")
            XCTAssertEqual(Set(other.prefix(50)), Set(ranking.prefix(50)), "but never across distances")
        }
    }

    func testSortedKeysMatchTheReference() {
        var generator = SeededGenerator(seed: 3)
        for count in [1, 2, 17, 1000, 3000] {
            // Few distinct values so that ties abound; negative values and negative zero included.
            let distances = (0..<count).map { _ -> Float in
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: return -0.0
                case 1: return Float(Int.random(in: -3...3, using: &generator)) / 4
                default: return Float.random(in: -2...2, using: &generator)
                }
            }
            let order = TieBreakingOrder(databaseCount: count, seed: UInt64(count))
            var ranker = DistanceRanker(tieBreaking: order, kind: .continuous)
            XCTAssertEqual(ranker.rank(distances), DistanceRanker.referenceRanking(distances, tieBreaking: order))
            // The ranker reuses its buffers: a second, different call is still right.
            let shuffled = distances.map { -$0 }
            XCTAssertEqual(ranker.rank(shuffled), DistanceRanker.referenceRanking(shuffled, tieBreaking: order))
        }
    }

    func testCountingSortMatchesTheReference() {
        var generator = SeededGenerator(seed: 5)
        for (count, maximum) in [(1, 0), (50, 3), (2000, 32), (2000, 128)] {
            let distances = (0..<count).map { _ in Float(Int.random(in: 0...maximum, using: &generator)) }
            let order = TieBreakingOrder(databaseCount: count, seed: 9)
            var ranker = DistanceRanker(tieBreaking: order, kind: .integer(maximum: maximum))
            XCTAssertEqual(ranker.rank(distances), DistanceRanker.referenceRanking(distances, tieBreaking: order))
        }
    }

    func testDistanceComesBeforeThePermutation() {
        let order = TieBreakingOrder(databaseCount: 4, seed: 1)
        var ranker = DistanceRanker(tieBreaking: order, kind: .continuous)
        XCTAssertEqual(ranker.rank([0.5, 0.1, 0.9, 0.3]), [1, 3, 0, 2])
    }
}
