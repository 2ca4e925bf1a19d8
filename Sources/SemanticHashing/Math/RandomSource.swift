#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The library's seeded random number generator: xoshiro256** seeded through SplitMix64.
///
/// All randomness in training (weight initialisation, shuffling, sampling, code noise) flows from one
/// `RandomSource` created from the configuration's seed, so the same seed gives the same model.
/// `uniform()` costs one 64-bit step; `gaussian()` uses the Box-Muller transform and keeps the second
/// value of each pair for the next call.
public struct RandomSource: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    private var spareGaussian: Float?

    /// A generator whose 256-bit state is four SplitMix64 outputs of `seed` (never all zero).
    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
        spareGaussian = nil
    }

    /// Restores a generator from `state` (as returned by `state`), so that a resumed training draws the
    /// same numbers as an uninterrupted one.
    init(state: [UInt64]) {
        precondition(state.count == 6, "a generator state has six words")
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
        spareGaussian = state[4] == 0 ? nil : Float(bitPattern: UInt32(truncatingIfNeeded: state[5]))
    }

    /// The whole state: the four xoshiro words, whether a Gaussian is kept back, and its bits.
    var state: [UInt64] {
        [s0, s1, s2, s3, spareGaussian == nil ? 0 : 1, UInt64(spareGaussian?.bitPattern ?? 0)]
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// An independent generator for a sub-task, seeded from this one's next output.
    public mutating func split() -> RandomSource {
        RandomSource(seed: next())
    }

    /// A uniform value in [0, 1) with 24 random bits.
    @inline(__always)
    public mutating func uniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A standard normal value (mean 0, variance 1), by Box-Muller.
    public mutating func gaussian() -> Float {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        let (first, second) = gaussianPair()
        spareGaussian = second
        return first
    }

    /// Fills `buffer` with uniform values in [0, 1), in index order.
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>) {
        for index in buffer.indices { buffer[index] = uniform() }
    }

    /// Fills `buffer` with normal values of mean 0 and the given standard deviation, in index order.
    public mutating func fillGaussian(_ buffer: UnsafeMutableBufferPointer<Float>, standardDeviation: Float = 1) {
        for index in buffer.indices { buffer[index] = gaussian() * standardDeviation }
    }

    /// A random permutation of `0..<count` (Fisher-Yates, driven by this generator).
    public mutating func permutation(of count: Int) -> [Int] {
        var order = Array(0..<count)
        if count < 2 { return order }
        for index in stride(from: count - 1, to: 0, by: -1) {
            let other = Int(next() % UInt64(index + 1))
            order.swapAt(index, other)
        }
        return order
    }

    private mutating func gaussianPair() -> (Float, Float) {
        // u1 in (0, 1] keeps the logarithm finite; Double keeps the tails accurate.
        let u1 = (Double(next() >> 11) + 1) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        return (Float(radius * cos(angle)), Float(radius * sin(angle)))
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// A small, fast, seedable random number generator (SplitMix64, Steele, Lea & Flood 2014).
///
/// Used wherever the library needs reproducible randomness (tie-breaking permutations, random hyperplanes):
/// the same seed gives the same stream on every platform, unlike `SystemRandomNumberGenerator`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
