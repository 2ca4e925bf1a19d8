import ArgumentParser
import SemanticHashing

extension CorpusFormat: ExpressibleByArgument {}
extension CorpusSplit: ExpressibleByArgument {}
extension TextCleaning: ExpressibleByArgument {}
extension TermRules: ExpressibleByArgument {}

/// Where a corpus is and how to read it, for `index`, `add` and `eval`.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: "The corpus layout: folder (a file per document, labelled by subfolder), jsonl (id, text, title, labels per line), reuters (Reuters-21578 SGML), questions (labels, a tab and a question per line).")
    var format: CorpusFormat = .folder

    @Option(name: .long, help: "For reuters: the ModApte part to read (train, test, or all records; default \(CorpusSplit.standard.rawValue)).")
    var split: CorpusSplit?

    @Option(name: .long, help: "Cleaning of raw text in folders and JSONL: usenet removes e-mail headers, quoted lines and signatures (the 20 Newsgroups protocol); none keeps the text (the default; add and eval note when the index's corpus was read with usenet).")
    var strip: TextCleaning?

    /// The reader for `path`.
    func source(at path: String) throws -> any DocumentSource {
        try format.source(at: path, split: split ?? .standard, cleaning: strip ?? .none)
    }

    /// A note for `add` and `eval` when `source` reads its text uncleaned, by default rather than by
    /// `--strip none`, into an index whose corpus was read with a cleaning (its `metadata`): such documents
    /// keep the headers, quotes and signatures the index's own documents lost, and match them differently.
    func cleaningNote(for source: any DocumentSource, indexMetadata metadata: [String: String]) -> String? {
        guard strip == nil, source.textCleaning == TextCleaning.none, let recorded = TextCleaning.recorded(in: metadata),
              recorded != .none else { return nil }
        return "note: the index's corpus was read with --strip \(recorded.rawValue) and this one without it; "
            + "pass --strip \(recorded.rawValue) to read it the same way (or --strip none to keep its text whole)"
    }

    func validate() throws {
        if split != nil && format != .reuters {
            throw ValidationError("--split applies to --format reuters; the other formats keep their parts in separate files or folders")
        }
        if let strip, format == .reuters || format == .questions {
            throw ValidationError("--strip applies to --format folder and jsonl; \(format.rawValue) is read as it is, so --strip \(strip.rawValue) would change nothing")
        }
    }
}

/// The library's defaults, which the options start from.
private let vocabularyDefaults = VocabularyConfiguration()
private let textDefaults = TextConfiguration()

/// Tokenizer and vocabulary settings for a new index (an existing index keeps its own). Defaults are the
/// library's (`TextConfiguration`, `VocabularyConfiguration`).
struct TextOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Vocabulary size: the terms of highest document frequency the model reads.", valueName: "n"))
    var vocabulary = vocabularyDefaults.size

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Ignore terms in fewer than this many documents.", valueName: "n"))
    var minDf = vocabularyDefaults.minimumDocumentFrequency

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Ignore terms in more than this fraction of documents.", valueName: "ratio"))
    var maxDf = vocabularyDefaults.maximumDocumentFrequencyRatio

    @Option(name: .long, help: ArgumentHelp("Snowball stemmer (english, german, french, ...) or none.", valueName: "language"))
    var stem = textDefaults.stemmer ?? "none"

    @Flag(name: .long, help: "Keep English stop words.")
    var keepStopWords = false

    @Option(name: .long, help: ArgumentHelp("Term rules: english (possessives and contractions handled, stop words checked after stemming too, one-character terms dropped) or basic (the rules of indexes made before them).", valueName: "rules"))
    var termRules: TermRules = textDefaults.termRules

    var textConfiguration: TextConfiguration {
        var configuration = textDefaults
        configuration.stemmer = stem == "none" ? nil : stem
        configuration.removesStopWords = !keepStopWords
        configuration.termRules = termRules
        return configuration
    }

    var vocabularyConfiguration: VocabularyConfiguration {
        VocabularyConfiguration(size: vocabulary, minimumDocumentFrequency: minDf, maximumDocumentFrequencyRatio: maxDf)
    }

    /// Whether these options ask for other settings than the library's defaults: options that an index with a
    /// vocabulary cannot follow.
    var asksForOtherThanTheDefaults: Bool {
        textConfiguration != textDefaults || vocabularyConfiguration != vocabularyDefaults
    }

    func validate() throws {
        guard vocabulary > 0 else { throw ValidationError("--vocabulary must be positive") }
        guard minDf >= 1 else { throw ValidationError("--min-df must be at least 1") }
        guard maxDf > 0 && maxDf <= 1 else { throw ValidationError("--max-df must be in (0, 1]") }
        do { _ = try Tokenizer(configuration: textConfiguration) } catch { throw ValidationError("--stem: \(error)") }
    }
}
