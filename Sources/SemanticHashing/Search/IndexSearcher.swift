import Foundation

/// Answers questions against an index: the question goes through the index's tokenizer, vocabulary and
/// model, and the search engine ranks the stored codes.
///
/// Opening loads a `SearchSnapshot` (every code, the model and vocabulary) from one snapshot of the index;
/// each question then costs one encoding and one search. To look up the hits' documents in that same snapshot
/// while another process writes, use the searcher inside `store.read { }`.
public final class IndexSearcher {
    public let store: IndexStore
    public private(set) var snapshot: SearchSnapshot
    private let tokenizer: Tokenizer

    /// Opens the search side of `store`; throws `IndexError.noModel` (or `interruptedTraining`) for an index without a model.
    /// By default, scans of large indexes use every core.
    ///
    /// With `questions`, the searcher loads only the model's weights for their words (see `SearchSnapshot`)
    /// and encodes those questions only: what `semhash ask` does.
    public init(store: IndexStore,
                configuration: SearchConfiguration = SearchConfiguration(
                    scan: ScanOptions(threads: ProcessInfo.processInfo.activeProcessorCount)),
                encodingOnly questions: [String]? = nil) throws {
        self.store = store
        snapshot = try SearchSnapshot(store: store, configuration: configuration, encodingOnly: questions)
        tokenizer = try snapshot.makeTokenizer()
    }

    public var vocabulary: Vocabulary { snapshot.vocabulary }
    /// The model's encoders (see `SearchSnapshot.encoder`).
    public var encoder: ModelEncoder { snapshot.encoder }
    public var engine: SearchEngine { snapshot.engine }
    /// How a hybrid search re-ranks its code shortlist with the stored words.
    public var reranking: LexicalReranking {
        get { snapshot.reranking }
        set { snapshot.reranking = newValue }
    }

    /// A question (or a document) as the model sees it.
    public struct EncodedQuery: Sendable {
        public var bag: BagOfWords
        /// Words of the question whose terms are not in the vocabulary, as written (case-folded, before
        /// stemming), each once.
        public var outOfVocabularyTerms: [String]
        public var code: [Float]
        public var hash: [UInt64]
    }

    /// Tokenizes and encodes `text`.
    public func encode(_ text: String) -> EncodedQuery {
        snapshot.encode(text, tokenizer: tokenizer)
    }

    /// Encodes a stored document's bag.
    public func encode(bag: BagOfWords, outOfVocabulary: [String] = []) -> EncodedQuery {
        snapshot.encode(bag: bag, outOfVocabulary: outOfVocabulary)
    }

    /// The best `k` documents for `query` under `metric` (with `radius` for Hamming-radius and cascade
    /// searches). A hybrid search reads its shortlist's bags of words from the store: to read them from the
    /// same snapshot as the codes while another process writes, search inside `store.read { }`.
    /// `excluding` as `SearchSnapshot.search` takes it.
    public func search(_ query: EncodedQuery, k: Int, metric: SearchMetric, radius: Int? = nil,
                       excluding excluded: Int64? = nil) throws -> SearchResults {
        try snapshot.search(query, k: k, metric: metric, radius: radius, bagsFrom: store, excluding: excluded)
    }

    /// `query` answered as `request` asks, the hits described with their stored documents (see `SearchAnswer`);
    /// `excluding` leaves out one document (the one `similar` starts from).
    public func answer(question: String, query: EncodedQuery, request: SearchRequest,
                       excluding excluded: Int64? = nil) throws -> SearchAnswer {
        try SearchAnswer(question: question, query: query, request: request, store: store, vocabulary: vocabulary,
                         excluding: excluded) {
            try search(query, k: $0, metric: request.metric, radius: request.radius, excluding: excluded)
        }
    }
}
