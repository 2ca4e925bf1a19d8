/// One restricted Boltzmann machine of the pretraining stack.
///
/// Visible units are either the word layer (`.softmax`: a replicated softmax over the vocabulary whose
/// mean-field reconstruction is N·softmax, transformed like the input) or `.logistic` (binary units whose
/// reconstruction is their probability). Hidden units are `.logistic` (binary, sampled by Bernoulli draws)
/// or `.linear` (Gaussian with unit variance, sampled as mean + N(0, 1)).
///
/// Shapes: `weights` is visible × hidden; biases have one entry per unit.
public struct RestrictedBoltzmannMachine: Sendable, Equatable {
    public var weights: Matrix
    public var visibleBias: [Float]
    public var hiddenBias: [Float]
    /// `.softmax` for the word layer, else `.logistic`.
    public let visibleUnits: Activation
    /// `.logistic`, or `.linear` for Gaussian code units.
    public let hiddenUnits: Activation
    /// The word layer's input transform (ignored for logistic visible units).
    public let inputTransform: InputTransform

    public init(weights: Matrix, visibleBias: [Float], hiddenBias: [Float],
                visibleUnits: Activation, hiddenUnits: Activation, inputTransform: InputTransform = .counts) {
        precondition(visibleBias.count == weights.rows && hiddenBias.count == weights.columns, "bias sizes differ from weights")
        precondition(visibleUnits != .linear, "visible units are words or logistic")
        precondition(hiddenUnits != .softmax, "hidden units are logistic or linear")
        self.weights = weights
        self.visibleBias = visibleBias
        self.hiddenBias = hiddenBias
        self.visibleUnits = visibleUnits
        self.hiddenUnits = hiddenUnits
        self.inputTransform = inputTransform
    }

    /// A machine with normal initial weights of standard deviation `weightScale` and zero biases.
    public init(visible: Int, hidden: Int, visibleUnits: Activation, hiddenUnits: Activation,
                inputTransform: InputTransform = .counts, weightScale: Float, random: inout RandomSource) {
        var weights = Matrix(rows: visible, columns: hidden)
        weights.values.withUnsafeMutableBufferPointer { random.fillGaussian($0, standardDeviation: weightScale) }
        self.init(weights: weights, visibleBias: [Float](repeating: 0, count: visible),
                  hiddenBias: [Float](repeating: 0, count: hidden),
                  visibleUnits: visibleUnits, hiddenUnits: hiddenUnits, inputTransform: inputTransform)
    }

    public var visibleCount: Int { weights.rows }
    public var hiddenCount: Int { weights.columns }

    /// Hidden means given the visible rows: `f(V·W + s ⊙ b)` (one product: sparse for the word layer), with
    /// `s` the per-row bias scales of the batch (document lengths for the replicated softmax) or 1.
    public func hiddenMeans(_ visible: LayerInput, biasScales: [Float]?) -> Matrix {
        var hidden = Matrix(rows: visible.rows, eachRow: hiddenBias, scaledBy: biasScales)
        visible.multiply(by: weights, into: &hidden, beta: 1)
        hiddenUnits.apply(to: &hidden)
        return hidden
    }

    /// Visible reconstruction from hidden states `H·Wᵀ + a` (one product), returned as inputs of the same
    /// representation as the data, with the reconstruction error of this batch summed over rows:
    /// cross-entropy (nats) of the word distribution under the reconstructed softmax for the word layer,
    /// squared error for logistic units.
    public func reconstruct(from hidden: Matrix, like batch: VisibleBatch) -> (values: Matrix, error: Double) {
        var visible = visibleInputs(from: hidden)
        switch visibleUnits {
        case .softmax:
            guard let distribution = batch.wordDistribution else {
                preconditionFailure("the word layer needs word distributions")
            }
            let error = visible.applyRowSoftmax(crossEntropyWith: distribution,
                                                scalingRowsBy: inputTransform.reconstructionMasses(like: batch))
            inputTransform.finishReconstruction(&visible)
            return (visible, error)
        case .logistic, .linear:
            visibleUnits.apply(to: &visible)
            return (visible, visible.squaredDistance(to: batch.values))
        }
    }

    /// The word layer's reconstruction drawn as the replicated softmax's visible states (Salakhutdinov &
    /// Hinton, NIPS 2009): each document's N tokens drawn from its reconstructed word distribution, a word drawn
    /// c times becoming the input `c · M / N` of a document of mass M (`InputTransform.reconstructionMasses`;
    /// the count c itself for `.counts`), finished as the transform says. Its expected value is the mean-field
    /// reconstruction of `reconstruct(from:like:)` (before `.logCounts`' logarithm), and it holds only the words
    /// drawn, so the negative phase's up pass and statistics cost what those words cost. Returns the rows with
    /// the reconstruction error of the softmax itself, as `reconstruct` does.
    ///
    /// `random` gives one seed per call (one 64-bit step); each row draws one uniform per token from its own
    /// generator seeded by that seed and the row's index, so rows are drawn on the BLAS thread count and the
    /// draws do not depend on how many threads there are.
    public func sampleTokens(from hidden: Matrix, like batch: VisibleBatch,
                             random: inout RandomSource) -> (values: SparseRows, error: Double) {
        precondition(visibleUnits == .softmax, "tokens are drawn for the word layer only")
        guard let distribution = batch.wordDistribution, let lengths = batch.lengths else {
            preconditionFailure("the word layer needs word distributions and lengths")
        }
        var probabilities = visibleInputs(from: hidden)
        let error = probabilities.applyRowSoftmax(crossEntropyWith: distribution)
        let masses = inputTransform.reconstructionMasses(like: batch)
        let width = visibleCount
        // A non-finite length (damaged counts) draws nothing; its error is not finite, so training reports it.
        let tokenCounts = lengths.map { $0.isFinite ? Int($0.rounded()) : 0 }
        let seed = random.next()
        let threads = hidden.rows * width >= 1 << 16 ? BLASThreads.current : 1
        let chunks = probabilities.values.withUnsafeBufferPointer { p in
            ParallelWork.map(count: hidden.rows, chunkSize: Self.rowsPerDrawingChunk, threads: threads) { rows in
                var cumulative = [Double](repeating: 0, count: width)
                var draws: [Int32] = [], columns: [Int32] = [], values: [Float] = []
                var chunk = SparseRows(columns: width)
                for row in rows {
                    columns.removeAll(keepingCapacity: true)
                    values.removeAll(keepingCapacity: true)
                    let tokens = tokenCounts[row]
                    if tokens > 0 {
                        var rowRandom = RandomSource(seed: seed &+ UInt64(row) &* Self.rowSeedStride)
                        Self.drawWords(tokens, from: p.baseAddress! + row * width, width: width, random: &rowRandom,
                                       cumulative: &cumulative, into: &draws)
                        let weight = (masses?[row] ?? 1) / Float(tokens)
                        var start = 0
                        while start < draws.count {
                            var end = start + 1
                            while end < draws.count && draws[end] == draws[start] { end += 1 }
                            columns.append(draws[start])
                            values.append(inputTransform.finishReconstruction(Float(end - start) * weight))
                            start = end
                        }
                    }
                    chunk.appendRow(columns: columns, values: values)
                }
                return chunk
            }
        }
        var rows = SparseRows(columns: width, reservingEntries: chunks.reduce(0) { $0 + $1.entryCount })
        for chunk in chunks { rows.appendRows(of: chunk) }
        return (rows, error)
    }

    /// Replaces `draws` by `tokens` words drawn from the distribution `probabilities[0..<width]` (one uniform
    /// each, inverted through the running sums kept in `cumulative`), sorted so that repeats are adjacent.
    private static func drawWords(_ tokens: Int, from probabilities: UnsafePointer<Float>, width: Int,
                                  random: inout RandomSource, cumulative: inout [Double], into draws: inout [Int32]) {
        var total = 0.0
        for column in 0..<width {
            total += Double(probabilities[column])
            cumulative[column] = total
        }
        draws.removeAll(keepingCapacity: true)
        for _ in 0..<tokens {
            let u = Double(random.uniform()) * total
            var low = 0, high = width - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > u { high = middle } else { low = middle + 1 }
            }
            draws.append(Int32(low))
        }
        draws.sort()
    }

    /// Documents whose tokens one thread draws at a time in `sampleTokens`.
    private static let rowsPerDrawingChunk = 8
    /// Spaces the seeds of `sampleTokens`' rows (the golden ratio in 64 bits, as SplitMix64 steps).
    private static let rowSeedStride: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The down pass `H·Wᵀ + a` (one product): the visible units' total inputs, before their activation.
    private func visibleInputs(from hidden: Matrix) -> Matrix {
        var visible = Matrix(rows: hidden.rows, eachRow: visibleBias)
        Matrix.multiply(hidden, weights, into: &visible, transposeB: .transposed, beta: 1)
        return visible
    }

    /// Hidden states drawn from their means: Bernoulli draws for logistic units, mean + N(0, 1) for linear.
    public func sampleHidden(_ means: Matrix, random: inout RandomSource) -> Matrix {
        var states = means
        switch hiddenUnits {
        case .logistic: random.sampleBernoulli(means, into: &states)
        case .linear, .softmax: random.addGaussianNoise(to: &states)
        }
        return states
    }

    /// The products of CD-k that are dense whatever the input (k down and up passes and the negative
    /// statistics) for a machine of the given shape.
    static func denseContrastiveDivergenceFlops(batchSize: Int, visible: Int, hidden: Int, steps: Int) -> Double {
        2 * Double(batchSize) * Double(visible) * Double(hidden) * Double(2 * steps + 1)
    }
}
