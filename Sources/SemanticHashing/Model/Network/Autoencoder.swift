#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The deep autoencoder obtained by unrolling a pretrained `DeepBeliefNet` (Hinton & Salakhutdinov 2006):
/// the encoder applies the RBMs' weights and hidden biases bottom up; the decoder applies their transposes
/// and visible biases top down, ending in a softmax over the vocabulary. Encoder and decoder weights are
/// separate copies after unrolling and are fine-tuned independently.
///
/// `layers` holds the encoder (`encoderDepth` layers, the last producing the code) followed by the decoder.
/// The first layer's input is the document in the configured `inputTransform`; its biases are scaled by
/// each document's length when the transform is `.counts`. Under `.scaledLogTFIDF`, `inputWeighting` holds
/// the idf learned from the training documents.
public struct Autoencoder: Sendable, Equatable {
    /// Encoder layers, then decoder layers.
    public var layers: [DenseLayer]
    /// How many of `layers` form the encoder; the last of them outputs the code.
    public let encoderDepth: Int
    /// How word counts become the first layer's input.
    public let inputTransform: InputTransform
    /// The idf and scale of `.scaledLogTFIDF`; nil for every other transform.
    public let inputWeighting: InputWeighting?

    public init(layers: [DenseLayer], encoderDepth: Int, inputTransform: InputTransform,
                inputWeighting: InputWeighting? = nil) {
        precondition((inputTransform == .scaledLogTFIDF) == (inputWeighting != nil),
                     "an input weighting goes with .scaledLogTFIDF only")
        precondition(inputWeighting.map { $0.inverseDocumentFrequencies.count == layers[0].inputCount } ?? true,
                     "one idf per vocabulary word")
        precondition(encoderDepth > 0 && encoderDepth < layers.count, "need an encoder and a decoder")
        for (lower, upper) in zip(layers, layers.dropFirst()) {
            precondition(lower.outputCount == upper.inputCount, "consecutive layer widths differ")
        }
        precondition(layers.first!.inputCount == layers.last!.outputCount, "the output must match the input")
        self.layers = layers
        self.encoderDepth = encoderDepth
        self.inputTransform = inputTransform
        self.inputWeighting = inputWeighting
    }

    /// Unrolls `network`: encoder `W_i, b_hidden_i`, decoder `W_iᵀ, b_visible_i` in reverse order.
    public init(unrolling network: DeepBeliefNet, inputTransform: InputTransform, inputWeighting: InputWeighting? = nil) {
        let encoder = network.machines.map {
            DenseLayer(weights: $0.weights, bias: $0.hiddenBias, activation: $0.hiddenUnits)
        }
        let decoder = network.machines.reversed().map {
            DenseLayer(weights: $0.weights.transposed(), bias: $0.visibleBias, activation: $0.visibleUnits)
        }
        self.init(layers: encoder + decoder, encoderDepth: encoder.count, inputTransform: inputTransform,
                  inputWeighting: inputWeighting)
    }

    public var vocabularySize: Int { layers[0].inputCount }
    public var codeSize: Int { layers[encoderDepth - 1].outputCount }
    public var codeActivation: Activation { layers[encoderDepth - 1].activation }

    /// Codes of the batch's documents (batch × codeSize): the encoder alone, one product per layer.
    public func encode(_ batch: VisibleBatch) -> Matrix {
        encoderOutput(through: encoderDepth - 1, of: batch)
    }

    /// The outputs of encoder layer `last` for the batch's documents, computed through layers `0...last`.
    func encoderOutput(through last: Int, of batch: VisibleBatch) -> Matrix {
        var activations = output(of: 0, input: batch.input, biasScales: batch.hiddenBiasScales,
                                 codeNoise: nil)
        for index in stride(from: 1, through: last, by: 1) {
            activations = output(of: index, input: .dense(activations), biasScales: nil, codeNoise: nil)
        }
        return activations
    }

    /// Word distributions (codes.rows × vocabulary, rows summing to 1) the decoder assigns to `codes`.
    public func decode(_ codes: Matrix) -> Matrix {
        precondition(codes.columns == codeSize, "codes have \(codes.columns) units, expected \(codeSize)")
        var activations = codes
        for index in encoderDepth..<layers.count {
            activations = output(of: index, input: .dense(activations), biasScales: nil, codeNoise: nil)
        }
        return activations
    }

    /// Reconstruction cross-entropy (nats per document, the mean over the batch) of the documents'
    /// word distributions under the decoder's softmax, and its gradient for every layer, by back-propagation.
    ///
    /// `codeNoise` (batch × codeSize) is added to the code units' total input before their activation.
    /// With `codeTargets` (logistic codes only), the loss adds their weight times the mean over code units of
    /// the cross-entropy between each unit's output (noise included) and its target bit, per document; its
    /// gradient enters at the code layer (see `SpectralTeacher`). The gradient is written into `gradient` (one
    /// entry per layer, shaped like it; its previous contents are ignored), so that one set of buffers serves
    /// every minibatch. The layers in `frozenLayers` get no gradient (their entries are left as they were), and
    /// deltas are back-propagated only as far down as the lowest layer that is not frozen.
    /// Cost: one product per layer forward, two per layer backward (one for the first layer, one for a frozen
    /// layer, none below the lowest trained layer); the first layer's read the batch's sparse input, so they
    /// cost what the words present cost.
    public func lossAndGradient(on batch: VisibleBatch, codeNoise: Matrix? = nil, codeTargets: CodeBitTargets? = nil,
                                frozenLayers: Set<Int> = [], into gradient: inout [DenseLayerGradient]) -> Double {
        precondition(gradient.count == layers.count, "one gradient per layer")
        precondition(codeTargets.map { codeActivation == .logistic && $0.bits.rows == batch.count
                         && $0.bits.columns == codeSize } ?? true, "one target bit per logistic code unit and document")
        guard let target = batch.wordDistribution else { preconditionFailure("fine-tuning needs word distributions") }
        let batchSize = batch.count
        var activations: [Matrix] = []
        activations.reserveCapacity(layers.count)
        var input = batch.input
        for index in 0..<(layers.count - 1) {
            let result = output(of: index, input: input, biasScales: index == 0 ? batch.hiddenBiasScales : nil,
                                codeNoise: index == encoderDepth - 1 ? codeNoise : nil)
            activations.append(result)
            input = .dense(result)
        }
        // δ = ∂(mean cross-entropy)/∂logits = (q − p) / batch, with q the output's softmax, replaces the logits.
        var delta = preActivation(of: layers.count - 1, input: input, biasScales: nil)
        var totalLoss = delta.replaceBySoftmaxCrossEntropyGradient(target: target, scale: 1 / Float(batchSize))
        if let codeTargets { totalLoss += Self.bitCrossEntropy(of: activations[encoderDepth - 1], codeTargets) }
        let lowestTrained = Self.lowestTrainedLayer(layerCount: layers.count, frozenLayers: frozenLayers)
        for index in stride(from: layers.count - 1, through: lowestTrained, by: -1) {
            if !frozenLayers.contains(index) {
                let layerInput = index == 0 ? batch.input : .dense(activations[index - 1])
                layerInput.multiplyTransposed(with: delta, into: &gradient[index].weights)
                if index == 0, let scales = batch.hiddenBiasScales {
                    gradient[index].bias = delta.columnSums(rowWeights: scales)
                } else {
                    gradient[index].bias = delta.columnSums()
                }
            }
            guard index > lowestTrained else { break }
            var below = Matrix(rows: batchSize, columns: layers[index].inputCount)
            Matrix.multiply(delta, layers[index].weights, into: &below, transposeB: .transposed)
            switch layers[index - 1].activation {
            case .logistic: below.multiplyBySigmoidDerivative(of: activations[index - 1])
            case .linear: break
            case .softmax: preconditionFailure("softmax is only the output layer")
            }
            if index - 1 == encoderDepth - 1, let codeTargets {
                // ∂/∂z of λ · mean over units of the cross-entropy, per document: λ (h − t) / (units · batch).
                below.add(activations[index - 1], scaledBy: codeTargets.weight / Float(codeSize * batchSize))
                below.add(codeTargets.bits, scaledBy: -codeTargets.weight / Float(codeSize * batchSize))
            }
            delta = below
        }
        return totalLoss / Double(batchSize)
    }

    /// The sum over the batch of the targets' weight times the mean over units of −[t log h + (1 − t) log(1 − h)],
    /// the outputs h clamped to [10⁻⁷, 1 − 10⁻⁷] so that a unit saturated in Float costs a finite amount.
    private static func bitCrossEntropy(of outputs: Matrix, _ targets: CodeBitTargets) -> Double {
        let smallest = 1e-7
        var total = 0.0
        for (output, bit) in zip(outputs.values, targets.bits.values) {
            let h = min(max(Double(output), smallest), 1 - smallest)
            total -= Double(bit) * log(h) + (1 - Double(bit)) * log(1 - h)
        }
        return Double(targets.weight) * total / Double(outputs.columns)
    }

    /// Floating-point operations of the products of one `lossAndGradient` call on `batch` with `frozenLayers`:
    /// forward products for every layer, weight-gradient products for the trained ones, back-propagated deltas
    /// above the lowest trained layer; the first layer's counted by the input's stored entries when it is sparse.
    public func flopsPerTrainingStep(on batch: VisibleBatch, frozenLayers: Set<Int> = []) -> Double {
        Double(frozenLayers.contains(0) ? 1 : 2) * batch.input.productFlops(outputs: layers[0].outputCount)
            + Self.trainingStepFlopsAboveInput(batchSize: batch.count,
                                                layerShapes: layers.map { ($0.inputCount, $0.outputCount) },
                                                frozenLayers: frozenLayers)
    }

    /// The products of `lossAndGradient` that are dense whatever the input, for layers of the given
    /// (inputs, outputs) shapes: forward products of every layer but the first, weight-gradient products of the
    /// trained ones among them, and back-propagated deltas of the layers above the lowest trained one.
    static func trainingStepFlopsAboveInput(batchSize: Int, layerShapes: [(Int, Int)],
                                            frozenLayers: Set<Int> = []) -> Double {
        let lowestTrained = lowestTrainedLayer(layerCount: layerShapes.count, frozenLayers: frozenLayers)
        return layerShapes.indices.dropFirst().map { index in
            let product = 2 * Double(batchSize) * Double(layerShapes[index].0) * Double(layerShapes[index].1)
            let passes = 1 + (frozenLayers.contains(index) ? 0 : 1) + (index > lowestTrained ? 1 : 0)
            return product * Double(passes)
        }.reduce(0, +)
    }

    /// The lowest layer not in `frozenLayers` (`layerCount` when all are frozen): back-propagation stops there.
    private static func lowestTrainedLayer(layerCount: Int, frozenLayers: Set<Int>) -> Int {
        (0..<layerCount).first { !frozenLayers.contains($0) } ?? layerCount
    }

    private func preActivation(of index: Int, input: LayerInput, biasScales: [Float]?) -> Matrix {
        let layer = layers[index]
        var result = Matrix(rows: input.rows, eachRow: layer.bias, scaledBy: biasScales)
        input.multiply(by: layer.weights, into: &result, beta: 1)
        return result
    }

    func output(of index: Int, input: LayerInput, biasScales: [Float]?, codeNoise: Matrix?) -> Matrix {
        var result = preActivation(of: index, input: input, biasScales: biasScales)
        if let codeNoise { result.add(codeNoise) }
        layers[index].activation.apply(to: &result)
        return result
    }
}
