import SemanticHashing

/// Fuzzes `JSONLCorpus` (with `--strip usenet` cleaning): the input is the whole file. A pass either
/// yields at most one document per line or fails with a `CorpusError`.
final class JSONLEntryPoint: FuzzEntryPoint {
    private let scratch: ScratchFolder

    init(scratch: ScratchFolder) { self.scratch = scratch }

    func run(_ input: UnsafeBufferPointer<UInt8>) {
        scratch.store(input, at: Array("corpus.jsonl".utf8))
        var documents = 0
        let pass = FuzzCheck.readerPass {
            try JSONLCorpus(path: scratch.path(of: "corpus.jsonl"), cleaning: .usenet).forEachDocument { _ in
                documents += 1
            }
        }
        guard case let .success(report) = pass else { return }
        let lines = input.count { $0 == UInt8(ascii: "\n") } + 1
        FuzzCheck.require(documents == report.documentCount, "the report counts \(report.documentCount) documents")
        FuzzCheck.require(documents <= lines, "\(documents) documents from \(lines) lines")
    }
}
