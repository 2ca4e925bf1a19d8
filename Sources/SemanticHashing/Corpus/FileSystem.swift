#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the readers need, with failures as `CorpusError`s.
enum FileSystem {
    enum Kind: Equatable {
        case file
        case folder
        case other
    }

    /// A file or folder's identity, to recognise a folder reached again through a symbolic link.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// What `path` is, following symbolic links; nil when it does not exist (or is a broken link).
    static func kind(of path: String) -> Kind? {
        guard let info = status(of: path) else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    static func identity(of path: String) -> Identity? {
        status(of: path).map { Identity(device: UInt64($0.st_dev), inode: UInt64($0.st_ino)) }
    }

    /// `path` made absolute against the working directory, without trailing slashes.
    static func absolute(_ path: String) -> String {
        var result = path
        if !result.hasPrefix("/"), let cwd = getcwd(nil, 0) {
            result = String(cString: cwd) + "/" + result
            free(cwd)
        }
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// The names in folder `path` except "." and "..", in no particular order: `names` holds those that are
    /// UTF-8 (the only ones a `String` path can reach again), `undecodable` the others, repaired for messages.
    static func entries(of path: String) throws(CorpusError) -> (names: [String], undecodable: [String]) {
        guard let folder = opendir(path) else { throw .unreadable(path: path, reason: lastError()) }
        defer { closedir(folder) }
        var names: [String] = []
        var undecodable: [String] = []
        while let entry = readdir(folder) {
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let name = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                if let decoded = String(validatingCString: name) {
                    if decoded != "." && decoded != ".." { names.append(decoded) }
                } else {
                    undecodable.append(String(cString: name))
                }
            }
        }
        return (names, undecodable)
    }

    /// The whole content of the file at `path`.
    static func contents(of path: String) throws(CorpusError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: lastError()) }
        defer { close(descriptor) }
        var info = stat()
        let expected = fstat(descriptor, &info) == 0 ? max(Int(info.st_size), 0) : 0
        var bytes = [UInt8](repeating: 0, count: expected + 1)
        var length = 0
        while true {
            if length == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let count = bytes.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + length, raw.count - length)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable(path: path, reason: lastError()) }
            if count == 0 { break }
            length += count
        }
        bytes.removeLast(bytes.count - length)
        return bytes
    }

    /// Calls `body` with each line of the file at `path` (without its "\n") and its 1-based number,
    /// reading in fixed-size chunks so that memory stays bounded by the longest line.
    static func forEachLine(
        of path: String, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CorpusError.unreadable(path: path, reason: lastError()) }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var pending: [UInt8] = []
        var lineNumber = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw CorpusError.unreadable(path: path, reason: lastError()) }
            if count == 0 { break }
            try chunk.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                var start = 0
                while start < count, let newline = memchr(base + start, 0x0A, count - start) {
                    let end = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
                    lineNumber += 1
                    if pending.isEmpty {
                        try body(UnsafeBufferPointer(rebasing: buffer[start..<end]), lineNumber)
                    } else {
                        pending.append(contentsOf: buffer[start..<end])
                        try pending.withUnsafeBufferPointer { try body($0, lineNumber) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    start = end + 1
                }
                pending.append(contentsOf: buffer[start..<count])
            }
        }
        if !pending.isEmpty { try pending.withUnsafeBufferPointer { try body($0, lineNumber + 1) } }
    }

    private static func status(of path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }

    /// Whether `path` cannot be followed because its symbolic links form a loop (stat fails with ELOOP).
    static func isLinkLoop(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) != 0 && errno == ELOOP
    }
}

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
                warnings.append("skipped \(relativePath): " + (FileSystem.isLinkLoop(path) ? "symbolic link loop" : "broken symbolic link"))
            }
        }
    }
}
