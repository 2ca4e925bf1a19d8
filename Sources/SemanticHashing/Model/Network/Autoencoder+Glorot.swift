#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Autoencoder {
    /// An untrained autoencoder without pretraining: encoder `widths[0] → … → widths.last` (logistic hidden
    /// units, `codeActivation` code units), decoder its mirror (logistic hidden units, softmax output), all
    /// weights untied and drawn from Glorot's uniform U(±√(6 / (fan_in + fan_out))), biases zero except the
    /// output bias, `outputLogFrequencies` (the log unigram distribution of the targets, see `logUnigram`,
    /// so that the first reconstructions are the corpus word frequencies).
    public init(glorotWidths widths: [Int], codeActivation: Activation, outputLogFrequencies: [Float],
                inputTransform: InputTransform, inputWeighting: InputWeighting?, random: inout RandomSource) {
        precondition(widths.count >= 2 && outputLogFrequencies.count == widths[0], "need widths and one bias per word")
        let depth = widths.count - 1
        let encoder = (0..<depth).map { index in
            Self.glorotLayer(widths[index], widths[index + 1],
                             activation: index == depth - 1 ? codeActivation : .logistic, random: &random)
        }
        let decoder = (0..<depth).map { index in
            Self.glorotLayer(widths[depth - index], widths[depth - index - 1],
                             activation: index == depth - 1 ? .softmax : .logistic, random: &random)
        }
        var layers = encoder + decoder
        layers[layers.count - 1].bias = outputLogFrequencies
        self.init(layers: layers, encoderDepth: depth, inputTransform: inputTransform, inputWeighting: inputWeighting)
    }

    /// This autoencoder with a fresh Glorot-initialised code layer of `codeSize` units of `activation` and a
    /// fresh first decoder layer to match: the rest keeps its trained weights (used to turn a trained
    /// real-valued model into a hashing one).
    public func replacingCode(size codeSize: Int, activation: Activation, random: inout RandomSource) -> Autoencoder {
        var replaced = layers
        let code = encoderDepth - 1
        replaced[code] = Self.glorotLayer(layers[code].inputCount, codeSize, activation: activation, random: &random)
        replaced[code + 1] = Self.glorotLayer(codeSize, layers[code + 1].outputCount,
                                              activation: layers[code + 1].activation, random: &random)
        return Autoencoder(layers: replaced, encoderDepth: encoderDepth, inputTransform: inputTransform,
                           inputWeighting: inputWeighting)
    }

    /// `replacingCode(size:activation:random:)`, with the fresh first decoder layer's biases set so that it starts
    /// out giving, whatever the new code, this network's mean output of that layer over `bags`: the logits of the
    /// mean, each clamped to [10⁻⁴, 1 − 10⁻⁴]. The layers above it (the softmax layer, when the hash head keeps it)
    /// then start from the inputs they were trained on rather than from about 0.5 everywhere; with the softmax
    /// layer kept it measured slightly better hashes (BENCHMARKS.md, "Sixth round"). Needs a logistic first
    /// decoder layer.
    func replacingCodeStartingFromTheMeanDecoding(of bags: [BagOfWords], size codeSize: Int, activation: Activation,
                                                  random: inout RandomSource) -> Autoencoder {
        precondition(layers[encoderDepth].activation == .logistic, "the first decoder layer must be logistic")
        var sums = [Double](repeating: 0, count: layers[encoderDepth].outputCount)
        for start in stride(from: 0, to: bags.count, by: Self.meanDecodingBatchSize) {
            let batch = VisibleBatch(bags: bags, indices: start..<min(start + Self.meanDecodingBatchSize, bags.count),
                                     vocabularySize: vocabularySize, transform: inputTransform, weighting: inputWeighting)
            let hidden = output(of: encoderDepth, input: .dense(encode(batch)), biasScales: nil, codeNoise: nil)
            for (column, sum) in hidden.columnSums().enumerated() { sums[column] += Double(sum) }
        }
        var replaced = replacingCode(size: codeSize, activation: activation, random: &random)
        replaced.layers[encoderDepth].bias = sums.map { sum in
            let mean = min(max(sum / Double(max(1, bags.count)), 1e-4), 1 - 1e-4)
            return Float(log(mean / (1 - mean)))
        }
        return replaced
    }

    /// Documents encoded at a time by `replacingCodeStartingFromTheMeanDecoding`.
    private static let meanDecodingBatchSize = 1024

    /// `log` of each word's share of all target mass, `Σ_d p_d(t) + 10⁻³`, normalised (p_d = count / N).
    static func logUnigram(_ bags: [BagOfWords], vocabularySize: Int) -> [Float] {
        var mass = [Double](repeating: 1e-3, count: vocabularySize)
        for bag in bags {
            let length = Double(bag.length)
            guard length > 0 else { continue }
            for (term, count) in zip(bag.termIDs, bag.counts) { mass[Int(term)] += Double(count) / length }
        }
        let total = mass.reduce(0, +)
        return mass.map { Float(log($0 / total)) }
    }

    private static func glorotLayer(_ inputs: Int, _ outputs: Int, activation: Activation,
                                    random: inout RandomSource) -> DenseLayer {
        let limit = Float((6 / Double(inputs + outputs)).squareRoot())
        var weights = Matrix(rows: inputs, columns: outputs)
        weights.values.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = (2 * random.uniform() - 1) * limit }
        }
        return DenseLayer(weights: weights, bias: [Float](repeating: 0, count: outputs), activation: activation)
    }
}
