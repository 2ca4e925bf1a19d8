import Foundation

/// Topic coherence by normalized pointwise mutual information (NPMI; Bouma 2009, as used to rate topics by
/// Aletras & Stevenson 2013 and Röder et al. 2015): how much more often a topic's top words occur in the
/// same documents than chance would have them.
///
/// Computed as gensim's `CoherenceModel(coherence="c_npmi")` with boolean document co-occurrence (each
/// document one window): with N documents, D(w) those containing w and D(w, v) those containing both,
///
///     NPMI(w, v) = log((P(w, v) + ε) / (P(w) · P(v))) / −log(P(w, v) + ε),   P(·) = D(·) / N,  ε = 10⁻¹²
///
/// averaged over every pair of a topic's words (gensim's "one preceding" segmentation pairs each word with
/// every word before it; NPMI is symmetric, so that is every unordered pair), natural logarithms. 1 when
/// the words always occur together, about 0 when independent, near −1 when they never meet. A pair with a
/// word that occurs in no document counts −1. Cost: one bit set of N bits per distinct word, and one AND
/// with population count per pair.
public enum TopicCoherence {
    /// gensim's `EPSILON`, which keeps the logarithm finite for words that never meet.
    public static let epsilon = 1e-12

    /// The NPMI coherence of each topic in `topics` (lists of term ids; a topic with fewer than two words
    /// scores 0) over `documents`, the corpus co-occurrence is counted in.
    public static func npmi(of topics: [[Int32]], documents: [BagOfWords]) -> [Double] {
        let n = documents.count
        let words = Set(topics.joined())
        let wordsPerBlock = 64
        var presence: [Int32: [UInt64]] = [:]
        for word in words { presence[word] = [UInt64](repeating: 0, count: (n + wordsPerBlock - 1) / wordsPerBlock) }
        for (index, document) in documents.enumerated() {
            for (term, count) in zip(document.termIDs, document.counts) where count > 0 && words.contains(term) {
                presence[term]![index / wordsPerBlock] |= 1 << UInt64(index % wordsPerBlock)
            }
        }
        let documentCounts = presence.mapValues { $0.reduce(0) { $0 + $1.nonzeroBitCount } }
        return topics.map { topic in
            var total = 0.0, pairs = 0
            for i in 1..<max(1, topic.count) {
                for j in 0..<i {
                    let a = presence[topic[i]]!, b = presence[topic[j]]!
                    var joint = 0
                    for block in a.indices { joint += (a[block] & b[block]).nonzeroBitCount }
                    total += npmi(joint: joint, first: documentCounts[topic[i]]!, second: documentCounts[topic[j]]!,
                                  documents: n)
                    pairs += 1
                }
            }
            return pairs > 0 ? total / Double(pairs) : 0
        }
    }

    /// NPMI of two words from document counts: `joint` documents hold both, `first` and `second` each.
    public static func npmi(joint: Int, first: Int, second: Int, documents: Int) -> Double {
        guard first > 0, second > 0, documents > 0 else { return -1 }
        let n = Double(documents)
        let jointProbability = Double(joint) / n
        let ratio = (jointProbability + epsilon) / ((Double(first) / n) * (Double(second) / n))
        return log(ratio) / -log(jointProbability + epsilon)
    }
}
