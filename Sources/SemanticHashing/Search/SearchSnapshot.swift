import Foundation

/// The search side of one committed state of an index, held in memory: the vocabulary, the model's encoders,
/// the text settings and a search engine over the stored codes of every document with a vocabulary word
/// (a wordless document's code is the empty bag's: never an answer).
///
/// A value, and `Sendable`: many questions can be answered from one snapshot at once, each on its own copy of
/// the engine (copies share the codes and any radius index already built). A long-running reader (the server)
/// keeps one snapshot, loads the next when the index changes and swaps it in; answers under way finish on the
/// snapshot they started with. `IndexSearcher` pairs a snapshot with its store and a tokenizer for the command
/// line.
public struct SearchSnapshot: Sendable {
    public let vocabulary: Vocabulary
    /// What encodes questions and documents: the model's encoders, over every word or only the words of the
    /// questions the snapshot was loaded for.
    public let encoder: ModelEncoder
    /// How the index's documents were tokenized; questions are tokenized the same way.
    public let textConfiguration: TextConfiguration
    public private(set) var engine: SearchEngine
    /// How a hybrid search re-ranks its code shortlist with the stored words.
    public var reranking = LexicalReranking()
    /// BM25 over the stored bags, with the index's document frequencies.
    public let lexicalScorer: BM25Scorer

    /// Loads the search side of `store` from one snapshot of the file (inside `store.read`); throws
    /// `IndexError.noModel` (or `interruptedTraining`) for an index without a model.
    ///
    /// With `questions`, only what answering those questions needs is loaded: the model's weights for their
    /// words (`IndexStore.loadEncoder`), not the whole model, so the snapshot encodes those questions (and
    /// bags of their words) only. Without, it encodes anything.
    public init(store: IndexStore, configuration: SearchConfiguration, encodingOnly questions: [String]? = nil) throws {
        let (vocabulary, encoder, text, codes) = try store.read {
            guard let vocabulary = try store.loadVocabulary() else { throw store.missingModel() }
            let text = try store.storedTextConfiguration()
            let encoder: ModelEncoder?
            if let questions {
                let tokenizer = try Tokenizer(configuration: text ?? TextConfiguration())
                let terms = questions.flatMap { question in
                    var terms: [Int32] = []
                    tokenizer.forEachTermAndWord(in: question) { term, _ in
                        if let id = vocabulary.id(of: term) { terms.append(id) }
                    }
                    return terms
                }
                encoder = try store.loadEncoder(vocabulary: vocabulary, keeping: terms)
            } else {
                encoder = try store.loadSemanticHashingModel(vocabulary: vocabulary).map { ModelEncoder($0) }
            }
            guard let encoder else { throw store.missingModel() }
            return (vocabulary, encoder, text, try store.loadCodes(includingWordless: false))
        }
        self.vocabulary = vocabulary
        self.encoder = encoder
        textConfiguration = text ?? TextConfiguration()
        lexicalScorer = BM25Scorer(vocabulary: vocabulary)
        engine = SearchEngine(
            codes: try codes ?? DocumentCodes(ids: [], realCodes: Matrix(rows: 0, columns: encoder.codeSize),
                                              hashes: BinaryCodes(bitCount: encoder.hashBitCount)),
            configuration: configuration)
    }

    /// The tokenizer questions go through (one per thread: tokenizers are not thread-safe).
    public func makeTokenizer() throws -> Tokenizer {
        try Tokenizer(configuration: textConfiguration)
    }

    /// Tokenizes `text` with `tokenizer` (made by `makeTokenizer`) and encodes it.
    public func encode(_ text: String, tokenizer: Tokenizer) -> IndexSearcher.EncodedQuery {
        var terms: [String] = [], unknownWords: [String] = []
        tokenizer.forEachTermAndWord(in: text) { term, word in
            terms.append(term)
            if vocabulary.id(of: term) == nil { unknownWords.append(word) }
        }
        return encode(bag: vocabulary.bagOfWords(terms), outOfVocabulary: unknownWords)
    }

    /// Encodes a bag of words (a stored document's, or a question's); `outOfVocabulary` is reported once per term.
    public func encode(bag: BagOfWords, outOfVocabulary: [String] = []) -> IndexSearcher.EncodedQuery {
        let encoded = encoder.encodeWithHashes([bag])
        return IndexSearcher.EncodedQuery(
            bag: bag, outOfVocabularyTerms: outOfVocabulary.uniqued(),
            code: encoded.codes.row(0), hash: Array(encoded.hashes.code(0)))
    }

    /// The best `k` documents for `query` under `metric` (with `radius` for Hamming-radius and cascade
    /// searches). Builds the radius index on first need, like `SearchEngine.search`. A hybrid search reads its
    /// shortlist's bags of words from `store`: to read them from the same commit as the codes while another
    /// process writes, search inside `store.read { }`. `excluding` names a document the hybrid search leaves
    /// out of its shortlist before fusing (the one `similar` starts from, whose own words would otherwise set
    /// the scale of every other word score); the other metrics return it like any document.
    public mutating func search(_ query: IndexSearcher.EncodedQuery, k: Int, metric: SearchMetric,
                                radius: Int? = nil, bagsFrom store: IndexStore,
                                excluding excluded: Int64? = nil) throws -> SearchResults {
        let k = min(k, max(engine.codes.count, 1))
        guard metric == .hybrid else {
            return engine.search(code: query.code, hash: query.hash, k: k, metric: metric, radius: radius)
        }
        precondition(radius == nil, "a hybrid search takes no Hamming radius")
        return try rerankedSearch(query, k: k, bagsFrom: store, excluding: excluded)
    }

    /// The best `k` documents for `query` by `SearchMetric.hybrid`: the `reranking.shortlistSize(k:)`
    /// nearest by cosine distance of real codes, re-ranked by fusing their code distances with BM25 on their
    /// stored bags of words (`LexicalReranking`). Hits keep their code distances; their order is the fused one.
    private mutating func rerankedSearch(_ query: IndexSearcher.EncodedQuery, k: Int,
                                         bagsFrom store: IndexStore, excluding excluded: Int64?) throws -> SearchResults {
        let shortlistSize = reranking.shortlistSize(k: k)
        let shortlist = Array(engine.search(code: query.code, hash: query.hash, k: shortlistSize + (excluded == nil ? 0 : 1),
                                            metric: .cosine).hits.lazy.filter { $0.id != excluded }.prefix(shortlistSize))
        let bags = try store.bags(ids: shortlist.map(\.id))
        let scores = reranking.lexicalScores(query: query.bag, shortlist: shortlist.map { bags[$0.id] ?? BagOfWords() },
                                             scorer: lexicalScorer)
        let order = reranking.fused(codeDistances: shortlist.map { Double($0.cosineDistance) },
                                    lexicalScores: scores).prefix(k)
        return SearchResults(hits: order.map { shortlist[$0.position] }, hammingRadius: nil,
                             shortlistCount: shortlist.count, fusionDistances: order.map(\.distance))
    }

    /// Takes out of the engine the documents whose id is in `changed` (added, replaced or removed since) and
    /// appends `added`, their new codes: the snapshot of a later commit that changed only these documents'
    /// codes, without loading every code again (`SearchEngine.replace`). The radius index is to be rebuilt.
    public mutating func replace(_ changed: Set<Int64>, with added: DocumentCodes) throws {
        try engine.replace(changed, with: added)
    }

    /// Builds now what searches would otherwise build on first need, the radius index and the unit-length
    /// codes of cosine and hybrid searches, so that copies of this snapshot share them instead of each
    /// building its own.
    public mutating func prepareSearches() {
        engine.prepareRadiusIndex()
        engine.prepareUnitCodes()
    }
}
