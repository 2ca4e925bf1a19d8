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
