/// How `FolderEntryPoint` reads a folder of files out of one input, and how the harness packs fixture
/// files into one.
///
/// Files are separated by two NUL bytes. A file's first line (up to the first "\n") is its path relative
/// to the folder, with "/" between components; without a "\n" the whole part is the content of a file
/// named after its position. Paths are made safe but not tidy: empty components are dropped, components
/// made only of dots (such as "..") become "_", NUL bytes become "_", components are cut to 200 bytes, and
/// any other bytes (invalid UTF-8, a leading dot that hides a file) are kept.
enum FolderInput {
    /// One file to create.
    struct File {
        var relativePath: [UInt8]
        var content: [UInt8]
    }

    /// At most this many files are created per input.
    static let maximumFileCount = 32

    private static let separator: [UInt8] = [0, 0]

    /// The files `input` describes, in input order.
    static func files(in input: UnsafeBufferPointer<UInt8>) -> [File] {
        var files: [File] = []
        var start = 0
        while files.count < maximumFileCount {
            var end = start
            while end < input.count && !(input[end] == 0 && end + 1 < input.count && input[end + 1] == 0) { end += 1 }
            let part = input[start..<end]
            if let newline = part.firstIndex(of: UInt8(ascii: "\n")) {
                let path = safePath(Array(part[..<newline]))
                if !path.isEmpty { files.append(File(relativePath: path, content: Array(part[(newline + 1)...]))) }
            } else {
                files.append(File(relativePath: Array("file-\(files.count)".utf8), content: Array(part)))
            }
            guard end < input.count else { break }
            start = end + separator.count
        }
        return files
    }

    /// One input describing `files`, the inverse of `files(in:)` for safe paths and contents without two
    /// consecutive NUL bytes.
    static func pack(_ files: [File]) -> [UInt8] {
        var input: [UInt8] = []
        for (index, file) in files.enumerated() {
            if index > 0 { input += separator }
            input += file.relativePath + [UInt8(ascii: "\n")] + file.content
        }
        return input
    }

    private static func safePath(_ path: [UInt8]) -> [UInt8] {
        let components = path.split(separator: UInt8(ascii: "/")).map { component -> [UInt8] in
            let component = component.map { $0 == 0 ? UInt8(ascii: "_") : $0 }.prefix(200)
            return component.allSatisfy { $0 == UInt8(ascii: ".") } ? [UInt8(ascii: "_")] : Array(component)
        }
        return Array(components.joined(separator: [UInt8(ascii: "/")]))
    }
}
