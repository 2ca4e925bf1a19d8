/// How a search ranks documents.
public enum SearchMetric: String, Sendable, CaseIterable {
    /// By Hamming distance between hashes (ties by real-code distance, then index).
    case hamming
    /// By Euclidean distance between real codes.
    case euclidean
    /// Semantic hashing's two stages (Salakhutdinov & Hinton 2009, section 4): a Hamming-ball shortlist,
    /// re-ranked by Euclidean distance between real codes.
    case cascade
}
