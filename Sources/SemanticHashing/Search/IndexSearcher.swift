import Foundation

/// Answers questions against an index: the question goes through the index's tokenizer, vocabulary and
/// model, and the search engine ranks the stored codes.
///
/// Opening loads every code into memory once (see `IndexStore.loadCodes`), with the model and vocabulary, from
/// one snapshot of the index; each question then costs one encoding and one search. To look up the hits'
/// documents in that same snapshot while another process writes, use the searcher inside `store.read { }`.
public final class IndexSearcher {
    public let store: IndexStore
    public let vocabulary: Vocabulary
    public let model: SemanticHashingModel
    public private(set) var engine: SearchEngine
    private let tokenizer: Tokenizer
    /// How a hybrid search re-ranks its code shortlist with the stored words.
    public var reranking = LexicalReranking()
    /// BM25 over the stored bags, set up by the first hybrid search.
    private var lexicalScorer: BM25Scorer?

    /// Opens the search side of `store`; throws `IndexError.noModel` for an index without a model.
    /// By default, scans of large indexes use every core.
    public init(store: IndexStore,
                configuration: SearchConfiguration = SearchConfiguration(
                    scan: ScanOptions(threads: ProcessInfo.processInfo.activeProcessorCount))) throws {
        self.store = store
        let (vocabulary, model, text, codes) = try store.read {
            guard let vocabulary = try store.loadVocabulary(),
                  let model = try store.loadSemanticHashingModel(vocabulary: vocabulary) else {
                throw IndexError.noModel(store.path)
            }
            return (vocabulary, model, try store.storedTextConfiguration(), try store.loadCodes())
        }
        self.vocabulary = vocabulary
        self.model = model
        tokenizer = try Tokenizer(configuration: text ?? TextConfiguration())
        engine = SearchEngine(
            codes: try codes ?? DocumentCodes(ids: [], realCodes: Matrix(rows: 0, columns: model.codeSize),
                                              hashes: BinaryCodes(bitCount: model.codeSize)),
            configuration: configuration)
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
        var terms: [String] = [], unknownWords: [String] = []
        tokenizer.forEachTermAndWord(in: text) { term, word in
            terms.append(term)
            if vocabulary.id(of: term) == nil { unknownWords.append(word) }
        }
        return encode(bag: vocabulary.bagOfWords(terms), outOfVocabulary: unknownWords)
    }

    /// Encodes a stored document's bag.
    public func encode(bag: BagOfWords, outOfVocabulary: [String] = []) -> EncodedQuery {
        let codes = model.encode([bag])
        var seen = Set<String>()
        return EncodedQuery(bag: bag, outOfVocabularyTerms: outOfVocabulary.filter { seen.insert($0).inserted },
                            code: codes.row(0), hash: Array(model.hashes(for: codes).code(0)))
    }

    /// The best `k` documents for `query` by `SearchMetric.hybrid`: the `reranking.shortlistSize(k:)`
    /// nearest by cosine distance of real codes, re-ranked with BM25 on their stored bags of words
    /// (`LexicalReranking`). Hits keep their code distances; their order is the fused one. Reads the
    /// shortlist's bags from the store.
    private func rerankedSearch(_ query: EncodedQuery, k: Int) throws -> SearchResults {
        let shortlist = engine.search(code: query.code, hash: query.hash, k: reranking.shortlistSize(k: k),
                                      metric: .cosine).hits
        let scorer = lexicalScorer
            ?? BM25Scorer(documentFrequencies: vocabulary.documentFrequencies, documentCount: vocabulary.documentCount)
        lexicalScorer = scorer
        let bags = try store.bags(ids: shortlist.map(\.id))
        let scores = reranking.lexicalScores(query: query.bag, shortlist: shortlist.map { bags[$0.id] ?? BagOfWords() },
                                             scorer: scorer)
        let order = reranking.fused(lexicalScores: scores).prefix(k)
        return SearchResults(hits: order.map { shortlist[$0.position] }, hammingRadius: nil,
                             shortlistCount: shortlist.count, fusionDistances: order.map(\.distance))
    }

    /// The best `k` documents for `query` under `metric` (with `radius` for Hamming-radius and cascade
    /// searches). A hybrid search reads its shortlist's bags of words from the store: to read them from the
    /// same snapshot as the codes while another process writes, search inside `store.read { }`.
    public func search(_ query: EncodedQuery, k: Int, metric: SearchMetric, radius: Int? = nil) throws -> SearchResults {
        if metric == .hybrid {
            precondition(radius == nil, "a hybrid search takes no Hamming radius")
            return try rerankedSearch(query, k: k)
        }
        return engine.search(code: query.code, hash: query.hash, k: k, metric: metric, radius: radius)
    }
}

