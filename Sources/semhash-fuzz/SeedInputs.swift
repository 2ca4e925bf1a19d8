import Foundation

/// The inputs the harness starts from: every file below the seed folders (the test fixtures and the
/// sample corpus), shaped for each target.
struct SeedInputs {
    /// Relative path (from its seed folder) and content of every regular file, in path order.
    private let files: [FolderInput.File]

    /// Reads every regular file below `folders`. Throws when a folder cannot be listed or a file read.
    init(folders: [String]) throws {
        var files: [FolderInput.File] = []
        for folder in folders {
            let root = URL(fileURLWithPath: folder)
            guard let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder]) }
            for case let url as URL in enumerator
            where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                files.append(FolderInput.File(relativePath: Array(relative.utf8), content: Array(try Data(contentsOf: url))))
            }
        }
        self.files = files.sorted { $0.relativePath.lexicographicallyPrecedes($1.relativePath) }
    }

    /// The seed inputs of `target`: each file as it is, and for the folder reader each file as a one-file
    /// folder plus all files together; for the tokenizer each file behind each configuration byte.
    func inputs(for target: FuzzTarget) -> [[UInt8]] {
        switch target {
        case .tokenizer:
            return files.flatMap { file in
                TokenizerEntryPoint.configurations.indices.map { [UInt8($0)] + file.content }
            }
        case .folder:
            return files.map { FolderInput.pack([$0]) } + [FolderInput.pack(files)]
        case .usenet, .decoding, .jsonl, .reuters:
            return files.map(\.content)
        }
    }
}
