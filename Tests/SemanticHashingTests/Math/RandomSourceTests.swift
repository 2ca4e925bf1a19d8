import SemanticHashing
import XCTest

final class RandomSourceTests: XCTestCase {
    func testSameSeedSameStreamAndDifferentSeedsDiffer() {
        var a = RandomSource(seed: 42), b = RandomSource(seed: 42), c = RandomSource(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        XCTAssertEqual(first, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(first, (0..<100).map { _ in c.next() })
    }

    func testFirstOutputsMatchXoshiroFromSplitMixSeed() {
        // Independent re-derivation: SplitMix64 state words, then one xoshiro256** step by the published formula.
        var mixer: UInt64 = 7
        var state = (0..<4).map { _ -> UInt64 in
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
        var expected: [UInt64] = []
        for _ in 0..<3 {
            expected.append(rotl(state[1] &* 5, 7) &* 9)
            let t = state[1] << 17
            state[2] ^= state[0]; state[3] ^= state[1]; state[1] ^= state[2]; state[0] ^= state[3]
            state[2] ^= t; state[3] = rotl(state[3], 45)
        }
        var random = RandomSource(seed: 7)
        XCTAssertEqual((0..<3).map { _ in random.next() }, expected)
    }

    func testUniformAndGaussianMoments() {
        var random = RandomSource(seed: 1)
        let count = 200_000
        var uniform = [Float](repeating: 0, count: count)
        var gaussian = [Float](repeating: 0, count: count)
        uniform.withUnsafeMutableBufferPointer { random.fillUniform($0) }
        gaussian.withUnsafeMutableBufferPointer { random.fillGaussian($0, standardDeviation: 2) }
        XCTAssertTrue(uniform.allSatisfy { $0 >= 0 && $0 < 1 })
        let uniformMean = uniform.reduce(0.0) { $0 + Double($1) } / Double(count)
        XCTAssertEqual(uniformMean, 0.5, accuracy: 0.005)
        let mean = gaussian.reduce(0.0) { $0 + Double($1) } / Double(count)
        let variance = gaussian.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(count)
        XCTAssertEqual(mean, 0, accuracy: 0.02)
        XCTAssertEqual(variance, 4, accuracy: 0.08)
        let beyondTwoSigma = gaussian.filter { abs($0) > 4 }.count
        XCTAssertEqual(Double(beyondTwoSigma) / Double(count), 0.0455, accuracy: 0.003)
    }

    func testBernoulliFrequenciesFollowProbabilities() {
        var random = RandomSource(seed: 3)
        let probabilities = Matrix(rows: 4000, columns: 3, values: (0..<12000).map { [0, 0.25, 0.9][$0 % 3] })
        var states = Matrix(rows: 4000, columns: 3)
        random.sampleBernoulli(probabilities, into: &states)
        XCTAssertTrue(states.values.allSatisfy { $0 == 0 || $0 == 1 })
        let means = states.columnSums().map { $0 / 4000 }
        XCTAssertEqual(means[0], 0)
        XCTAssertEqual(means[1], 0.25, accuracy: 0.03)
        XCTAssertEqual(means[2], 0.9, accuracy: 0.03)
    }

    func testPermutationAndSplit() {
        var random = RandomSource(seed: 9)
        let order = random.permutation(of: 1000)
        XCTAssertEqual(order.sorted(), Array(0..<1000))
        XCTAssertNotEqual(order, Array(0..<1000))
        var child = random.split()
        XCTAssertNotEqual((0..<10).map { _ in child.next() }, (0..<10).map { _ in random.next() })
    }
}
