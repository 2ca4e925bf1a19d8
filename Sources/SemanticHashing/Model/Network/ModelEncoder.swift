/// The encoding half of a trained model, over all its words or only some of them: what searching needs.
///
/// Neither a model's decoder nor the weights of words a text does not contain play any part in encoding it,
/// so `semhash ask` keeps only its questions' rows of each word layer (`IndexStore.loadEncoder(keeping:)`): a
/// few kilobytes instead of the whole model (about 30 MB at 5,000 words with a 64-bit hash head), whose
/// decoding into fresh memory made loading the model the largest cost of a question asked on the command line.
///
/// Bags keep the model's term ids; an encoder that keeps some words only encodes bags of those words.
/// Codes and hashes are the whole model's, bit for bit: the word layer adds the rows of a bag's words one by
/// one in term order (`SparseRows`), and keeping fewer rows renumbers the words without reordering them.
public struct ModelEncoder: Sendable, Equatable {
    /// The vocabulary ids whose rows the word layers keep, increasing; nil when every word is kept.
    public let keptTerms: [Int32]?
    /// Words of the whole model's vocabulary.
    public let vocabularySize: Int
    /// Encoder layers of the real code, words first.
    let codeLayers: [DenseLayer]
    /// Hash-head layers, words first; nil when the hash is the real code cut at `hashThresholds`.
    let hashLayers: [DenseLayer]?
    /// Per code unit, where the real code is cut into bits (used without a hash head).
    let hashThresholds: [Float]
    let inputTransform: InputTransform
    /// The `.scaledLogTFIDF` weighting of the kept words, in the order of `keptTerms`.
    let inputWeighting: InputWeighting?

    /// Units per real code.
    public var codeSize: Int { codeLayers[codeLayers.count - 1].outputCount }
    /// Bits per hash: the hash head's units, else one per code unit.
    public var hashBitCount: Int { hashLayers.map { $0[$0.count - 1].outputCount } ?? codeSize }

    /// The encoders of the whole `model`, sharing its weights.
    public init(_ model: SemanticHashingModel) {
        self.init(keptTerms: nil, vocabularySize: model.vocabularySize, codeLayers: Array(model.network.layers.prefix(model.network.encoderDepth)),
                  hashLayers: model.hashHead?.layers, hashThresholds: model.hashThresholds,
                  inputTransform: model.network.inputTransform, inputWeighting: model.network.inputWeighting)
    }

    /// The encoders of `model` keeping the rows of `terms` only (any order, repeats allowed).
    public init(_ model: SemanticHashingModel, keeping terms: [Int32]) {
        let kept = Self.keptTerms(terms)
        func cut(_ layers: [DenseLayer]) -> [DenseLayer] {
            [layers[0].keepingRows(kept.map(Int.init))] + layers.dropFirst()
        }
        self.init(keptTerms: kept, vocabularySize: model.vocabularySize, codeLayers: cut(Array(model.network.layers.prefix(model.network.encoderDepth))),
                  hashLayers: model.hashHead.map { cut($0.layers) }, hashThresholds: model.hashThresholds,
                  inputTransform: model.network.inputTransform,
                  inputWeighting: model.network.inputWeighting.map { weighting in
                      InputWeighting(inverseDocumentFrequencies: kept.map { weighting.inverseDocumentFrequencies[Int($0)] },
                                     scale: weighting.scale)
                  })
    }

    init(keptTerms: [Int32]?, vocabularySize: Int, codeLayers: [DenseLayer], hashLayers: [DenseLayer]?,
         hashThresholds: [Float], inputTransform: InputTransform, inputWeighting: InputWeighting?) {
        precondition(!codeLayers.isEmpty && hashLayers.map { !$0.isEmpty } ?? true, "an encoder has layers")
        precondition(keptTerms.map { $0.count == codeLayers[0].inputCount } ?? true, "one word-layer row per kept word")
        precondition(hashThresholds.count == codeLayers[codeLayers.count - 1].outputCount, "one threshold per code unit")
        self.keptTerms = keptTerms
        self.vocabularySize = vocabularySize
        self.codeLayers = codeLayers
        self.hashLayers = hashLayers
        self.hashThresholds = hashThresholds
        self.inputTransform = inputTransform
        self.inputWeighting = inputWeighting
    }

    /// `terms` sorted, each once; word 0 when there are none, so that the word layer keeps a row (a question
    /// without a vocabulary word encodes as the empty bag, whose input row is all zeros whatever rows are kept).
    static func keptTerms(_ terms: [Int32]) -> [Int32] {
        let kept = Array(Set(terms)).sorted()
        return kept.isEmpty ? [0] : kept
    }

    /// Real codes and hashes of `bags` (in the model's term ids; with `keptTerms`, only those words), row `i`
    /// and hash `i` for bag `i`.
    public func encodeWithHashes(_ bags: [BagOfWords]) -> EncodedDocuments {
        let inputs = keptTerms.map { kept in bags.map { Self.renumbered($0, into: kept) } } ?? bags
        let words = codeLayers[0].inputCount
        var codes = Matrix(rows: bags.count, columns: codeSize)
        var units = Matrix(rows: bags.count, columns: hashBitCount)
        for start in stride(from: 0, to: bags.count, by: SemanticHashingModel.encodingBatchSize) {
            let batch = VisibleBatch(inputsOf: inputs,
                                     indices: start..<min(start + SemanticHashingModel.encodingBatchSize, bags.count),
                                     vocabularySize: words, transform: inputTransform, weighting: inputWeighting)
            let code = Self.output(of: codeLayers, for: batch)
            codes.setRows(startingAt: start, to: code)
            units.setRows(startingAt: start, to: hashLayers.map { Self.output(of: $0, for: batch) } ?? code)
        }
        let thresholds = hashLayers == nil ? hashThresholds : [Float](repeating: HashHead.threshold, count: hashBitCount)
        return EncodedDocuments(codes: codes, hashUnits: units, hashes: BinaryCodes(thresholding: units, at: thresholds))
    }

    private static func output(of layers: [DenseLayer], for batch: VisibleBatch) -> Matrix {
        var activations = layers[0].output(for: batch.input, biasScales: batch.hiddenBiasScales)
        for layer in layers.dropFirst() { activations = layer.output(for: .dense(activations)) }
        return activations
    }

    /// `bag` with each term id replaced by its position in `kept`.
    private static func renumbered(_ bag: BagOfWords, into kept: [Int32]) -> BagOfWords {
        BagOfWords(termIDs: bag.termIDs.map { term in
            var low = 0, high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if kept[middle] < term { low = middle + 1 } else { high = middle }
            }
            precondition(low < kept.count && kept[low] == term, "term \(term) is not among the encoder's words")
            return Int32(low)
        }, counts: bag.counts)
    }
}

extension DenseLayer {
    /// The layer reading only the inputs `rows` (in that order): its weights' rows `rows`, the same bias.
    func keepingRows(_ rows: [Int]) -> DenseLayer {
        var kept = Matrix(rows: rows.count, columns: outputCount)
        for (row, source) in rows.enumerated() {
            for column in 0..<outputCount { kept[row, column] = weights[source, column] }
        }
        return DenseLayer(weights: kept, bias: bias, activation: activation)
    }
}
