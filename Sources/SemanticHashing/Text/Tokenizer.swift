import CICU

/// Turns text into terms: ICU words, case-folded, stop words and overlong words dropped, stemmed.
///
/// Words come from ICU's word break iterator (the rules of UAX #29 plus ICU's dictionaries for Chinese,
/// Japanese, Thai...); only words containing a letter, kana or ideograph are kept, so numbers and
/// punctuation vanish, while mixed words such as "abc123" stay. Each word is NFKC-casefolded ("Straße" →
/// "strasse", "ﬁle" → "file"), dropped when it is a stop word (checked on the folded word, before stemming)
/// or longer than `TextConfiguration.maximumTermLength` bytes, and then stemmed; `TermRules.english` (the
/// default) adds possessives, contractions, a second stop-word check after stemming and a minimum length.
///
/// Cost: linear in the text. The decision for each distinct word (drop, or its stem) is cached, up to
/// `cacheCapacity` words, because Zipf's law makes most tokens repeats. Not thread-safe: use one tokenizer
/// per thread.
public final class Tokenizer {
    /// The configuration the tokenizer was built from.
    public let configuration: TextConfiguration
    private let segmenter: OpaquePointer
    private let stemmer: SnowballStemmer?
    private let stopWords: Set<String>
    /// The English rules, when the configuration asks for them.
    private let englishRules: EnglishTermRules?
    /// Decisions for words seen before (the fast path; `disposition(of:)` is the reference).
    private var cache: TermCache
    /// The receiver of the terms (and their words) of the text being tokenized; set only during
    /// `forEachTermAndWord`.
    private var sink: ((String, String) -> Void)?

    /// Opens the ICU segmenter and the Snowball stemmer of `configuration`.
    /// - Parameter cacheCapacity: how many distinct words to remember the decision for (0 disables the
    ///   cache). The default covers the words of a corpus like 20 Newsgroups several times over; each
    ///   entry costs about 70 bytes plus the word.
    /// - Throws: `TextError.unknownStemmer` (with the available names) or `.segmenterUnavailable`.
    public init(configuration: TextConfiguration = TextConfiguration(), cacheCapacity: Int = 200_000)
        throws(TextError)
    {
        precondition(cacheCapacity >= 0, "the cache capacity cannot be negative")
        self.configuration = configuration
        self.stemmer = try configuration.stemmer.map { name throws(TextError) in
            try SnowballStemmer(algorithm: name)
        }
        var error: Int32 = 0
        guard let segmenter = semhash_word_segmenter_open(configuration.locale, &error) else {
            throw .segmenterUnavailable(locale: configuration.locale,
                                        reason: String(cString: semhash_icu_error_name(error)))
        }
        self.segmenter = segmenter
        self.stopWords = configuration.removesStopWords ? Set(StopWords.english) : []
        self.englishRules = configuration.termRules == .english
            ? EnglishTermRules(stopWords: stopWords, removesStopWords: configuration.removesStopWords, stemmer: stemmer)
            : nil
        self.cache = TermCache(capacity: cacheCapacity)
    }

    deinit { semhash_word_segmenter_close(segmenter) }

    /// The one rule that turns a document into terms: its title counts as words when it is a field of its own
    /// (`Document.titleIsSeparateField`) and the index counts titles (`TextConfiguration.countsTitles`).
    public func countsTitle(of document: Document) -> Bool {
        configuration.countsTitles && document.titleIsSeparateField && !document.title.isEmpty
    }

    /// The terms of `document`, title first when it counts (`countsTitle(of:)`), in text order, repeats included.
    public func terms(of document: Document) -> [String] {
        countsTitle(of: document) ? terms(in: document.title) + terms(in: document.text) : terms(in: document.text)
    }

    /// Calls `body` with each term of `document` and its word (`forEachTermAndWord(in:)`), title first when
    /// the title counts as words of the document (as `terms(of:)`).
    public func forEachTermAndWord(of document: Document, _ body: (_ term: String, _ word: String) -> Void) {
        if countsTitle(of: document) { forEachTermAndWord(in: document.title, body) }
        forEachTermAndWord(in: document.text, body)
    }

    /// The terms of `text`, in text order, repeats included.
    public func terms(in text: String) -> [String] {
        var terms: [String] = []
        forEachTerm(in: text) { terms.append($0) }
        return terms
    }

    /// Calls `body` with each term of `text`, in text order, repeats included, without collecting them.
    /// `body` must not use this tokenizer. Texts are limited to 2 GiB of UTF-8 (ICU's offsets are 32-bit).
    public func forEachTerm(in text: String, _ body: (String) -> Void) {
        forEachTermAndWord(in: text) { term, _ in body(term) }
    }

    /// Calls `body` with each term of `text` and the case-folded word it came from (its surface form before
    /// stemming: "images" for the term "imag"), in text order, repeats included. A person reads the word;
    /// the model reads the term. Same contract as `forEachTerm`.
    public func forEachTermAndWord(in text: String, _ body: (_ term: String, _ word: String) -> Void) {
        precondition(sink == nil, "a tokenizer cannot be used from inside its own forEachTerm")
        precondition(text.utf8.count <= Int(Int32.max), "a text must be shorter than 2 GiB")
        guard !text.isEmpty else { return }
        withoutActuallyEscaping(body) { body in
            sink = body
            defer { sink = nil }
            var text = text
            let status = text.withUTF8 { bytes in
                semhash_word_segmenter_segment(
                    segmenter, bytes.baseAddress, Int64(bytes.count),
                    { word, length, _, context in
                        let tokenizer = Unmanaged<Tokenizer>.fromOpaque(context!).takeUnretainedValue()
                        tokenizer.accept(UnsafeBufferPointer(start: word, count: Int(length)))
                    },
                    Unmanaged.passUnretained(self).toOpaque())
            }
            // The segmenter fails only when ICU cannot allocate memory.
            guard status == 0 else {
                fatalError("ICU word segmentation failed: \(String(cString: semhash_icu_error_name(status)))")
            }
        }
    }

    /// Handles one case-folded word from the segmenter: the cached decision when there is one, else
    /// `disposition(of:)`, remembered for next time.
    private func accept(_ word: UnsafeBufferPointer<UInt8>) {
        guard word.count <= configuration.maximumTermLength else { return }
        let disposition: TermDisposition
        if let cached = cache.disposition(of: word) {
            disposition = cached
        } else {
            disposition = self.disposition(of: word)
            cache.insert(word, disposition)
        }
        if case let .emit(term, word) = disposition { sink!(term, word) }
    }

    /// The reference decision for a word: drop a stop word, else emit its stem (or what `englishRules` say).
    private func disposition(of word: UnsafeBufferPointer<UInt8>) -> TermDisposition {
        let folded = String(decoding: word, as: UTF8.self)
        if let englishRules { return englishRules.disposition(of: folded) }
        if stopWords.contains(folded) { return .drop }
        return .emit(term: stemmer?.stem(word) ?? folded, word: folded)
    }
}
