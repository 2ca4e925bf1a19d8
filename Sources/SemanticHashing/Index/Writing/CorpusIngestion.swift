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
    /// With `encoding`, the documents are also encoded with the index's model, when it has one, and their
    /// codes stored (`IngestionResult.model` is that model). The write is one transaction: if anything fails,
    /// the index is left exactly as it was. The vocabulary and model are read before the corpus, in one
    /// snapshot; if another process stored another vocabulary or model meanwhile, the write throws
    /// `IndexError.changedMeanwhile` rather than store bags or codes of the old ones.
    public func ingest(
        _ source: any DocumentSource, into store: IndexStore, describing description: String,
        encoding: Bool = false, progress: (IngestionProgress) -> Void = { _ in }
    ) throws -> IngestionResult {
        let (existingVocabulary, model, modelStamp) = try store.read {
            let vocabulary = try store.loadVocabulary()
            let model = try encoding ? vocabulary.flatMap { try store.loadSemanticHashingModel(vocabulary: $0) } : nil
            return (vocabulary, model, try store.modelStamp())
        }
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
        // Surface words come from the corpus being read: for a new vocabulary, and for the terms of a stored
        // vocabulary that have none yet (an index from before words were kept gets them as its documents are
        // indexed again; the words of terms these documents lack stay to be found).
        var chosenVocabulary = existingVocabulary ?? pass.frequencies.build(configuration: vocabulary)
        let wordless = existingVocabulary == nil ? Array(0..<chosenVocabulary.count) : try store.termIDsWithoutWords()
        var foundWords: [(termID: Int, word: String)] = []
        if !wordless.isEmpty {
            let forms = pass.surfaceForms
            var words = chosenVocabulary.words
            for termID in wordless {
                guard let word = forms.mostFrequentWord(for: chosenVocabulary.terms[termID]) else { continue }
                words[termID] = word
                foundWords.append((termID, word))
            }
            chosenVocabulary = chosenVocabulary.withWords(words)
        }
        guard chosenVocabulary.count > 0 else {
            guard pass.tokenCount > 0 else { throw IndexError.noWords(description, documents: pass.documents.count) }
            throw IndexError.noVocabulary(description)
        }
        let bags = pass.bags(over: chosenVocabulary)
        let (ids, replaced) = try store.write {
            guard try (store.vocabularySize() > 0) == (existingVocabulary != nil), try store.modelStamp() == modelStamp else {
                throw IndexError.changedMeanwhile(store.path)
            }
            if existingVocabulary == nil {
                try store.saveVocabulary(chosenVocabulary)
                try store.setSetting(.textConfiguration, JSONText.encode(textConfiguration))
                try store.setSetting(.vocabularyConfiguration, JSONText.encode(vocabulary))
                try store.setSetting(.corpusSource, description)
                if let cleaning = source.textCleaning { try store.setSetting(.textCleaning, cleaning.rawValue) }
            } else if !foundWords.isEmpty {
                try store.saveWords(foundWords)
            }
            let replaced = try existingVocabulary == nil ? 0 : store.documentCount(externalIDs: pass.documents.map(\.document.id))
            var ids: [Int64] = []
            ids.reserveCapacity(bags.count)
            for (document, bag) in zip(pass.documents, bags) {
                ids.append(try store.upsertDocument(document.document, bag: bag, tokenCount: document.tokenCount))
            }
            if let model { try CodeEncoding.store(ids: ids, bags: bags, model: model, in: store) }
            return (ids, replaced)
        }
        return IngestionResult(
            ids: ids, replacedCount: replaced, bags: bags, vocabulary: chosenVocabulary, model: model,
            textConfiguration: textConfiguration,
            builtVocabulary: existingVocabulary == nil, corpus: corpusReport, bytes: pass.bytes,
            tokens: pass.tokenCount, seconds: (clock.now - start).seconds)
    }

    /// Adds `source`'s documents to `store`, an index with a model: tokenized as its documents were and
    /// encoded with its stored model (no retraining), in one transaction; a document whose id is stored is
    /// replaced. Returns what was stored and the model that encoded it. What `semhash add` and the server's
    /// `POST /api/documents` do; throws `IndexError.noModel` (or `interruptedTraining`) for an index without a model.
    public func add(_ source: any DocumentSource, to store: IndexStore, describing description: String,
                    progress: (IngestionProgress) -> Void = { _ in }) throws -> (IngestionResult, SemanticHashingModel) {
        guard try store.modelStamp() != nil else { throw store.missingModel() }
        let ingested = try ingest(source, into: store, describing: description, encoding: true, progress: progress)
        guard let model = ingested.model else { throw IndexError.changedMeanwhile(store.path) }
        return (ingested, model)
    }
}

/// What `CorpusIngestion.ingest` stored: the documents' internal ids and bags (in corpus order, ready for
/// training and encoding), the vocabulary in force, and what reading the corpus took.
public struct IngestionResult: Sendable {
    public var ids: [Int64]
    /// Documents that replaced a stored document of the same id (the others were new).
    public var replacedCount: Int
    public var bags: [BagOfWords]
    public var vocabulary: Vocabulary
    /// The model that encoded the documents (`CorpusIngestion.ingest` with `encoding`), if any.
    public var model: SemanticHashingModel?
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

/// The streaming half of `CorpusIngestion`: each document's tokens as provisional integer ids.
///
/// Each distinct surface word gets an id in order of first sight, remembering its term and how often it
/// occurred; once the vocabulary is chosen, `bags(over:)` maps words to vocabulary ids through their terms
/// and `surfaceForms` tells which word each term is shown as. Keeping words (not terms) costs the same one
/// dictionary lookup per token. Keeps each document's text only up to its excerpt, which is all the index
/// stores.
struct TokenizationPass {
    struct PendingDocument {
        var document: Document
        var wordIDs: [Int32]
        var tokenCount: Int { wordIDs.count }
    }

    /// How much of a document's text is kept for the stored excerpt.
    static let excerptLength = 500

    private(set) var documents: [PendingDocument] = []
    private(set) var frequencies = VocabularyBuilder()
    private(set) var bytes = 0
    private(set) var tokenCount = 0
    private var wordIDs: [String: Int32] = [:]
    /// Per word id: the word, its term and its number of occurrences.
    private var words: [String] = []
    private var wordTerms: [String] = []
    private var wordCounts: [Int] = []
    private let collectsFrequencies: Bool

    init(collectsFrequencies: Bool) {
        self.collectsFrequencies = collectsFrequencies
    }

    mutating func add(_ document: Document, tokenizer: Tokenizer) {
        var ids: [Int32] = []
        var documentTerms: [String] = []
        func record(_ term: String, _ word: String) {
            if let id = wordIDs[word] {
                ids.append(id)
                wordCounts[Int(id)] += 1
            } else {
                let id = Int32(words.count)
                wordIDs[word] = id
                words.append(word)
                wordTerms.append(term)
                wordCounts.append(1)
                ids.append(id)
            }
            if collectsFrequencies { documentTerms.append(term) }
        }
        tokenizer.forEachTermAndWord(of: document, record)
        if collectsFrequencies { frequencies.add(documentTerms: documentTerms) }
        var kept = document
        kept.text = String(document.text.prefix(Self.excerptLength))
        documents.append(PendingDocument(document: kept, wordIDs: ids))
        bytes += document.text.utf8.count
        tokenCount += ids.count
    }

    /// Each document's counts over `vocabulary`, in document order.
    func bags(over vocabulary: Vocabulary) -> [BagOfWords] {
        let vocabularyIDs = wordTerms.map { vocabulary.id(of: $0) ?? -1 }
        var counts = [Float](repeating: 0, count: vocabulary.count)
        return documents.map { pending in
            var present: [Int32] = []
            var outOfVocabulary = 0
            for wordID in pending.wordIDs {
                let id = vocabularyIDs[Int(wordID)]
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

    /// How often each word occurred as each term, over every document of the pass.
    var surfaceForms: SurfaceForms {
        var forms = SurfaceForms()
        for (id, word) in words.enumerated() { forms.add(word: word, term: wordTerms[id], count: wordCounts[id]) }
        return forms
    }
}
