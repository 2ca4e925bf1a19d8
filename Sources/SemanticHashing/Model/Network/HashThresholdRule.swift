/// Where each code unit is cut to make a bit of the hash.
public enum HashThresholdRule: String, Codable, Sendable, CaseIterable {
    /// The unit's median over the training documents: every bit splits the corpus in half, which uses the
    /// Hamming space best whatever the code units.
    case trainingMedian
    /// The middle of the unit's range: 0.5 for logistic codes, 0 for linear codes.
    case midpoint
}
