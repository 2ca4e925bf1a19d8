/// The terms a model reads, in input order, with the document frequencies they were chosen by.
///
/// Term `i` is input unit `i` of the model. Built from a training corpus (see `VocabularyBuilder`) and
/// stored in the index; queries and added documents are mapped through the same vocabulary.
public struct Vocabulary: Sendable, Equatable {
    /// The terms (after case folding, stop words and stemming), in input order.
    public let terms: [String]
    /// `documentFrequencies[i]`: the number of training documents containing `terms[i]`.
    public let documentFrequencies: [Int]
    /// The number of training documents the frequencies were counted over.
    public let documentCount: Int
    /// The surface forms recorded for the terms, or nil (an index built before they were kept).
    public let recordedWords: [String]?
    private let idsByTerm: [String: Int32]

    /// - Parameter words: one surface form per term, or nil to show the terms themselves.
    public init(terms: [String], documentFrequencies: [Int], documentCount: Int, words: [String]? = nil) {
        precondition(terms.count == documentFrequencies.count, "one document frequency per term")
        precondition(words == nil || words!.count == terms.count, "one word per term")
        self.terms = terms
        self.recordedWords = words
        self.documentFrequencies = documentFrequencies
        self.documentCount = documentCount
        var ids = [String: Int32](minimumCapacity: terms.count)
        for (index, term) in terms.enumerated() { ids[term] = Int32(index) }
        precondition(ids.count == terms.count, "vocabulary terms must be unique")
        self.idsByTerm = ids
    }

    public var count: Int { terms.count }

    /// The same vocabulary showing `words` (one per term) for its terms.
    public func withWords(_ words: [String]) -> Vocabulary {
        Vocabulary(terms: terms, documentFrequencies: documentFrequencies, documentCount: documentCount, words: words)
    }

    /// `words[i]`: what a person reads for `terms[i]`, its most frequent surface form in the corpus
    /// ("images" for "imag", see `SurfaceForms`); the terms themselves when no forms were recorded. Not part
    /// of the fingerprint: words label terms, the model never reads them.
    public var words: [String] { recordedWords ?? terms }

    /// The input index of `term`, or nil when it is out of vocabulary.
    public func id(of term: String) -> Int32? { idsByTerm[term] }

    /// What a person reads for `term` (its entry of `words`), or `term` itself when it is out of vocabulary:
    /// how stored topic words, which are terms, are shown.
    public func word(for term: String) -> String {
        id(of: term).map { words[Int($0)] } ?? term
    }

    /// A stable fingerprint of the terms in order (FNV-1a 64 over their UTF-8 bytes), stored with a model
    /// so that a model is never applied to inputs from another vocabulary.
    public var fingerprint: String {
        var hash = FNV1a()
        for term in terms {
            hash.mix(bytes: term.utf8)
            hash.mix(0xFF)
        }
        return String(hash.value, radix: 16)
    }

    /// Maps terms to sparse counts; terms not in the vocabulary are counted as out of vocabulary.
    public func bagOfWords<S: Sequence>(_ terms: S) -> BagOfWords where S.Element == String {
        var counts: [Int32: Float] = [:]
        var outOfVocabulary = 0
        for term in terms {
            if let id = idsByTerm[term] { counts[id, default: 0] += 1 } else { outOfVocabulary += 1 }
        }
        let ids = counts.keys.sorted()
        return BagOfWords(termIDs: ids, counts: ids.map { counts[$0]! }, outOfVocabularyCount: outOfVocabulary)
    }
}

/// The word a person reads for each term: the term's most frequent surface form in a corpus.
///
/// A term is what the model reads (case-folded, stemmed: "imag"); its surface forms are the case-folded
/// words it came from ("images", "image", "imaging"). Topic words, top terms and map labels show the most
/// frequent of them. Ties go to the form first in UTF-8 byte order, so the choice never depends on the
/// order documents were read in. Counts come from `Tokenizer.forEachTermAndWord`, one per occurrence.
public struct SurfaceForms: Sendable, Equatable {
    /// For each term, each surface form's number of occurrences.
    private var counts: [String: [String: Int]] = [:]

    public init() {}

    /// Counts `count` occurrences of `word` standing for `term`.
    public mutating func add(word: String, term: String, count: Int = 1) {
        counts[term, default: [:]][word, default: 0] += count
    }

    /// The number of occurrences of `word` counted for `term`.
    public func count(of word: String, for term: String) -> Int { counts[term]?[word] ?? 0 }

    /// The most frequent surface form of `term` (ties: first in UTF-8 byte order), or nil when no word was
    /// counted for it.
    public func mostFrequentWord(for term: String) -> String? {
        counts[term]?.min { a, b in
            a.value != b.value ? a.value > b.value : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }?.key
    }

    /// One word per term of `vocabulary`, in input order: the most frequent surface form, or the term itself
    /// when none was counted.
    public func words(for vocabulary: Vocabulary) -> [String] {
        vocabulary.terms.map { mostFrequentWord(for: $0) ?? $0 }
    }
}
