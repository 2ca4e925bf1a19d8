import Foundation

/// Class-based TF-IDF (c-TF-IDF, Grootendorst 2022, "BERTopic", section 3.3): the words that set a cluster
/// of documents apart from the others, treating each cluster as one long document.
///
/// For cluster c and term t, with tf(t, c) the count of t in the concatenated documents of c:
///
///     W(t, c) = tf(t, c) / Σ_t' tf(t', c)  ×  log(1 + A / f(t))
///
/// where the first factor is the term frequency normalised by the cluster's size in words (L1, as
/// BERTopic's `ClassTfidfTransformer`), f(t) = Σ_c tf(t, c) is the frequency of t across all clusters, and
/// A = Σ_{t,c} tf(t, c) / K is the average number of words per cluster (not truncated to an integer).
/// Natural logarithm. A term absent from all clusters, and every term of a cluster without words, weighs 0.
public enum ClassTFIDF {
    /// The K × V weight matrix (`clusterCount` × `vocabularySize`) for documents grouped by `assignments`.
    /// Complexity O(total non-zeros + K · V).
    public static func weights(documents: [BagOfWords], assignments: [Int], clusterCount: Int,
                               vocabularySize: Int) -> Matrix {
        precondition(documents.count == assignments.count, "one assignment per document")
        precondition(clusterCount >= 1, "need at least one cluster")
        var frequencies = [Double](repeating: 0, count: clusterCount * vocabularySize)
        for (document, cluster) in zip(documents, assignments) {
            for (term, count) in zip(document.termIDs, document.counts) {
                frequencies[cluster * vocabularySize + Int(term)] += Double(count)
            }
        }
        var termTotals = [Double](repeating: 0, count: vocabularySize)
        var clusterTotals = [Double](repeating: 0, count: clusterCount)
        for cluster in 0..<clusterCount {
            for term in 0..<vocabularySize {
                let frequency = frequencies[cluster * vocabularySize + term]
                termTotals[term] += frequency
                clusterTotals[cluster] += frequency
            }
        }
        let averageWordsPerCluster = clusterTotals.reduce(0, +) / Double(clusterCount)
        let inverseFrequencies = termTotals.map { $0 > 0 ? log(1 + averageWordsPerCluster / $0) : 0 }
        var weights = Matrix(rows: clusterCount, columns: vocabularySize)
        for cluster in 0..<clusterCount where clusterTotals[cluster] > 0 {
            for term in 0..<vocabularySize {
                let frequency = frequencies[cluster * vocabularySize + term] / clusterTotals[cluster]
                weights[cluster, term] = Float(frequency * inverseFrequencies[term])
            }
        }
        return weights
    }
}
