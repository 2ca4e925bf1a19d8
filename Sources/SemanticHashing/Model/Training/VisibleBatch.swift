/// A minibatch as a layer sees it: one example per row of `values`.
///
/// For the word layer, `values` are the transformed counts and the batch also carries each document's
/// length N and its word distribution (count / N), the target of reconstruction. For higher layers only
/// `values` (the hidden probabilities of the layer below) are set.
public struct VisibleBatch: Sendable {
    /// Inputs, batch × units.
    public var values: Matrix
    /// In-vocabulary token counts N per document (word layer only).
    public var lengths: [Float]?
    /// Word distributions count / N, batch × vocabulary (word layer only); a zero row for an empty bag.
    public var wordDistribution: Matrix?
    /// Per-row multipliers of the first layer's hidden biases (N for the replicated softmax), else nil.
    public var hiddenBiasScales: [Float]?

    /// A batch of plain inputs for a layer above the words.
    public init(values: Matrix) {
        self.values = values
    }

    /// Densifies `bags[indices]` (cost: batch × vocabulary to clear, plus one write per stored term).
    ///
    /// An empty bag becomes a zero input row with length 0 (and bias scale 0 under `.counts`).
    /// `.scaledLogTFIDF` needs the model's `weighting` (cost: one more pass over the batch).
    public init(bags: [BagOfWords], indices: some Collection<Int>, vocabularySize: Int, transform: InputTransform,
                weighting: InputWeighting? = nil) {
        precondition((transform == .scaledLogTFIDF) == (weighting != nil), "weighting goes with .scaledLogTFIDF only")
        let batchSize = indices.count
        var values = Matrix(rows: batchSize, columns: vocabularySize)
        var distribution = Matrix(rows: batchSize, columns: vocabularySize)
        var lengths = [Float](repeating: 0, count: batchSize)
        values.values.withUnsafeMutableBufferPointer { input in
            distribution.values.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    let bag = bags[index]
                    let length = bag.length
                    lengths[row] = length
                    guard length > 0 else { continue }
                    let offset = row * vocabularySize
                    for (term, count) in zip(bag.termIDs, bag.counts) {
                        let column = Int(term)
                        precondition(column >= 0 && column < vocabularySize, "term id \(term) outside the vocabulary")
                        input[offset + column] = transform.input(count: count, length: length)
                        target[offset + column] = count / length
                    }
                }
            }
        }
        weighting?.transform(&values)
        self.values = values
        self.lengths = lengths
        self.wordDistribution = distribution
        self.hiddenBiasScales = transform.scalesHiddenBiasesByLength ? lengths : nil
    }

    /// The number of examples.
    public var count: Int { values.rows }
}

/// Word dropout for fine-tuning: every occurrence of a word in a document is dropped independently with
/// probability `probability` before the input transform (binomial thinning of each count). The
/// reconstruction target stays the undropped word distribution, so the autoencoder learns to infer a
/// document's words from a random part of them. Never applied when encoding.
public struct WordDropout: Sendable, Equatable {
    /// The chance that one occurrence is dropped, in [0, 1).
    public let probability: Float

    public init(probability: Float) {
        precondition((0..<1).contains(probability), "the dropout probability must be in [0, 1)")
        self.probability = probability
    }

    /// How many of `count` occurrences survive: a Binomial(count, 1 − probability) draw, one uniform per
    /// occurrence (a fractional remainder survives with probability proportional to its size).
    public func thin(_ count: Float, random: inout RandomSource) -> Float {
        var kept: Float = 0
        var remaining = count
        while remaining >= 1 {
            if random.uniform() >= probability { kept += 1 }
            remaining -= 1
        }
        if remaining > 0 && random.uniform() >= probability { kept += remaining }
        return kept
    }

    /// `bag` with every count thinned (terms whose count drops to zero are removed).
    public func thin(_ bag: BagOfWords, random: inout RandomSource) -> BagOfWords {
        var thinned = BagOfWords(outOfVocabularyCount: bag.outOfVocabularyCount)
        for (term, count) in zip(bag.termIDs, bag.counts) {
            let kept = thin(count, random: &random)
            guard kept > 0 else { continue }
            thinned.termIDs.append(term)
            thinned.counts.append(kept)
        }
        return thinned
    }
}
