/// The update rule of back-propagation fine-tuning.
public enum FineTuningOptimizer: String, Codable, Sendable, CaseIterable {
    /// Stochastic gradient descent with momentum and L2 weight cost (Hinton-style increments).
    case momentum
    /// Adam (Kingma & Ba 2015) with bias correction; the weight cost is added to the gradient.
    case adam
}
