/// The kind of units in the code layer, the narrowest layer of the autoencoder.
public enum CodeUnits: String, Codable, Sendable, CaseIterable {
    /// Linear units (Gaussian with unit variance in the top RBM; Hinton & Salakhutdinov 2006): real codes,
    /// best for Euclidean retrieval. Hashes threshold each unit at its training median.
    case linear
    /// Logistic units; during fine-tuning fixed Gaussian noise is added to their inputs so that they become
    /// bimodal and round well to bits ("Semantic hashing", Salakhutdinov & Hinton 2009, section 3).
    case logistic

    var activation: Activation { self == .linear ? .linear : .logistic }
}
