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

    mutating func add(_ document: Document, countingTitle: Bool, tokenizer: Tokenizer) {
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
        if countingTitle && !document.title.isEmpty { tokenizer.forEachTermAndWord(in: document.title, record) }
        tokenizer.forEachTermAndWord(in: document.text, record)
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
