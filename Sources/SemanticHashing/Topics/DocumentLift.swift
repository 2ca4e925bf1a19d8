import Foundation

/// The words that set a topic's documents apart, by how much more often documents in the topic contain them
/// than documents outside it: for topic c and term t, with p_in the share of c's documents containing t and
/// p_out the share of the other documents containing it,
///
///     L(t, c) = p_in · ln(p_in / p_out),   p_out = (D_out(t) + ½) / (N_out + 1)
///
/// the term's contribution to the Kullback–Leibler divergence of the topic's word presence from the rest
/// (the "keyness" of corpus linguistics; cf. the lift term of Sievert & Shirley's relevance, 2014). It is
/// high for words most of the topic's documents use and few others do, and drops the words every topic
/// uses ("just", "like", "think"), which class-based TF-IDF (`ClassTFIDF`), counting occurrences rather
/// than documents, keeps near the top. Measured on the 20 Newsgroups training set (BENCHMARKS.md): the mean
/// NPMI of the top-10 words rises from 0.289 (c-TF-IDF) to 0.35 with the same topics. Only words with
/// p_in > p_out score above 0. Add-half smoothing keeps p_out positive.
public struct DocumentLift: Sendable {
    /// D(t, c): `documentFrequencies[c][t]`, the number of c's documents containing t; K × V.
    public let documentFrequencies: [[Int]]
    /// The number of documents in each topic.
    public let sizes: [Int]
    /// The number of documents containing each term, over all documents (assigned or not).
    public let totalFrequencies: [Int]
    /// The number of documents, assigned or not.
    public let documentCount: Int

    /// Counts the documents containing each term per topic of `assignments` (−1: in no topic, counted only
    /// among the others). O(total non-zeros + K · V).
    public init(documents: [BagOfWords], assignments: [Int], clusterCount: Int, vocabularySize: Int) {
        precondition(documents.count == assignments.count, "one assignment per document")
        var frequencies = [[Int]](repeating: [Int](repeating: 0, count: vocabularySize), count: clusterCount)
        var totals = [Int](repeating: 0, count: vocabularySize)
        var sizes = [Int](repeating: 0, count: clusterCount)
        for (document, cluster) in zip(documents, assignments) {
            if cluster >= 0 { sizes[cluster] += 1 }
            for (term, count) in zip(document.termIDs, document.counts) where count > 0 {
                totals[Int(term)] += 1
                if cluster >= 0 { frequencies[cluster][Int(term)] += 1 }
            }
        }
        documentFrequencies = frequencies
        self.sizes = sizes
        totalFrequencies = totals
        documentCount = documents.count
    }

    /// L(t, ·) for every term, for the documents of `topics` taken together (one topic, or a node of the
    /// topic tree). When no document lies outside them (the root of the tree over a corpus without
    /// unassigned documents), nothing sets them apart, and the score is p_in: the words most of them contain.
    public func scores(of topics: [Int]) -> [Float] {
        let inside = topics.reduce(0) { $0 + sizes[$1] }
        guard inside > 0 else { return [Float](repeating: 0, count: totalFrequencies.count) }
        guard documentCount > inside else {
            return totalFrequencies.indices.map { term in
                Float(topics.reduce(0) { $0 + documentFrequencies[$1][term] }) / Float(inside)
            }
        }
        let outside = Double(documentCount - inside)
        return totalFrequencies.indices.map { term in
            let containing = topics.reduce(0) { $0 + documentFrequencies[$1][term] }
            guard containing > 0 else { return 0 }
            let shareInside = Double(containing) / Double(inside)
            let shareOutside = (Double(totalFrequencies[term] - containing) + 0.5) / (outside + 1)
            return Float(max(0, shareInside * log(shareInside / shareOutside)))
        }
    }
}

extension DocumentLift {
    /// The `count` readable words of highest score of each of `clusterCount` clusters of `documents`
    /// (grouped by `assignments`, −1 for none): how topics are named, for any clustering (also a
    /// baseline's, so that its words can be scored the same way).
    public static func topWords(documents: [BagOfWords], assignments: [Int], clusterCount: Int,
                                vocabulary: Vocabulary, count: Int) -> [[TopicWord]] {
        let lift = DocumentLift(documents: documents, assignments: assignments, clusterCount: clusterCount,
                                vocabularySize: vocabulary.count)
        return (0..<clusterCount).map { TopicModel.topWords(lift.scores(of: [$0]), count: count, vocabulary: vocabulary).map(\.word) }
    }
}
