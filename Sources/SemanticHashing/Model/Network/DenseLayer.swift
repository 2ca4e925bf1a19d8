/// One fully connected layer of the autoencoder: `f(X·W + b)`.
///
/// Shapes: `weights` is inputs × outputs, `bias` has one entry per output.
public struct DenseLayer: Sendable, Equatable {
    public var weights: Matrix
    public var bias: [Float]
    public let activation: Activation

    public init(weights: Matrix, bias: [Float], activation: Activation) {
        precondition(bias.count == weights.columns, "one bias per output")
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    public var inputCount: Int { weights.rows }
    public var outputCount: Int { weights.columns }
}

/// The gradient of the loss with respect to one `DenseLayer`'s parameters (same shapes).
public struct DenseLayerGradient: Sendable, Equatable {
    public var weights: Matrix
    public var bias: [Float]

    /// A zero gradient shaped like `layer`.
    public init(zerosLike layer: DenseLayer) {
        weights = Matrix(rows: layer.inputCount, columns: layer.outputCount)
        bias = [Float](repeating: 0, count: layer.outputCount)
    }

    public init(weights: Matrix, bias: [Float]) {
        self.weights = weights
        self.bias = bias
    }
}
