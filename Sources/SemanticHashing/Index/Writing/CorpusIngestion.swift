/// Reads a corpus into an index: tokenizes every document, chooses the vocabulary when the index has none
/// yet, and stores documents with their bags of words in one transaction.
///
/// Two phases, so that the vocabulary can come from the very corpus being indexed: a streaming pass that
/// tokenizes each document once and keeps only its terms as small integer ids (4 bytes a token, never the
/// corpus text), then the choice of vocabulary and the write. Bags of words are counted over the index's
/// vocabulary; a document with no in-vocabulary word is stored and flagged empty.
public struct CorpusIngestion {
    /// How to tokenize; an index that already has a vocabulary keeps the settings it was built with.
    public var text: TextConfiguration
    /// How to choose the vocabulary when the index has none yet.
    public var vocabulary: VocabularyConfiguration

    public init(text: TextConfiguration = TextConfiguration(),
                vocabulary: VocabularyConfiguration = VocabularyConfiguration()) {
        self.text = text
        self.vocabulary = vocabulary
    }

    /// Reads `source` into `store`. `description` is recorded as the corpus the vocabulary came from.
    ///
    /// With `model`, the documents are also encoded and their codes stored. The write is one transaction:
    /// if anything fails, the index is left exactly as it was.
    public func ingest(
        _ source: any DocumentSource, into store: IndexStore, describing description: String,
        encodingWith model: SemanticHashingModel? = nil, progress: (IngestionProgress) -> Void = { _ in }
    ) throws -> IngestionResult {
        let existingVocabulary = try store.loadVocabulary()
        let textConfiguration = try existingVocabulary == nil ? text : store.storedTextConfiguration() ?? text
        let tokenizer = try Tokenizer(configuration: textConfiguration)
        var pass = TokenizationPass(collectsFrequencies: existingVocabulary == nil)
        let clock = ContinuousClock()
        let start = clock.now
        let corpusReport = try source.forEachDocument { document in
            pass.add(document, tokenizer: tokenizer)
            progress(IngestionProgress(documents: pass.documents.count, bytes: pass.bytes,
                                       elapsed: clock.now - start))
        }
        guard pass.documents.count > 0 else { throw IndexError.emptyCorpus(description, skippedFiles: corpusReport.binarySkippedCount + corpusReport.unreadableSkippedCount) }
        let chosenVocabulary = existingVocabulary ?? pass.frequencies.build(configuration: vocabulary)
        guard chosenVocabulary.count > 0 else {
            guard pass.tokenCount > 0 else { throw IndexError.noWords(description, documents: pass.documents.count) }
            throw IndexError.noVocabulary(description)
        }
        let bags = pass.bags(over: chosenVocabulary)
        let ids = try store.write {
            if existingVocabulary == nil {
                try store.saveVocabulary(chosenVocabulary)
                try store.setSetting(.textConfiguration, JSONText.encode(textConfiguration))
                try store.setSetting(.vocabularyConfiguration, JSONText.encode(vocabulary))
                try store.setSetting(.corpusSource, description)
            }
            var ids: [Int64] = []
            ids.reserveCapacity(bags.count)
            for (document, bag) in zip(pass.documents, bags) {
                ids.append(try store.upsertDocument(document.document, bag: bag, tokenCount: document.tokenCount))
            }
            if let model { try CodeEncoding.store(ids: ids, bags: bags, model: model, in: store) }
            return ids
        }
        return IngestionResult(
            ids: ids, bags: bags, vocabulary: chosenVocabulary, textConfiguration: textConfiguration,
            builtVocabulary: existingVocabulary == nil, corpus: corpusReport, bytes: pass.bytes,
            tokens: pass.tokenCount, seconds: (clock.now - start).seconds)
    }
}

/// What `CorpusIngestion.ingest` stored: the documents' internal ids and bags (in corpus order, ready for
/// training and encoding), the vocabulary in force, and what reading the corpus took.
public struct IngestionResult: Sendable {
    public var ids: [Int64]
    public var bags: [BagOfWords]
    public var vocabulary: Vocabulary
    public var textConfiguration: TextConfiguration
    /// True when this ingestion chose the index's vocabulary (a new index).
    public var builtVocabulary: Bool
    public var corpus: CorpusReport
    /// UTF-8 bytes of document text read.
    public var bytes: Int
    /// Tokens after stop words and stemming, in and out of the vocabulary.
    public var tokens: Int
    public var seconds: Double

    /// Documents with no in-vocabulary word: stored, but they cannot be hashed meaningfully.
    public var emptyDocumentCount: Int { bags.lazy.filter(\.isEmpty).count }
}

/// Progress of the tokenization pass.
public struct IngestionProgress: Sendable {
    public var documents: Int
    public var bytes: Int
    public var elapsed: Duration
}

/// The streaming half of `CorpusIngestion`: each document's terms as provisional integer ids.
///
/// Terms get ids in order of first sight; once the vocabulary is chosen, `bags(over:)` maps them to
/// vocabulary ids. Keeps each document's text only up to its excerpt, which is all the index stores.
struct TokenizationPass {
    struct PendingDocument {
        var document: Document
        var termIDs: [Int32]
        var tokenCount: Int { termIDs.count }
    }

    /// How much of a document's text is kept for the stored excerpt.
    static let excerptLength = 500

    private(set) var documents: [PendingDocument] = []
    private(set) var frequencies = VocabularyBuilder()
    private(set) var bytes = 0
    private(set) var tokenCount = 0
    private var termIDs: [String: Int32] = [:]
    private var terms: [String] = []
    private let collectsFrequencies: Bool

    init(collectsFrequencies: Bool) {
        self.collectsFrequencies = collectsFrequencies
    }

    mutating func add(_ document: Document, tokenizer: Tokenizer) {
        let documentTerms = tokenizer.terms(of: document)
        if collectsFrequencies { frequencies.add(documentTerms: documentTerms) }
        var ids: [Int32] = []
        ids.reserveCapacity(documentTerms.count)
        for term in documentTerms {
            if let id = termIDs[term] {
                ids.append(id)
            } else {
                let id = Int32(terms.count)
                termIDs[term] = id
                terms.append(term)
                ids.append(id)
            }
        }
        var kept = document
        kept.text = String(document.text.prefix(Self.excerptLength))
        documents.append(PendingDocument(document: kept, termIDs: ids))
        bytes += document.text.utf8.count
        tokenCount += ids.count
    }

    /// Each document's counts over `vocabulary`, in document order.
    func bags(over vocabulary: Vocabulary) -> [BagOfWords] {
        let vocabularyIDs = terms.map { vocabulary.id(of: $0) ?? -1 }
        var counts = [Float](repeating: 0, count: vocabulary.count)
        return documents.map { pending in
            var present: [Int32] = []
            var outOfVocabulary = 0
            for termID in pending.termIDs {
                let id = vocabularyIDs[Int(termID)]
                if id < 0 {
                    outOfVocabulary += 1
                    continue
                }
                if counts[Int(id)] == 0 { present.append(id) }
                counts[Int(id)] += 1
            }
            present.sort()
            let bag = BagOfWords(termIDs: present, counts: present.map { counts[Int($0)] },
                                 outOfVocabularyCount: outOfVocabulary)
            for id in present { counts[Int(id)] = 0 }
            return bag
        }
    }
}
