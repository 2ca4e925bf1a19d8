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

    /// `f(X·W + b)` for the rows of `input`; with `biasScales`, row `i`'s bias is scaled by `biasScales[i]`
    /// (the word layer's length-scaled biases under `.counts`).
    func output(for input: LayerInput, biasScales: [Float]? = nil) -> Matrix {
        var result = Matrix(rows: input.rows, eachRow: bias, scaledBy: biasScales)
        input.multiply(by: weights, into: &result, beta: 1)
        activation.apply(to: &result)
        return result
    }
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

/// The response of a layer's units to their total input `x`.
public enum Activation: String, Codable, Sendable {
    /// `1 / (1 + e^(−x))`: binary stochastic units in an RBM, sigmoid units in the autoencoder.
    case logistic
    /// `x`: Gaussian units of unit variance in an RBM (their mean), identity in the autoencoder.
    case linear
    /// The row softmax over the vocabulary: the word layer of an RBM and the autoencoder's output.
    case softmax

    /// The activations by their byte code in model files and checkpoints (0 logistic, 1 linear, 2 softmax).
    static let storageOrder: [Activation] = [.logistic, .linear, .softmax]

    /// Applies the activation in place to a matrix of total inputs (one example per row).
    func apply(to matrix: inout Matrix) {
        switch self {
        case .logistic: matrix.applySigmoid()
        case .linear: return
        case .softmax: matrix.applyRowSoftmax()
        }
    }
}
