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
