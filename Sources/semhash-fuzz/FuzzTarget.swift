/// One piece of semhash that the fuzzer feeds arbitrary bytes to.
///
/// `run` must return normally for every input: the typed errors the library documents (such as
/// `CorpusError`) are the expected answer to bad input and are caught. A crash, trap, hang or sanitizer
/// report is a bug, and so is a broken invariant, which `run` turns into a trap with `FuzzCheck`.
protocol FuzzEntryPoint: AnyObject {
    func run(_ input: UnsafeBufferPointer<UInt8>)
}

/// The entry points `semhash-fuzz` can fuzz, by the name the fuzz script and the harness select them with.
enum FuzzTarget: String, CaseIterable {
    /// `Tokenizer` under a few `TextConfiguration`s (`TokenizerEntryPoint`).
    case tokenizer
    /// `UsenetCleaner` and `TextCleaning` (`UsenetEntryPoint`).
    case usenet
    /// `TextDecoding`: UTF-8 with the ISO-8859-1 fallback (`DecodingEntryPoint`).
    case decoding
    /// `JSONLCorpus` (`JSONLEntryPoint`).
    case jsonl
    /// `ReutersCorpus` (`ReutersEntryPoint`).
    case reuters
    /// `FolderCorpus` (`FolderEntryPoint`).
    case folder

    /// A new entry point for this target, with its tokenizers or scratch folder set up.
    func makeEntryPoint() -> any FuzzEntryPoint {
        switch self {
        case .tokenizer: return TokenizerEntryPoint()
        case .usenet: return UsenetEntryPoint()
        case .decoding: return DecodingEntryPoint()
        case .jsonl: return JSONLEntryPoint(scratch: ScratchFolder())
        case .reuters: return ReutersEntryPoint(scratch: ScratchFolder())
        case .folder: return FolderEntryPoint(scratch: ScratchFolder())
        }
    }

    /// The names of all targets, for messages.
    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
