/// Counts document frequencies over a training corpus and chooses a `Vocabulary` from them.
///
/// Feed it each training document's terms (from `Tokenizer`); a term counts once per document however
/// often it occurs. Cost: one dictionary lookup per term occurrence. Memory: one dictionary entry per
/// distinct term (a few million at most for a million documents). Builders filled from parts of a corpus
/// on separate threads can be merged.
public struct VocabularyBuilder: Sendable {
    private struct Count: Sendable {
        /// The number of documents containing the term.
        var documents: Int
        /// The number (1-based) of the last document that counted the term. After a merge, entries keep
        /// numbers from the other builder, all at most the merged `documentCount`, so below any new document.
        var lastDocument: Int

        mutating func count(document: Int) {
            guard lastDocument != document else { return }
            documents += 1
            lastDocument = document
        }
    }

    /// The number of documents added.
    public private(set) var documentCount = 0
    private var counts: [String: Count] = [:]

    public init() {}

    /// For each term seen, the number of documents containing it.
    public var documentFrequencies: [String: Int] { counts.mapValues(\.documents) }

    /// Counts one document: each distinct term of `terms` once.
    public mutating func add(documentTerms terms: some Sequence<String>) {
        documentCount += 1
        let document = documentCount
        for term in terms {
            counts[term, default: Count(documents: 0, lastDocument: 0)].count(document: document)
        }
    }

    /// Adds the counts of `other`, as if its documents had been added to this builder.
    public mutating func merge(_ other: VocabularyBuilder) {
        documentCount += other.documentCount
        counts.merge(other.counts) { mine, theirs in
            Count(documents: mine.documents + theirs.documents, lastDocument: max(mine.lastDocument, theirs.lastDocument))
        }
    }

    /// The `configuration.size` terms of highest document frequency among those within the configured
    /// frequency bounds, ordered by document frequency (descending), ties by term (UTF-8 byte order).
    /// Fewer terms when fewer qualify. Cost: O(t log t) for t qualifying terms.
    public func build(configuration: VocabularyConfiguration = VocabularyConfiguration()) -> Vocabulary {
        let maximum = configuration.maximumDocumentFrequencyRatio * Double(documentCount)
        var candidates: [(term: String, frequency: Int)] = []
        for (term, count) in counts
        where count.documents >= configuration.minimumDocumentFrequency && Double(count.documents) <= maximum {
            candidates.append((term, count.documents))
        }
        candidates.sort { a, b in
            if a.frequency != b.frequency { return a.frequency > b.frequency }
            return a.term.utf8.lexicographicallyPrecedes(b.term.utf8)
        }
        let chosen = candidates.prefix(configuration.size)
        return Vocabulary(terms: chosen.map(\.term), documentFrequencies: chosen.map(\.frequency),
                          documentCount: documentCount)
    }
}

/// How `VocabularyBuilder` chooses the terms a model reads.
///
/// The defaults follow the semantic-hashing experiments (Salakhutdinov & Hinton 2009, section 4.1), the terms
/// of highest document frequency after stop-word removal, with more of them than the papers' 2000.
/// Stored in the index as JSON.
public struct VocabularyConfiguration: Codable, Sendable, Equatable {
    /// The number of terms to keep (the model's input width). Default 5000: on a validation split of the
    /// 20 Newsgroups training set the default model's P@100 was 0.336 with 2000 terms, 0.391 with 5000 and
    /// 0.385 with 10,000 (which also trains longer); see BENCHMARKS.md.
    public var size: Int
    /// Terms in fewer training documents than this are never chosen. Default 2: a term seen in one document
    /// cannot relate two documents.
    public var minimumDocumentFrequency: Int
    /// Terms in more than this fraction of the training documents are never chosen. Default 1.0 (no limit):
    /// stop-word removal already drops the function words, and the experiments keep the remaining most
    /// frequent terms.
    public var maximumDocumentFrequencyRatio: Double

    public init(size: Int = 5000, minimumDocumentFrequency: Int = 2, maximumDocumentFrequencyRatio: Double = 1.0) {
        if let violation = Self.violation(size: size, minimumDocumentFrequency: minimumDocumentFrequency,
                                          maximumDocumentFrequencyRatio: maximumDocumentFrequencyRatio) {
            preconditionFailure(violation.reason)
        }
        self.size = size
        self.minimumDocumentFrequency = minimumDocumentFrequency
        self.maximumDocumentFrequencyRatio = maximumDocumentFrequencyRatio
    }

    private enum CodingKeys: String, CodingKey {
        case size, minimumDocumentFrequency, maximumDocumentFrequencyRatio
    }

    /// Reads a stored configuration; values the initializer refuses (a damaged or hand-edited index) fail to
    /// decode instead of stopping the program at its preconditions.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let size = try container.decode(Int.self, forKey: .size)
        let minimum = try container.decode(Int.self, forKey: .minimumDocumentFrequency)
        let ratio = try container.decode(Double.self, forKey: .maximumDocumentFrequencyRatio)
        if let violation = Self.violation(size: size, minimumDocumentFrequency: minimum,
                                          maximumDocumentFrequencyRatio: ratio) {
            throw DecodingError.dataCorruptedError(forKey: violation.key, in: container, debugDescription: violation.reason)
        }
        self.init(size: size, minimumDocumentFrequency: minimum, maximumDocumentFrequencyRatio: ratio)
    }

    /// The first of these values that makes no configuration, with the rule it breaks; nil when they all do.
    /// The initializer's preconditions and the decoder's checks.
    private static func violation(size: Int, minimumDocumentFrequency: Int, maximumDocumentFrequencyRatio: Double)
        -> (key: CodingKeys, reason: String)? {
        if size <= 0 { return (.size, "the vocabulary must have at least one term") }
        if minimumDocumentFrequency < 1 {
            return (.minimumDocumentFrequency, "the minimum document frequency must be at least 1")
        }
        if !(0...1).contains(maximumDocumentFrequencyRatio) {
            return (.maximumDocumentFrequencyRatio, "the maximum ratio must lie in [0, 1]")
        }
        return nil
    }
}
