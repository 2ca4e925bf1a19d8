import Foundation

/// The search side of one committed state of an index, held in memory: the vocabulary, the model, the text
/// settings and a search engine over every stored code.
///
/// A value, and `Sendable`: many questions can be answered from one snapshot at once, each on its own copy of
/// the engine (copies share the codes and any radius index already built). A long-running reader (the server)
/// keeps one snapshot, loads the next when the index changes and swaps it in; answers under way finish on the
/// snapshot they started with. `IndexSearcher` pairs a snapshot with its store and a tokenizer for the command
/// line.
public struct SearchSnapshot: Sendable {
    public let vocabulary: Vocabulary
    public let model: SemanticHashingModel
    /// How the index's documents were tokenized; questions are tokenized the same way.
    public let textConfiguration: TextConfiguration
    public private(set) var engine: SearchEngine

    /// Loads the search side of `store` from one snapshot of the file (inside `store.read`); throws
    /// `IndexError.noModel` for an index without a model.
    public init(store: IndexStore, configuration: SearchConfiguration) throws {
        let (vocabulary, model, text, codes) = try store.read {
            guard let vocabulary = try store.loadVocabulary(),
                  let model = try store.loadSemanticHashingModel(vocabulary: vocabulary) else {
                throw IndexError.noModel(store.path)
            }
            return (vocabulary, model, try store.storedTextConfiguration(), try store.loadCodes())
        }
        self.vocabulary = vocabulary
        self.model = model
        textConfiguration = text ?? TextConfiguration()
        engine = SearchEngine(
            codes: try codes ?? DocumentCodes(ids: [], realCodes: Matrix(rows: 0, columns: model.codeSize),
                                              hashes: BinaryCodes(bitCount: model.codeSize)),
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
        let codes = model.encode([bag])
        var seen = Set<String>()
        return IndexSearcher.EncodedQuery(
            bag: bag, outOfVocabularyTerms: outOfVocabulary.filter { seen.insert($0).inserted },
            code: codes.row(0), hash: Array(model.hashes(for: codes).code(0)))
    }

    /// The best `k` documents for `query` under `metric` (with `radius` for Hamming-radius and cascade
    /// searches). Builds the radius index on first need, like `SearchEngine.search`.
    public mutating func search(_ query: IndexSearcher.EncodedQuery, k: Int, metric: SearchMetric,
                                radius: Int? = nil) -> SearchResults {
        engine.search(code: query.code, hash: query.hash, k: k, metric: metric, radius: radius)
    }

    /// Builds the radius index now, so that copies of this snapshot share it instead of each building its own.
    public mutating func prepareRadiusIndex() {
        engine.prepareRadiusIndex()
    }
}
