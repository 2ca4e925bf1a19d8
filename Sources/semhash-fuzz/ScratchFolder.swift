import Foundation

/// A private temporary folder, made once per process under `$TMPDIR`, that the reader entry points write
/// their inputs to, so that each execution costs a few system calls rather than a new folder.
///
/// Names are byte strings, not `String`s, so that inputs can create files whose names are not UTF-8.
final class ScratchFolder {
    /// The folder's absolute path.
    let path: String
    private let descriptor: Int32

    init() {
        var template = Array((FileManager.default.temporaryDirectory.path + "/semhash-fuzz-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("cannot create a scratch folder: \(Self.lastError())") }
        path = String(cString: made)
        descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { fatalError("cannot open the scratch folder \(path): \(Self.lastError())") }
    }

    deinit {
        removeContents()
        close(descriptor)
        rmdir(path)
    }

    /// Writes `bytes` to the file at `relativePath` (components separated by "/"), creating missing
    /// folders and replacing an existing file. Returns false when the path cannot be made, for instance
    /// because a file already has the name of one of its folders.
    @discardableResult
    func store(_ bytes: UnsafeBufferPointer<UInt8>, at relativePath: [UInt8]) -> Bool {
        let components = relativePath.split(separator: UInt8(ascii: "/"))
        var prefix: [UInt8] = []
        for folder in components.dropLast() {
            prefix += folder
            guard Self.withCString(prefix, { mkdirat(descriptor, $0, 0o700) }) == 0 || errno == EEXIST else {
                return false
            }
            prefix.append(UInt8(ascii: "/"))
        }
        let file = Self.withCString(relativePath) { openat(descriptor, $0, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }
        guard file >= 0 else { return false }
        defer { close(file) }
        var written = 0
        while written < bytes.count {
            let count = write(file, bytes.baseAddress! + written, bytes.count - written)
            guard count > 0 else { fatalError("cannot write to the scratch folder \(path): \(Self.lastError())") }
            written += count
        }
        return true
    }

    /// Empties the folder.
    func removeContents() { Self.removeEntries(in: descriptor) }

    /// The absolute path of `name`, a plain ASCII name, inside the folder.
    func path(of name: String) -> String { path + "/" + name }

    private static func removeEntries(in folder: Int32) {
        guard let listing = fdopendir(dup(folder)) else { return }
        defer { closedir(listing) }
        rewinddir(listing)
        var names: [[CChar]] = []
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.bindMemory(to: CChar.self).prefix { $0 != 0 }) + [0]
            }
            if name != [46, 0] && name != [46, 46, 0] { names.append(name) }
        }
        for name in names where unlinkat(folder, name, 0) != 0 {
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
            guard child >= 0 else { continue }
            removeEntries(in: child)
            close(child)
            unlinkat(folder, name, AT_REMOVEDIR)
        }
    }

    private static func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
