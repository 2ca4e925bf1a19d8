import CStemmer

/// One Snowball stemmer (libstemmer) working on UTF-8. Not thread-safe: the C object keeps the last stem.
final class SnowballStemmer {
    private let stemmer: OpaquePointer

    /// Opens the Snowball algorithm `algorithm` (e.g. "english").
    /// - Throws: `TextError.unknownStemmer` listing the available names when there is no such algorithm.
    init(algorithm: String) throws(TextError) {
        guard let stemmer = sb_stemmer_new(algorithm, "UTF_8") else {
            throw .unknownStemmer(name: algorithm, available: Self.availableAlgorithms)
        }
        self.stemmer = stemmer
    }

    deinit { sb_stemmer_delete(stemmer) }

    /// The names of the Snowball algorithms libstemmer provides, in its order.
    static var availableAlgorithms: [String] {
        var names: [String] = []
        guard var entry = sb_stemmer_list() else { return names }
        while let name = entry.pointee {
            names.append(String(cString: name))
            entry += 1
        }
        return names
    }

    /// The stem of `word`, a lower-case word in UTF-8.
    func stem(_ word: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = word.baseAddress, !word.isEmpty else { return "" }
        guard let stemmed = sb_stemmer_stem(stemmer, base, Int32(word.count)) else {
            fatalError("libstemmer ran out of memory stemming a \(word.count)-byte word")
        }
        let length = Int(sb_stemmer_length(stemmer))
        return String(decoding: UnsafeBufferPointer(start: stemmed, count: length), as: UTF8.self)
    }
}
