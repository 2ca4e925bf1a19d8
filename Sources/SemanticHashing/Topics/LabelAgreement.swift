/// How well the topics agree with the documents' labels (see `ClusteringAgreement`).
///
/// Computed over the documents with at least one label; a multi-label document counts with its first label
/// only, so that every document has exactly one class.
public struct LabelAgreement: Sendable, Equatable, Codable {
    /// Normalized mutual information, arithmetic-mean normalisation (scikit-learn's default).
    public let normalizedMutualInformation: Double
    /// The share of documents whose topic's majority label is their own.
    public let purity: Double
    /// The number of labelled documents compared.
    public let documentCount: Int

    public init(normalizedMutualInformation: Double, purity: Double, documentCount: Int) {
        self.normalizedMutualInformation = normalizedMutualInformation
        self.purity = purity
        self.documentCount = documentCount
    }

    /// The agreement of `topics` (one per document) with the first label of each labelled document, or nil
    /// when no document has a label.
    public init?(topics: [Int], labels: [[String]]) {
        precondition(topics.count == labels.count, "one label list per document")
        var clusters: [Int] = [], classes: [String] = []
        for (topic, documentLabels) in zip(topics, labels) {
            guard let first = documentLabels.first else { continue }
            clusters.append(topic)
            classes.append(first)
        }
        guard !clusters.isEmpty else { return nil }
        self.init(normalizedMutualInformation: ClusteringAgreement.normalizedMutualInformation(clusters: clusters, classes: classes),
                  purity: ClusteringAgreement.purity(clusters: clusters, classes: classes),
                  documentCount: clusters.count)
    }
}
