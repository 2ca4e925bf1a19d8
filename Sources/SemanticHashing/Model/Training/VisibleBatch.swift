/// A minibatch as a layer sees it: one example per row of `input`.
///
/// For the word layer, `input` holds the transformed counts as sparse rows (the cost of the first layer's
/// products grows with the words present, not with the vocabulary), and the batch also carries each
/// document's length N and its word distribution (count / N), the target of reconstruction. For higher
/// layers only `input` (the dense hidden probabilities of the layer below) is set.
public struct VisibleBatch: Sendable {
    /// Inputs, batch × units: sparse rows for the word layer, dense above it.
    public var input: LayerInput
    /// In-vocabulary token counts N per document (word layer only).
    public var lengths: [Float]?
    /// Word distributions count / N, batch × vocabulary (word layer only); a zero row for an empty bag.
    public var wordDistribution: Matrix?
    /// Per-row multipliers of the first layer's hidden biases (N for the replicated softmax), else nil.
    public var hiddenBiasScales: [Float]?

    /// A batch of plain inputs for a layer above the words.
    public init(values: Matrix) {
        input = .dense(values)
    }

    /// `bags[indices]` as the word layer reads them (cost: one pass over the stored terms, plus batch ×
    /// vocabulary to clear the word distributions).
    ///
    /// An empty bag becomes an input row without entries with length 0 (and bias scale 0 under `.counts`).
    /// `.scaledLogTFIDF` needs the model's `weighting`.
    public init(bags: [BagOfWords], indices: some Collection<Int>, vocabularySize: Int, transform: InputTransform,
                weighting: InputWeighting? = nil) {
        self.init(inputsOf: bags, indices: indices, vocabularySize: vocabularySize, transform: transform,
                  weighting: weighting)
        var distribution = Matrix(rows: indices.count, columns: vocabularySize)
        distribution.values.withUnsafeMutableBufferPointer { target in
            for (row, index) in indices.enumerated() {
                let bag = bags[index]
                let length = lengths![row]
                guard length > 0 else { continue }
                let offset = row * vocabularySize
                for (term, count) in zip(bag.termIDs, bag.counts) { target[offset + Int(term)] = count / length }
            }
        }
        wordDistribution = distribution
    }

    /// `bags[indices]` as the word layer's input alone (lengths and bias scales set, no word distributions):
    /// the input of a training batch whose target comes from other counts, or of encoding.
    init(inputsOf bags: [BagOfWords], indices: some Collection<Int>, vocabularySize: Int, transform: InputTransform,
         weighting: InputWeighting?) {
        precondition((transform == .scaledLogTFIDF) == (weighting != nil), "weighting goes with .scaledLogTFIDF only")
        var rows = SparseRows(columns: vocabularySize,
                              reservingEntries: indices.reduce(0) { $0 + bags[$1].termIDs.count })
        var lengths = [Float](repeating: 0, count: indices.count)
        for (row, index) in indices.enumerated() {
            let bag = bags[index]
            let length = bag.length
            lengths[row] = length
            guard length > 0 else {
                rows.appendRow(columns: EmptyCollection(), values: EmptyCollection())
                continue
            }
            rows.appendRow(columns: bag.termIDs, values: bag.counts.lazy.map { transform.input(count: $0, length: length) })
        }
        weighting?.transform(&rows)
        input = .sparse(rows)
        self.lengths = lengths
        hiddenBiasScales = transform.scalesHiddenBiasesByLength ? lengths : nil
    }

    /// The inputs as a dense matrix (written out for the word layer: for inspection; training reads `input`).
    public var values: Matrix { input.dense }

    /// The number of examples.
    public var count: Int { input.rows }
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
