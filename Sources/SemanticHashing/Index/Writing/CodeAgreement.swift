/// Whether an index's codes are its model's: a sample of documents re-encoded with the model must give
/// their stored codes (to a tolerance that absorbs another machine's BLAS kernels), and every stored hash
/// must be its stored code thresholded by the model.
struct CodeAgreement {
    /// Documents re-encoded (at most `sampleSize`, spread evenly over the index).
    var sampled = 0
    /// Sampled documents whose stored code is not what the model makes.
    var differingCodes = 0
    /// Documents whose stored hash is not their stored code's hash.
    var differingHashes = 0

    static let sampleSize = 256

    /// Compares `loaded` (codes of the model's shape) with what `model` makes of the stored bags.
    init(of loaded: DocumentCodes, model: SemanticHashingModel, in store: IndexStore) throws {
        let expectedHashes = model.hashes(for: loaded.realCodes)
        differingHashes = (0..<loaded.ids.count).filter { expectedHashes.code($0) != loaded.hashes.code($0) }.count
        let rows = Array(stride(from: 0, to: loaded.ids.count, by: max(1, loaded.ids.count / Self.sampleSize))
            .prefix(Self.sampleSize))
        let bags = try store.bags(ids: rows.map { loaded.ids[$0] })
        let encoded = model.encode(rows.map { bags[loaded.ids[$0]] ?? BagOfWords() })
        sampled = rows.count
        differingCodes = rows.indices.filter { sample in
            (0..<model.codeSize).contains { unit in
                let stored = loaded.realCodes[rows[sample], unit]
                return abs(encoded[sample, unit] - stored) > 1e-3 * max(1, abs(stored))
            }
        }.count
    }
}
