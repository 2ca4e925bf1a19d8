import SemanticHashing

/// Fuzzes `ReutersCorpus`: the input is one `reut2-000.sgm` file, read whole for every split. A pass
/// either yields at most one document per `<REUTERS` line or fails with a `CorpusError`, the same
/// for every split, and the ModApte splits are parts of the whole.
final class ReutersEntryPoint: FuzzEntryPoint {
    private let scratch: ScratchFolder

    init(scratch: ScratchFolder) { self.scratch = scratch }

    func run(_ input: UnsafeBufferPointer<UInt8>) {
        scratch.store(input, at: Array("reut2-000.sgm".utf8))
        var counts: [CorpusSplit: Int] = [:]
        var failure: CorpusError?
        for split in [CorpusSplit.all, .train, .test] {
            var documents = 0
            let pass = FuzzCheck.readerPass {
                try ReutersCorpus(path: scratch.path, split: split).forEachDocument { document in
                    FuzzCheck.require(split == .all || !document.labels.isEmpty, "a ModApte document without topics")
                    documents += 1
                }
            }
            switch pass {
            case .success:
                FuzzCheck.require(failure == nil, "the \(split) pass read a file the whole pass rejected")
                counts[split] = documents
            case let .failure(error):
                FuzzCheck.require(split == .all || failure == error, "the \(split) pass failed differently: \(error)")
                failure = error
            }
        }
        guard failure == nil else { return }
        let records = Array(input).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .count { $0.starts(with: Array("<REUTERS".utf8)) }
        FuzzCheck.require(counts[.all]! <= records, "\(counts[.all]!) documents from \(records) records")
        FuzzCheck.require(counts[.train]! + counts[.test]! <= counts[.all]!, "the splits hold more than the whole")
    }
}
