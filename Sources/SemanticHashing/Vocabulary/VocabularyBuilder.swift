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
