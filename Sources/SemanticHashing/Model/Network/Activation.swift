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
