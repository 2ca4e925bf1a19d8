/// The regular files below a folder, as the folder reader visits them.
struct FileListing {
    /// Paths relative to the root, sorted by their UTF-8 bytes.
    var relativePaths: [String] = []
    /// One line per entry left out (broken links, symbolic-link loops, unreadable folders, special files,
    /// names that are not UTF-8).
    var warnings: [String] = []

    /// Lists every regular file below `root`, recursively, following symbolic links but never into a
    /// folder that contains the link (a loop). Names starting with "." (hidden files and folders) are
    /// skipped. Cost: one `stat` per entry.
    init(root: String) throws(CorpusError) {
        guard let rootIdentity = FileSystem.identity(of: root) else { throw .notFound(path: root) }
        try visit(folder: root, relative: "", ancestors: [rootIdentity], isRoot: true)
        relativePaths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private mutating func visit(
        folder: String, relative: String, ancestors: Set<FileSystem.Identity>, isRoot: Bool
    ) throws(CorpusError) {
        let entries: (names: [String], undecodable: [String])
        do {
            entries = try FileSystem.entries(of: folder)
        } catch {
            if isRoot { throw error }
            warnings.append("skipped folder \(relative): \(error)")
            return
        }
        for name in entries.undecodable {
            let shown = relative.isEmpty ? name : relative + "/" + name
            warnings.append("skipped \(shown): its name is not valid UTF-8; rename it to read it")
        }
        for name in entries.names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            switch FileSystem.kind(of: path) {
            case .file:
                relativePaths.append(relativePath)
            case .folder:
                guard let identity = FileSystem.identity(of: path), !ancestors.contains(identity) else {
                    warnings.append("skipped \(relativePath): symbolic link loop")
                    continue
                }
                try visit(folder: path, relative: relativePath, ancestors: ancestors.union([identity]),
                          isRoot: false)
            case .other:
                warnings.append("skipped \(relativePath): not a regular file")
            case nil:
                warnings.append("skipped \(relativePath): broken symbolic link")
            }
        }
    }
}
