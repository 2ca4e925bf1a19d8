import SemanticHashing
import XCTest

final class TrainingSampleTests: XCTestCase {
    func testASampleIsThatManyDistinctIdsInIncreasingOrderTheSameForTheSameSeed() {
        let ids = (0..<500).map { Int64($0 * 7 + 3) }.shuffled(using: &fixedGenerator)
        let sample = TrainingSample(size: 40, seed: 11)
        let chosen = sample.choose(from: ids)
        XCTAssertEqual(chosen.count, 40)
        XCTAssertEqual(chosen, chosen.sorted())
        XCTAssertEqual(Set(chosen).count, 40)
        XCTAssertTrue(Set(chosen).isSubset(of: Set(ids)))
        XCTAssertEqual(sample.choose(from: ids.reversed()), chosen, "the ids' order does not matter")
        XCTAssertNotEqual(TrainingSample(size: 40, seed: 12).choose(from: ids), chosen)
        XCTAssertEqual(TrainingSample(size: 600, seed: 11).choose(from: ids), ids.sorted(), "all when there are fewer")
        let values = ids.map { "document \($0)" }
        XCTAssertEqual(sample.choose(from: ids, values: values), chosen.map { "document \($0)" })
    }

    /// Every id is chosen about equally often over many seeds: 10 of 100 ids, 2,000 seeds, each id expected
    /// 200 times (binomial standard deviation 13.4); a bias toward some positions (an off-by-one that never
    /// picks the last id, a pick that ignores the first ones) falls far outside 200 ± 70.
    func testEveryIdIsEquallyLikely() {
        let ids = (0..<100).map(Int64.init)
        var counts = [Int](repeating: 0, count: 100)
        for seed in 0..<2000 {
            for id in TrainingSample(size: 10, seed: UInt64(seed)).choose(from: ids) { counts[Int(id)] += 1 }
        }
        XCTAssertEqual(counts.reduce(0, +), 20_000)
        for (id, count) in counts.enumerated() {
            XCTAssertTrue((130...270).contains(count), "id \(id) chosen \(count) times")
        }
    }

    private var fixedGenerator = SplitMix64(seed: 5)
}
