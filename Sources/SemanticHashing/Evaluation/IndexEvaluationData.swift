/// The database and queries of an `eval` run: the index's documents (when the index has a model, those a search
/// can answer with: with a code and a vocabulary word) against query documents read from a corpus and mapped
/// through the index's own tokenizer and vocabulary.
public struct IndexEvaluationData {
    public var vocabulary: Vocabulary
    public var databaseIDs: [Int64]
    public var databaseBags: [BagOfWords]
    public var databaseLabels: [[String]]
    public var queryBags: [BagOfWords]
    public var queryLabels: [[String]]
    /// How many queries share their id with a document of the index: a query that is also in the database
    /// finds itself, which flatters every method.
    public var queriesInDatabase: Int
    /// The index's model and the database's codes (aligned with `databaseIDs`); nil without a model.
    public var model: SemanticHashingModel?
    public var databaseCodes: Matrix?
    public var databaseHashes: BinaryCodes?
    /// The queries' codes and hashes under the model (encoded once, shared by every metric).
    public var queryCodes: Matrix?
    public var queryHashes: BinaryCodes?
    /// The cascade's shortlist size: `SearchConfiguration`'s default for k = 100, the deepest precision measured.
    public var cascadeShortlistSize = SearchConfiguration().shortlistSize(k: 100)
    /// The hybrid metric's re-ranking (as `IndexSearcher` uses it).
    public var reranking = LexicalReranking()

    /// Reads the database from `store` and the queries from `queries`.
    ///
    /// Queries are tokenized by the index's own text settings, as its documents were.
    /// Reads `store` as one snapshot, so that a process writing meanwhile cannot pair codes with other labels.
    public init(store: IndexStore, queries: any DocumentSource) throws {
        self = try store.read { try IndexEvaluationData(snapshotOf: store, queries: queries) }
    }

    private init(snapshotOf store: IndexStore, queries: any DocumentSource) throws {
        guard let vocabulary = try store.loadVocabulary() else { throw IndexError.noDocuments(store.path) }
        self.vocabulary = vocabulary
        model = try store.loadSemanticHashingModel(vocabulary: vocabulary)
        let labelsByID = try store.labelsByDocument()
        var bagsByID: [Int64: BagOfWords] = [:]
        var orderedIDs: [Int64] = []
        try store.forEachBag { id, bag in
            bagsByID[id] = bag
            orderedIDs.append(id)
        }
        if model != nil, let codes = try store.loadCodes(includingWordless: false), codes.ids.count > 0 {
            databaseIDs = codes.ids
            databaseCodes = codes.realCodes
            databaseHashes = codes.hashes
        } else {
            model = nil
            databaseIDs = orderedIDs
        }
        databaseBags = databaseIDs.map { bagsByID[$0] ?? BagOfWords() }
        databaseLabels = databaseIDs.map { labelsByID[$0] ?? [] }
        let tokenizer = try Tokenizer(configuration: try store.storedTextConfiguration() ?? TextConfiguration())
        var queryBags: [BagOfWords] = []
        var queryLabels: [[String]] = []
        var queryIDs: [String] = []
        try queries.forEachDocument { document in
            queryBags.append(vocabulary.bagOfWords(tokenizer.terms(of: document)))
            queryLabels.append(document.labels)
            queryIDs.append(document.id)
        }
        queriesInDatabase = try store.documentCount(externalIDs: queryIDs)
        self.queryBags = queryBags
        self.queryLabels = queryLabels
        if let model {
            let encoded = model.encodeWithHashes(queryBags)
            queryCodes = encoded.codes
            queryHashes = encoded.hashes
        }
        guard !queryBags.isEmpty else { throw EvaluationError.noQueries }
        let databaseLabelSet = Set(databaseLabels.joined())
        guard databaseLabelSet.count >= 2 else {
            throw EvaluationError.indexLabelsNeeded(store.path, distinct: databaseLabelSet.count)
        }
        let queryLabelSet = Set(queryLabels.joined())
        guard !queryLabelSet.isEmpty else { throw EvaluationError.queryLabelsNeeded }
        guard !queryLabelSet.isDisjoint(with: databaseLabelSet) else {
            throw EvaluationError.noSharedLabels(store.path, queryLabels: queryLabelSet.sorted())
        }
    }

    /// Retrieval by the index's model with `metric`: `euclidean` and `cosine` on the real codes, `hamming` on
    /// the hashes. Nil when the index has no model.
    public func modelMethod(_ metric: SearchMetric) -> (any RetrievalMethod)? {
        guard let model, let databaseCodes, let databaseHashes, let queryCodes, let queryHashes else { return nil }
        let name = "semhash-\(model.codeSize)"
        switch metric {
        case .euclidean: return EuclideanCodes(name: name, database: databaseCodes, queries: queryCodes)
        case .cosine: return CosineCodes(name: name + "-cosine", database: databaseCodes, queries: queryCodes)
        case .hamming:
            return HammingCodes(name: "semhash-\(model.hashBitCount)-bit", database: databaseHashes, queries: queryHashes)
        case .cascade:
            return CascadeCodes(name: "semhash-\(model.codeSize)-cascade", databaseCodes: databaseCodes,
                                databaseHashes: databaseHashes, queryCodes: queryCodes,
                                queryHashes: queryHashes, shortlistSize: cascadeShortlistSize)
        case .hybrid:
            return HybridCodes(name: "semhash-\(model.codeSize)-hybrid", databaseCodes: databaseCodes,
                               queryCodes: queryCodes, databaseBags: databaseBags, queryBags: queryBags,
                               scorer: lexicalScorer, reranking: reranking)
        }
    }

    /// BM25 as `IndexSearcher` scores with it: the vocabulary's document frequencies.
    public var lexicalScorer: BM25Scorer {
        BM25Scorer(vocabulary: vocabulary)
    }

    /// The baselines' view: database and query bags over the index's vocabulary.
    public var baselineCorpus: BaselineCorpus {
        BaselineCorpus(database: BagOfWordsMatrix(databaseBags, width: vocabulary.count),
                       queries: BagOfWordsMatrix(queryBags, width: vocabulary.count))
    }

    public var relevance: RelevanceLabels { RelevanceLabels(database: databaseLabels, queries: queryLabels) }
}
