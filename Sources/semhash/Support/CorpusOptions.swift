import ArgumentParser
import SemanticHashing

extension CorpusFormat: ExpressibleByArgument {}
extension CorpusSplit: ExpressibleByArgument {}
extension TextCleaning: ExpressibleByArgument {}

/// Where a corpus is and how to read it, for `index`, `add` and `eval`.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: "The corpus layout: folder (a file per document, labelled by subfolder), jsonl (id, text, title, labels per line), reuters (Reuters-21578 SGML), questions (labels, a tab and a question per line).")
    var format: CorpusFormat = .folder

    @Option(name: .long, help: "For reuters: the ModApte part to read (train, test, or all records).")
    var split: CorpusSplit?

    @Option(name: .long, help: "Cleaning of raw text: usenet removes e-mail headers, quoted lines and signatures (the 20 Newsgroups protocol); none keeps the text.")
    var strip: TextCleaning = .none

    /// The reader for `path`.
    func source(at path: String) throws -> any DocumentSource {
        try format.source(at: path, split: split ?? (format == .reuters ? .train : .all), cleaning: strip)
    }
}
