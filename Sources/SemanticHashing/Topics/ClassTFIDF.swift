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
/// Documents outside every cluster (assignment −1, the unassigned group) count nowhere.
public struct ClassTFIDF: Sendable {
    /// tf(t, c): `frequencies[c][t]`, K × V.
    public let frequencies: [[Double]]
    /// log(1 + A / f(t)) per term, 0 for a term in no cluster.
    public let inverseFrequencies: [Double]

    /// Counts the terms of `documents` grouped by `assignments` (values in 0..<clusterCount, or −1 for none).
    /// Complexity O(total non-zeros + K · V).
    public init(documents: [BagOfWords], assignments: [Int], clusterCount: Int, vocabularySize: Int) {
        precondition(documents.count == assignments.count, "one assignment per document")
        precondition(clusterCount >= 1, "need at least one cluster")
        var frequencies = [[Double]](repeating: [Double](repeating: 0, count: vocabularySize), count: clusterCount)
        for (document, cluster) in zip(documents, assignments) where cluster >= 0 {
            for (term, count) in zip(document.termIDs, document.counts) {
                frequencies[cluster][Int(term)] += Double(count)
            }
        }
        var termTotals = [Double](repeating: 0, count: vocabularySize)
        for row in frequencies {
            for term in 0..<vocabularySize { termTotals[term] += row[term] }
        }
        let averageWordsPerCluster = termTotals.reduce(0, +) / Double(clusterCount)
        self.frequencies = frequencies
        inverseFrequencies = termTotals.map { $0 > 0 ? log(1 + averageWordsPerCluster / $0) : 0 }
    }

    /// The weights of one word-frequency row: a cluster's, or the sum of several clusters' (a merged node of
    /// the topic tree, weighed with the same inverse frequencies).
    public func weights(of frequencies: [Double]) -> [Float] {
        let total = frequencies.reduce(0, +)
        guard total > 0 else { return [Float](repeating: 0, count: frequencies.count) }
        return zip(frequencies, inverseFrequencies).map { Float($0 / total * $1) }
    }

    /// The K × V weight matrix (`clusterCount` × `vocabularySize`) for documents grouped by `assignments`.
    public static func weights(documents: [BagOfWords], assignments: [Int], clusterCount: Int,
                               vocabularySize: Int) -> Matrix {
        let tfidf = ClassTFIDF(documents: documents, assignments: assignments, clusterCount: clusterCount,
                               vocabularySize: vocabularySize)
        return Matrix(rows: clusterCount, columns: vocabularySize,
                      values: tfidf.frequencies.flatMap { tfidf.weights(of: $0) })
    }
}

extension ClassTFIDF {
    /// The `count` readable words of highest c-TF-IDF weight of each of `clusterCount` clusters of
    /// `documents` (grouped by `assignments`, −1 for none): how topics are named, for any clustering (also
    /// a baseline's, so that its words can be scored the same way).
    public static func topWords(documents: [BagOfWords], assignments: [Int], clusterCount: Int,
                                vocabulary: Vocabulary, count: Int) -> [[TopicWord]] {
        let tfidf = ClassTFIDF(documents: documents, assignments: assignments, clusterCount: clusterCount,
                               vocabularySize: vocabulary.count)
        return tfidf.frequencies.map { TopicModel.topWords(tfidf.weights(of: $0), count: count, vocabulary: vocabulary).map(\.word) }
    }
}
