/// Momentum updates of an RBM from CD gradients, as in Hinton's rbm.m:
/// `Δ ← μ·Δ + ε·(gradient − λ·W)` for weights, `Δ ← μ·Δ + ε·gradient` for biases, then `θ += Δ`.
struct RBMUpdater {
    private(set) var weightIncrement: Matrix
    private(set) var visibleIncrement: [Float]
    private(set) var hiddenIncrement: [Float]

    init(for machine: RestrictedBoltzmannMachine) {
        weightIncrement = Matrix(rows: machine.visibleCount, columns: machine.hiddenCount)
        visibleIncrement = [Float](repeating: 0, count: machine.visibleCount)
        hiddenIncrement = [Float](repeating: 0, count: machine.hiddenCount)
    }

    /// An updater restored from a checkpoint, with increments shaped like the machine's parameters.
    init(weightIncrement: Matrix, visibleIncrement: [Float], hiddenIncrement: [Float]) {
        self.weightIncrement = weightIncrement
        self.visibleIncrement = visibleIncrement
        self.hiddenIncrement = hiddenIncrement
    }

    mutating func apply(_ gradient: ContrastiveDivergenceGradient, to machine: inout RestrictedBoltzmannMachine,
                        learningRate: Float, momentum: Float, weightCost: Float) {
        weightIncrement.values.withUnsafeMutableBufferPointer { increment in
            gradient.weights.values.withUnsafeBufferPointer { step in
                machine.weights.values.withUnsafeMutableBufferPointer { weights in
                    for index in increment.indices {
                        let delta = momentum * increment[index]
                            + learningRate * (step[index] - weightCost * weights[index])
                        // An increment decaying geometrically under zero gradients must not turn subnormal.
                        increment[index] = abs(delta) < Matrix.flushThreshold ? 0 : delta
                        weights[index] += delta
                    }
                }
            }
        }
        Self.update(&machine.visibleBias, increment: &visibleIncrement, gradient: gradient.visibleBias,
                    learningRate: learningRate, momentum: momentum)
        Self.update(&machine.hiddenBias, increment: &hiddenIncrement, gradient: gradient.hiddenBias,
                    learningRate: learningRate, momentum: momentum)
    }

    private static func update(_ parameters: inout [Float], increment: inout [Float], gradient: [Float],
                               learningRate: Float, momentum: Float) {
        for index in parameters.indices {
            increment[index] = momentum * increment[index] + learningRate * gradient[index]
            parameters[index] += increment[index]
        }
    }
}
