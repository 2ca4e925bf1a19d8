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
