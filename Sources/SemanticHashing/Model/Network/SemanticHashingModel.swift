/// A trained semantic-hashing model: maps bags of words to real codes and binary hashes, and codes back
/// to word distributions.
///
/// The hash comes from the `hashHead` when the model has one (a second encoder trained for Hamming
/// distance, see `ModelConfiguration.hashBits`); otherwise it is the real code cut at `hashThresholds`
/// (models made before hash heads, and logistic codes).
///
/// Immutable and `Sendable`: share one model between threads. Encoding works in batches of at most
/// 1000 documents, one matrix product per layer per batch (the first reads the bags' words as sparse rows).
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
    /// Per code unit, the cut between bit 0 (at or below) and bit 1 (above); see `HashThresholdRule`. Used for
    /// the hash when the model has no hash head.
    public let hashThresholds: [Float]
    /// The encoder whose logistic units, cut at 0.5, are the hash; nil when the hash is the cut real code.
    public let hashHead: HashHead?

    /// Documents per encoding batch: bounds the dense batch to 1000 × vocabulary floats.
    public static let encodingBatchSize = 1000

    public init(configuration: ModelConfiguration, network: Autoencoder, hashThresholds: [Float],
                hashHead: HashHead? = nil) {
        precondition(hashThresholds.count == network.codeSize, "one threshold per code unit")
        precondition(network.codeSize == configuration.codeSize, "the network's code size differs from the configuration")
        precondition(hashHead.map { $0.vocabularySize == network.vocabularySize } ?? true,
                     "the hash head reads another vocabulary")
        self.configuration = configuration
        self.network = network
        self.hashThresholds = hashThresholds
        self.hashHead = hashHead
    }

    /// Words the model reads: term ids of encoded bags must be below this.
    public var vocabularySize: Int { network.vocabularySize }
    /// Units per real code: the columns of `encode`'s result.
    public var codeSize: Int { network.codeSize }
    /// Bits per hash: the hash head's units, else one per code unit.
    public var hashBitCount: Int { hashHead?.bitCount ?? codeSize }
    /// Per bit, the cut its value is compared with: 0.5 for a hash head's logistic units, else `hashThresholds`.
    public var bitThresholds: [Float] {
        hashHead.map { [Float](repeating: HashHead.threshold, count: $0.bitCount) } ?? hashThresholds
    }

    /// Layer widths, e.g. "2000-500-250-125-10".
    public var architectureDescription: String {
        configuration.architectureDescription(vocabularySize: vocabularySize)
    }

    /// Real codes of `bags`, `bags.count × codeSize`, row `i` for bag `i`.
    public func encode(_ bags: [BagOfWords]) -> Matrix {
        var codes = Matrix(rows: bags.count, columns: codeSize)
        for start in stride(from: 0, to: bags.count, by: Self.encodingBatchSize) {
            codes.setRows(startingAt: start, to: network.encode(batch(of: bags, from: start)))
        }
        return codes
    }

    /// Real codes and hashes of `bags`, row `i` and hash `i` for bag `i`, from one batch of sparse inputs per
    /// 1000 documents read by both encoders.
    public func encodeWithHashes(_ bags: [BagOfWords]) -> EncodedDocuments {
        guard let hashHead else {
            let codes = encode(bags)
            return EncodedDocuments(codes: codes, hashUnits: codes,
                                    hashes: BinaryCodes(thresholding: codes, at: hashThresholds))
        }
        var codes = Matrix(rows: bags.count, columns: codeSize)
        var units = Matrix(rows: bags.count, columns: hashHead.bitCount)
        for start in stride(from: 0, to: bags.count, by: Self.encodingBatchSize) {
            let batch = batch(of: bags, from: start)
            codes.setRows(startingAt: start, to: network.encode(batch))
            units.setRows(startingAt: start, to: hashHead.activations(of: batch))
        }
        return EncodedDocuments(codes: codes, hashUnits: units,
                                hashes: BinaryCodes(thresholding: units, at: bitThresholds))
    }

    /// Bags `start ..< start + encodingBatchSize` as the first layer reads them.
    private func batch(of bags: [BagOfWords], from start: Int) -> VisibleBatch {
        VisibleBatch(inputsOf: bags, indices: start..<min(start + Self.encodingBatchSize, bags.count),
                     vocabularySize: vocabularySize, transform: network.inputTransform, weighting: network.inputWeighting)
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

/// What a model makes of some documents: row `i` of each part is document `i`'s.
public struct EncodedDocuments: Sendable {
    /// Real codes, documents × `codeSize`.
    public var codes: Matrix
    /// The values the hash bits were cut from (the hash head's logistic outputs, or the real codes),
    /// documents × `hashBitCount`.
    public var hashUnits: Matrix
    /// Hashes of `hashBitCount` bits.
    public var hashes: BinaryCodes
}
