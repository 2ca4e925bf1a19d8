/// Random draws over whole matrices, in row-major element order (so a replay of the same generator
/// reproduces them exactly).
extension RandomSource {
    /// `states[i] = 1` with probability `probabilities[i]`, else 0: one uniform draw per element,
    /// `1` exactly when the draw is below the probability.
    public mutating func sampleBernoulli(_ probabilities: Matrix, into states: inout Matrix) {
        precondition(states.rows == probabilities.rows && states.columns == probabilities.columns, "shapes differ")
        probabilities.values.withUnsafeBufferPointer { p in
            states.values.withUnsafeMutableBufferPointer { s in
                for index in s.indices { s[index] = uniform() < p[index] ? 1 : 0 }
            }
        }
    }

    /// Adds independent normal noise of the given standard deviation to every element.
    public mutating func addGaussianNoise(to matrix: inout Matrix, standardDeviation: Float = 1) {
        matrix.values.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] += gaussian() * standardDeviation }
        }
    }
}
