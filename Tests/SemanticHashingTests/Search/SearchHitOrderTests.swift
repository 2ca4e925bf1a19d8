import SemanticHashing
import XCTest

final class SearchHitOrderTests: XCTestCase {
    func testOrdersAreTheDocumentedLexicographicKeys() {
        let hits = [
            SearchHit(index: 4, id: 1, hammingDistance: 2, squaredEuclideanDistance: 0.5),
            SearchHit(index: 2, id: 2, hammingDistance: 1, squaredEuclideanDistance: 0.9),
            SearchHit(index: 3, id: 3, hammingDistance: 1, squaredEuclideanDistance: 0.5),
            SearchHit(index: 1, id: 4, hammingDistance: 1, squaredEuclideanDistance: 0.5),
            SearchHit(index: 0, id: 5, hammingDistance: 3, squaredEuclideanDistance: 0.1),
        ]
        XCTAssertEqual(hits.sorted(by: SearchOrder.hamming.areInIncreasingOrder).map(\.index), [1, 3, 2, 4, 0])
        XCTAssertEqual(hits.sorted(by: SearchOrder.euclidean.areInIncreasingOrder).map(\.index), [0, 1, 3, 4, 2])
        XCTAssertEqual(hits[1].euclideanDistance, Float(0.9).squareRoot(), accuracy: 1e-6)
    }

    func testNeighborsOrderByDistanceThenIndex() {
        let neighbors = [HammingNeighbor(index: 5, distance: 1), HammingNeighbor(index: 2, distance: 3),
                         HammingNeighbor(index: 1, distance: 1)]
        XCTAssertEqual(neighbors.sorted().map(\.index), [1, 5, 2])
        let euclidean = [EuclideanNeighbor(index: 5, squaredDistance: 1), EuclideanNeighbor(index: 2, squaredDistance: 0),
                         EuclideanNeighbor(index: 1, squaredDistance: 1)]
        XCTAssertEqual(euclidean.sorted().map(\.index), [2, 1, 5])
    }
}
