import Foundation

/// Okapi BM25 scores of stored bags of words against a question's bag: the lexical evidence that
/// `LexicalReranking` adds to a code shortlist, as "Semantic hashing" (Salakhutdinov & Hinton 2009,
/// section 4) re-ranked its shortlist with TF-IDF.
///
/// score(q, d) = Σₜ qtf(t) · idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)), with Lucene's
/// non-negative idf(t) = ln(1 + (n − df(t) + 0.5) / (df(t) + 0.5)): the formula of `BM25Baseline`, computed
/// here one document at a time by a merge of the two sorted term lists (O(terms of q + terms of d)).
public struct BM25Scorer: Sendable {
    public let parameters: BM25Parameters
    /// idf per vocabulary term.
    public let inverseDocumentFrequencies: [Double]

    /// - Parameter documentFrequencies: for each vocabulary term, the number of documents containing it,
    ///   out of `documentCount` (an index uses its vocabulary's counts over the training corpus).
    public init(documentFrequencies: [Int], documentCount: Int, parameters: BM25Parameters = BM25Parameters()) {
        let n = Double(documentCount)
        inverseDocumentFrequencies = documentFrequencies.map { df in log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5)) }
        self.parameters = parameters
    }

    /// BM25 with an index's own statistics: its vocabulary's document frequencies over the training corpus.
    public init(vocabulary: Vocabulary, parameters: BM25Parameters = BM25Parameters()) {
        self.init(documentFrequencies: vocabulary.documentFrequencies, documentCount: vocabulary.documentCount,
                  parameters: parameters)
    }

    /// The BM25 score of `document` for `query` (higher is better; 0 when they share no term), with
    /// `averageLength` the mean `BagOfWords.length` that document lengths are measured against (0: none).
    public func score(query: BagOfWords, document: BagOfWords, averageLength: Double) -> Double {
        let lengthRatio = averageLength > 0 ? Double(document.length) / averageLength : 0
        let saturation = parameters.k1 * (1 - parameters.b + parameters.b * lengthRatio)
        var score = 0.0
        var q = 0, d = 0
        while q < query.termIDs.count && d < document.termIDs.count {
            let queryTerm = query.termIDs[q], documentTerm = document.termIDs[d]
            if queryTerm < documentTerm {
                q += 1
            } else if documentTerm < queryTerm {
                d += 1
            } else {
                let tf = Double(document.counts[d])
                if tf > 0 {
                    score += Double(query.counts[q]) * inverseDocumentFrequencies[Int(queryTerm)]
                        * tf * (parameters.k1 + 1) / (tf + saturation)
                }
                q += 1
                d += 1
            }
        }
        return score
    }
}

/// Re-ranks a shortlist that the codes ordered with lexical evidence, by fusing scores: each shortlisted
/// document scores (1 − w) · its code closeness + w · its BM25 score, each scaled to [0, 1] over the shortlist
/// (closeness: 1 for the nearest code, 0 for the farthest; BM25: the score over the shortlist's best), and the
/// shortlist is ordered by that score, ties by code rank (BM25 lengths measured against the shortlist's mean
/// length). Documents the codes place outside the shortlist keep their code order after it
/// (`RetrievalMethod`s that rank a whole database: `HybridCodes`).
///
/// The codes bring meaning (documents without a shared word), the words bring precision at the top (the
/// exact term a question names). Fusing scaled scores rather than ranks (reciprocal-rank fusion, the earlier
/// default) lets a document that matches the question's words far better than the rest lead: on the
/// validation split of 20 Newsgroups it lifted P@1 from 0.640 to 0.678 (BM25 alone: 0.675), P@10 from 0.571
/// to 0.575 and P@100 from 0.459 to 0.465 (BENCHMARKS.md).
public struct LexicalReranking: Sendable, Equatable {
    /// How many documents the codes shortlist. Default 500: on a validation split of 20 Newsgroups, 100,
    /// 200 and 500 gave P@10 0.528, 0.534 and 0.544 (BENCHMARKS.md); reading 500 bags costs a few
    /// milliseconds.
    public var shortlistSize: Int
    /// The words' share w of the fused score, from 0 (the codes' order) to 1 (BM25's order within the
    /// shortlist). Default 0.6, chosen on the validation split: 0.5, 0.6 and 0.7 gave P@1 0.671, 0.678 and
    /// 0.680 and P@100 0.469, 0.465 and 0.459.
    public var lexicalWeight: Double

    public init(shortlistSize: Int = 500, lexicalWeight: Double = 0.6) {
        precondition(shortlistSize >= 1, "the shortlist holds at least one document")
        precondition((0...1).contains(lexicalWeight), "the lexical weight lies between 0 and 1")
        self.shortlistSize = shortlistSize
        self.lexicalWeight = lexicalWeight
    }

    /// The shortlist size for a top-k answer: the configured size, or k when k is larger.
    public func shortlistSize(k: Int) -> Int { max(shortlistSize, k) }

    /// The BM25 scores of a shortlist's bags for `query`, lengths measured against the shortlist's mean
    /// length: the shortlist is what is ranked, and its mean needs no pass over the whole index (a scan of
    /// every document's length cost `ask` tens of milliseconds).
    public func lexicalScores(query: BagOfWords, shortlist: [BagOfWords], scorer: BM25Scorer) -> [Double] {
        let total = shortlist.reduce(0.0) { $0 + Double($1.length) }
        let averageLength = shortlist.isEmpty ? 0 : total / Double(shortlist.count)
        return shortlist.map { scorer.score(query: query, document: $0, averageLength: averageLength) }
    }

    /// The fused order of a shortlist: positions into `codeDistances` and `lexicalScores`, whose entries i are
    /// the code distance and BM25 score of the document the codes ranked i-th (0-based, nearest first).
    public func fusedOrder(codeDistances: [Double], lexicalScores: [Double]) -> [Int] {
        fused(codeDistances: codeDistances, lexicalScores: lexicalScores).map(\.position)
    }

    /// The fused order with each document's fusion distance, 1 − its fused score: 0 for a document nearest by
    /// code and best by words, 1 for one farthest by code with no word of the question (what `ask` reports
    /// for a hybrid hit).
    public func fused(codeDistances: [Double], lexicalScores: [Double]) -> [(position: Int, distance: Double)] {
        precondition(codeDistances.count == lexicalScores.count, "one code distance per lexical score")
        let nearest = codeDistances.min() ?? 0, farthest = codeDistances.max() ?? 0
        let spread = farthest - nearest
        let bestWords = lexicalScores.max() ?? 0
        let fused = zip(codeDistances, lexicalScores).map { distance, words in
            let closeness = spread > 0 ? (farthest - distance) / spread : 1
            let match = bestWords > 0 ? words / bestWords : 0
            return (1 - lexicalWeight) * closeness + lexicalWeight * match
        }
        return (0..<fused.count).sorted { a, b in fused[a] != fused[b] ? fused[a] > fused[b] : a < b }
            .map { (position: $0, distance: 1 - fused[$0]) }
    }
}
