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

/// Re-ranks a shortlist that the codes ordered with lexical evidence, by reciprocal-rank fusion (Cormack,
/// Clarke & Büttcher 2009): each shortlisted document scores 1/(c + code rank) + 1/(c + BM25 rank), ranks
/// counted from 1 within the shortlist (BM25 lengths measured against the shortlist's mean length), and the shortlist is ordered by that score, ties by code rank.
/// Documents the codes place outside the shortlist keep their code order after it (`RetrievalMethod`s that
/// rank a whole database: `HybridCodes`).
///
/// The codes bring meaning (documents without a shared word), the words bring precision at the top (the
/// exact term a question names); fusing ranks rather than scores needs no calibration between the two.
public struct LexicalReranking: Sendable, Equatable {
    /// How many documents the codes shortlist. Default 500: on a validation split of 20 Newsgroups, 100,
    /// 200 and 500 gave P@10 0.528, 0.534 and 0.544 (BENCHMARKS.md); reading 500 bags costs a few
    /// milliseconds.
    public var shortlistSize: Int
    /// The fusion constant c: larger values flatten the difference between the top ranks. Default 60, the
    /// value of the fusion's paper.
    public var fusionConstant: Double
    /// How much the words' rank counts against the codes' (1: alike): a document scores
    /// 1/(c + code rank) + w/(c + BM25 rank).
    public var lexicalWeight: Double

    public init(shortlistSize: Int = 500, fusionConstant: Double = 60, lexicalWeight: Double = 1) {
        precondition(shortlistSize >= 1, "the shortlist holds at least one document")
        precondition(fusionConstant > 0, "the fusion constant must be positive")
        precondition(lexicalWeight >= 0, "the lexical weight must not be negative")
        self.shortlistSize = shortlistSize
        self.fusionConstant = fusionConstant
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

    /// The fused order of a shortlist: positions into `lexicalScores`, whose entry i is the BM25 score of the
    /// document the codes ranked i-th (0-based, best first). BM25 ranks order equal scores by code rank.
    public func fusedOrder(lexicalScores: [Double]) -> [Int] { fused(lexicalScores: lexicalScores).map(\.position) }

    /// The fused order with each document's fusion distance: 1 − score / ((1 + w) / (c + 1)), 0 for a document
    /// first by both codes and words, growing towards 1 down the list (what `ask` reports for a hybrid hit).
    public func fused(lexicalScores: [Double]) -> [(position: Int, distance: Double)] {
        let count = lexicalScores.count
        let byLexical = (0..<count).sorted { a, b in
            lexicalScores[a] != lexicalScores[b] ? lexicalScores[a] > lexicalScores[b] : a < b
        }
        var lexicalRank = [Int](repeating: 0, count: count)
        for (rank, position) in byLexical.enumerated() { lexicalRank[position] = rank + 1 }
        let fused = (0..<count).map { position in
            1 / (fusionConstant + Double(position + 1)) + lexicalWeight / (fusionConstant + Double(lexicalRank[position]))
        }
        let best = (1 + lexicalWeight) / (fusionConstant + 1)
        return (0..<count).sorted { a, b in fused[a] != fused[b] ? fused[a] > fused[b] : a < b }
            .map { (position: $0, distance: 1 - fused[$0] / best) }
    }
}
