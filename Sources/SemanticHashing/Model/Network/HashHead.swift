/// The second encoder of a model that hashes for Hamming distance: the words' layers of a copy of the
/// trained real-code network, ending in `bitCount` logistic units fine-tuned with code noise (the
/// semantic-hashing recipe, Salakhutdinov & Hinton 2009), whose outputs cut at 0.5 are the hash.
///
/// It reads the same input as the real-code encoder (same transform and idf), so one batch of sparse inputs
/// feeds both. Only the encoder is kept: a hash is never decoded.
public struct HashHead: Sendable, Equatable {
    /// Encoder layers, words first; the last has `bitCount` logistic units.
    public let layers: [DenseLayer]

    /// Where each logistic unit is cut into a bit: the midpoint of its range.
    public static let threshold: Float = 0.5

    public init(layers: [DenseLayer]) {
        precondition(!layers.isEmpty && layers.last?.activation == .logistic, "a hash head ends in logistic units")
        for (lower, upper) in zip(layers, layers.dropFirst()) {
            precondition(lower.outputCount == upper.inputCount, "consecutive layer widths differ")
        }
        self.layers = layers
    }

    /// The encoder of a network fine-tuned with a logistic code: its layers up to the code.
    public init(encoderOf network: Autoencoder) {
        self.init(layers: Array(network.layers.prefix(network.encoderDepth)))
    }

    /// Bits per hash.
    public var bitCount: Int { layers[layers.count - 1].outputCount }
    /// Words the head reads.
    public var vocabularySize: Int { layers[0].inputCount }

    /// The logistic code units' outputs for the batch's documents (batch × bitCount), in (0, 1).
    public func activations(of batch: VisibleBatch) -> Matrix {
        var activations = layers[0].output(for: batch.input, biasScales: batch.hiddenBiasScales)
        for layer in layers.dropFirst() { activations = layer.output(for: .dense(activations)) }
        return activations
    }
}
