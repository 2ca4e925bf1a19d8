import SemanticHashing

/// Fuzzes `Tokenizer`. The first byte picks one of `configurations`; the rest is the text, with invalid
/// UTF-8 repaired as every `String` is.
///
/// Each configuration has two tokenizers: one with a small term cache, which fills up and grows during a
/// run, and one without, which decides every word afresh. They must agree term for term, so that a bug in
/// the cache's hashing, probing or inline word storage shows up as a broken invariant.
final class TokenizerEntryPoint: FuzzEntryPoint {
    /// Stemmers, stop words, locales (including the dictionary-based Thai and Japanese segmenters) and
    /// term-length limits that exercise different paths.
    static let configurations = [
        TextConfiguration(),
        TextConfiguration(stemmer: nil, removesStopWords: false, locale: "", maximumTermLength: 1_000),
        TextConfiguration(stemmer: "porter", removesStopWords: true, locale: "th", maximumTermLength: 8),
        TextConfiguration(stemmer: "german", removesStopWords: false, locale: "ja", maximumTermLength: 40),
    ]

    private let cached: [Tokenizer]
    private let uncached: [Tokenizer]

    init() {
        do {
            cached = try Self.configurations.map { configuration throws(TextError) in
                try Tokenizer(configuration: configuration, cacheCapacity: 4_096)
            }
            uncached = try Self.configurations.map { configuration throws(TextError) in
                try Tokenizer(configuration: configuration, cacheCapacity: 0)
            }
        } catch {
            fatalError("cannot build the fuzzed tokenizers: \(error)")
        }
    }

    func run(_ input: UnsafeBufferPointer<UInt8>) {
        guard let selector = input.first else { return }
        let index = Int(selector) % Self.configurations.count
        let text = String(decoding: UnsafeBufferPointer(rebasing: input.dropFirst()), as: UTF8.self)
        let terms = cached[index].terms(in: text)
        let reference = uncached[index].terms(in: text)
        FuzzCheck.require(terms == reference,
                          "the cached tokenizer gave \(terms.count) terms, the uncached one \(reference.count)")
        var streamed = 0
        cached[index].forEachTerm(in: text) { term in
            FuzzCheck.require(streamed < terms.count && term == terms[streamed], "forEachTerm disagrees with terms")
            streamed += 1
        }
        FuzzCheck.require(streamed == terms.count, "forEachTerm gave \(streamed) terms, terms \(terms.count)")
    }
}
