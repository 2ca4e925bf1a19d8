import SemanticHashing

/// Fuzzes `FolderCorpus` (with `--strip usenet` cleaning) on a folder the input describes.
///
/// The input is a list of files separated by two NUL bytes (`FolderInput`); a single NUL stays in a
/// file's content, which makes it a binary file. A pass must yield at most one document per file written,
/// each with a label that is its id's folder, or fail with a `CorpusError`.
final class FolderEntryPoint: FuzzEntryPoint {
    private let scratch: ScratchFolder

    init(scratch: ScratchFolder) { self.scratch = scratch }

    func run(_ input: UnsafeBufferPointer<UInt8>) {
        scratch.removeContents()
        var written = 0
        for file in FolderInput.files(in: input) {
            let stored = file.content.withUnsafeBufferPointer { scratch.store($0, at: file.relativePath) }
            if stored { written += 1 }
        }
        var documents = 0
        let pass = FuzzCheck.readerPass {
            try FolderCorpus(root: scratch.path, cleaning: .usenet).forEachDocument { document in
                let folder = document.id.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                    .joined(separator: "/")
                FuzzCheck.require(document.labels == (folder.isEmpty ? [] : [folder]),
                                  "document \(document.id) has labels \(document.labels)")
                documents += 1
            }
        }
        guard case let .success(report) = pass else { return }
        FuzzCheck.require(documents == report.documentCount, "the report counts \(report.documentCount) documents")
        FuzzCheck.require(documents + report.binarySkippedCount + report.unreadableSkippedCount <= written,
                          "\(documents) documents and skipped files from \(written) files")
    }
}
