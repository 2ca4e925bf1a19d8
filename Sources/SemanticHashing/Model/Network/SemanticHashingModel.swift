/// A trained semantic-hashing model: maps bags of words to real codes and binary hashes, and codes back
/// to word distributions.
///
/// Immutable and `Sendable`: share one model between threads. Encoding works in batches of at most
/// 1000 documents (densified from the sparse bags), one matrix product per layer per batch.
///
/// An empty bag (no in-vocabulary word) encodes as an all-zero input row of length 0 (so under `.counts`
/// the first layer's length-scaled biases vanish too): every empty bag gets the same code, the network's
/// response to no words at all.
///
/// Codes are bit-identical for the same model, documents, batch order and BLAS thread count; a document
/// encoded in a different batch position may differ in the last bits (BLAS kernels round by position).
public struct SemanticHashingModel: Sendable, Equatable {
    /// The configuration the model was trained with (architecture, transform, recipe, seed).
    public let configuration: ModelConfiguration
    /// The trained autoencoder (encoder, then decoder).
    public let network: Autoencoder
    /// Per code unit, the cut between bit 0 (at or below) and bit 1 (above); see `HashThresholdRule`.
    public let hashThresholds: [Float]

    /// Documents per encoding batch: bounds the dense batch to 1000 × vocabulary floats.
    public static let encodingBatchSize = 1000

    public init(configuration: ModelConfiguration, network: Autoencoder, hashThresholds: [Float]) {
        precondition(hashThresholds.count == network.codeSize, "one threshold per code unit")
        precondition(network.codeSize == configuration.codeSize, "the network's code size differs from the configuration")
        self.configuration = configuration
        self.network = network
        self.hashThresholds = hashThresholds
    }

    /// Words the model reads: term ids of encoded bags must be below this.
    public var vocabularySize: Int { network.vocabularySize }
    /// Units per code: the columns of `encode`'s result and the bits of each hash.
    public var codeSize: Int { network.codeSize }

    /// Layer widths, e.g. "2000-500-250-125-10".
    public var architectureDescription: String {
        configuration.architectureDescription(vocabularySize: vocabularySize)
    }

    /// Real codes of `bags`, `bags.count × codeSize`, row `i` for bag `i`.
    public func encode(_ bags: [BagOfWords]) -> Matrix {
        var codes = Matrix(rows: bags.count, columns: codeSize)
        for start in stride(from: 0, to: bags.count, by: Self.encodingBatchSize) {
            let batch = VisibleBatch(bags: bags, indices: start..<min(start + Self.encodingBatchSize, bags.count),
                                     vocabularySize: vocabularySize, transform: network.inputTransform,
                                     weighting: network.inputWeighting)
            codes.setRows(startingAt: start, to: network.encode(batch))
        }
        return codes
    }

    /// Binary hashes of `codes`: bit `b` is set when unit `b` exceeds `hashThresholds[b]`.
    public func hashes(for codes: Matrix) -> BinaryCodes {
        precondition(codes.columns == codeSize, "codes have \(codes.columns) units, expected \(codeSize)")
        var hashes = BinaryCodes(bitCount: codeSize)
        var words = [UInt64](repeating: 0, count: hashes.wordsPerCode)
        for row in 0..<codes.rows {
            for index in words.indices { words[index] = 0 }
            for unit in 0..<codeSize where codes[row, unit] > hashThresholds[unit] {
                words[unit >> 6] |= 1 << UInt64(unit & 63)
            }
            hashes.append(words: words)
        }
        return hashes
    }

    /// The word distribution (rows sum to 1, `codes.rows × vocabularySize`) the decoder gives each code.
    public func decode(_ codes: Matrix) -> Matrix {
        precondition(codes.columns == codeSize, "codes have \(codes.columns) units, expected \(codeSize)")
        var distributions = Matrix(rows: codes.rows, columns: vocabularySize)
        for start in stride(from: 0, to: codes.rows, by: Self.encodingBatchSize) {
            let block = codes.rows(start..<min(start + Self.encodingBatchSize, codes.rows))
            distributions.setRows(startingAt: start, to: network.decode(block))
        }
        return distributions
    }
}
