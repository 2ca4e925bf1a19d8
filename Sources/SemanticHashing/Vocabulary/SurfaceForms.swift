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
