/// A document as sparse term counts over a vocabulary.
///
/// `termIDs` are strictly increasing vocabulary indices; `counts[i]` is the count of `termIDs[i]`.
public struct BagOfWords: Sendable, Equatable {
    public var termIDs: [Int32]
    public var counts: [Float]
    /// Tokens of the document that are not in the vocabulary (after stop words and stemming).
    public var outOfVocabularyCount: Int

    public init(termIDs: [Int32] = [], counts: [Float] = [], outOfVocabularyCount: Int = 0) {
        precondition(termIDs.count == counts.count, "one count per term")
        self.termIDs = termIDs
        self.counts = counts
        self.outOfVocabularyCount = outOfVocabularyCount
    }

    /// The number of in-vocabulary tokens (the document length the model scales by).
    public var length: Float { counts.reduce(0, +) }

    /// How often vocabulary term `termID` occurs (0 when absent); O(log n).
    public func count(of termID: Int32) -> Float {
        var low = 0, high = termIDs.count
        while low < high {
            let middle = (low + high) / 2
            if termIDs[middle] < termID { low = middle + 1 } else { high = middle }
        }
        return low < termIDs.count && termIDs[low] == termID ? counts[low] : 0
    }

    /// True when no token is in the vocabulary: such a document cannot be hashed meaningfully.
    public var isEmpty: Bool { termIDs.isEmpty }

    /// What keeps this from being a bag the index writes over a vocabulary of `vocabularySize` terms (term ids
    /// below it and strictly increasing, counts positive and finite), or nil. A bag read from a damaged index
    /// could otherwise send the encoder or BM25 outside their arrays.
    public func fault(vocabularySize: Int) -> String? {
        var previous: Int32 = -1
        for (termID, count) in zip(termIDs, counts) {
            guard termID >= 0 && Int(termID) < vocabularySize else {
                return "term id \(termID) is outside the \(vocabularySize)-term vocabulary"
            }
            guard termID > previous else { return "term ids are not in increasing order" }
            guard count > 0 && count.isFinite else { return "term id \(termID) has count \(count)" }
            previous = termID
        }
        return nil
    }
}

/// Documents as bags of words over one vocabulary: a sparse documents × terms matrix that knows its width,
/// so that the vocabulary size always travels with the bags it bounds.
public struct BagOfWordsMatrix: Sendable, Equatable {
    /// One bag per document, in document order.
    public var rows: [BagOfWords]
    /// The number of terms (columns); every term ID of a well-formed matrix is below it.
    public let width: Int

    public init(_ rows: [BagOfWords], width: Int) {
        precondition(width >= 0, "a vocabulary cannot have a negative size")
        self.rows = rows
        self.width = width
    }

    public var count: Int { rows.count }

    /// The first (document, term ID) whose term ID lies outside `0..<width`, or nil when every one is inside.
    public var firstTermOutOfRange: (document: Int, termID: Int32)? {
        for (document, bag) in rows.enumerated() {
            if let term = bag.termIDs.first(where: { $0 < 0 || Int($0) >= width }) { return (document, term) }
        }
        return nil
    }
}
