/// Which part of a corpus with a standard train/test split to read.
public enum CorpusSplit: String, Codable, Sendable, CaseIterable {
    /// The training documents.
    case train
    /// The test documents.
    case test
    /// Every document, including those in neither split.
    case all
}
