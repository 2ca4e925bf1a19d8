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
