#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ModelEncoder {
    /// The encoders of a model serialized by `SemanticHashingModel.serialized()` (format 3 or 4), keeping the
    /// word-layer rows of `terms` only, read piecewise with `read(offset, count)` from a blob of `byteCount`
    /// bytes: the header, the kept rows, the layers above the words, the thresholds and the kept words'
    /// idf, nothing of the decoder.
    ///
    /// The checksum covers every byte and is not verified here (`SealedBlob.verify` streams it; the store does
    /// that first). Throws `ModelError` for a blob whose header or shapes are wrong, and whatever `read` throws.
    init(serializedByteCount byteCount: Int, keeping terms: [Int32],
         read: (_ offset: Int, _ count: Int) throws -> [UInt8]) throws {
        self = try withoutActuallyEscaping(read) { read in
            var reader = try PiecewiseModelReader(byteCount: byteCount, read: read)
            return try reader.readEncoder(keeping: Self.keptTerms(terms))
        }
    }
}

/// A serialized model read front to back in pieces, each field's bytes asked of `read` as it comes, so that
/// what an encoder does not need (the word rows of other words, the decoder) is passed over unread. Every
/// field must end before the checksum.
private struct PiecewiseModelReader {
    /// The format version the header states.
    let version: Int
    /// Where the contents end and the checksum's 8 bytes begin.
    private let contentsEnd: Int
    /// The offset of the next field.
    private var position: Int
    private let read: (_ offset: Int, _ count: Int) throws -> [UInt8]

    /// A reader at the first field, after checking the magic, the version and the length of a blob of
    /// `byteCount` bytes.
    init(byteCount: Int, read: @escaping (_ offset: Int, _ count: Int) throws -> [UInt8]) throws {
        let magic = SemanticHashingModel.magic
        let headerSize = SealedBlob.headerSize(magic: magic)
        version = try SealedBlob.checkHeader(try read(0, min(headerSize, byteCount))[...], byteCount: byteCount,
                                             magic: magic, versions: SemanticHashingModel.readableVersions)
        guard byteCount >= headerSize + 8 else { throw ModelError.truncated(expectedBytes: headerSize + 8, actualBytes: byteCount) }
        contentsEnd = byteCount - 8
        position = headerSize
        self.read = read
    }

    /// The encoders, keeping the word-layer rows and idf of `kept` (sorted, each once): the configuration, the
    /// real code's encoder layers, the decoder passed over, the thresholds, the idf and the hash head; then
    /// checks that the layers chain and the thresholds and idf fit them.
    mutating func readEncoder(keeping kept: [Int32]) throws -> ModelEncoder {
        let configuration = try readConfiguration()
        let vocabularySize = try readCount(), encoderDepth = try readCount(), layerCount = try readCount()
        guard encoderDepth >= 1, encoderDepth < layerCount else {
            throw ModelError.malformed("an encoder of \(encoderDepth) of \(layerCount) layers")
        }
        let codeLayers = try readEncoderLayers(count: encoderDepth, keeping: kept, words: vocabularySize)
        for _ in encoderDepth..<layerCount { try skipLayer() }
        let thresholds = try readFloats(try readCount())
        let idfCount = try readCount()
        let idf = idfCount == 0 ? [] : try readRows(kept, ofBlockOf: idfCount, width: 1)
        let hashLayers = try readHashHead(keeping: kept, words: vocabularySize)
        guard position == contentsEnd else { throw ModelError.malformed("\(contentsEnd - position) unexpected bytes before the checksum") }
        for layers in [codeLayers] + (hashLayers.map { [$0] } ?? []) {
            guard zip(layers, layers.dropFirst()).allSatisfy({ $0.outputCount == $1.inputCount }) else {
                throw ModelError.malformed("consecutive encoder layers' widths differ")
            }
        }
        let weighted = configuration.inputTransform == .scaledLogTFIDF
        guard thresholds.count == codeLayers[encoderDepth - 1].outputCount,
              idfCount == (weighted ? vocabularySize : 0), configuration.inputScale > 0 else {
            throw ModelError.malformed("the thresholds or inverse document frequencies do not fit the encoder")
        }
        return ModelEncoder(keptTerms: kept, vocabularySize: vocabularySize, codeLayers: codeLayers, hashLayers: hashLayers,
                            hashThresholds: thresholds, inputTransform: configuration.inputTransform,
                            inputWeighting: weighted ? InputWeighting(inverseDocumentFrequencies: idf, scale: configuration.inputScale) : nil)
    }

    /// The configuration JSON, after its u32 length.
    private mutating func readConfiguration() throws -> ModelConfiguration {
        do {
            return try JSONDecoder().decode(ModelConfiguration.self, from: Data(try readBytes(try readCount())))
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformed("the configuration cannot be decoded (\(error))")
        }
    }

    /// The hash head's layers (format 4; after its u32 layer count), keeping the word-layer rows of `kept`; nil
    /// for a model without one.
    private mutating func readHashHead(keeping kept: [Int32], words: Int) throws -> [DenseLayer]? {
        guard version >= 4 else { return nil }
        let depth = try readCount()
        return depth > 0 ? try readEncoderLayers(count: depth, keeping: kept, words: words) : nil
    }

    /// `count` (at least 1) layers of an encoder: its word layer of `words` inputs, keeping the rows of `kept`,
    /// and the whole layers above it.
    private mutating func readEncoderLayers(count: Int, keeping kept: [Int32], words: Int) throws -> [DenseLayer] {
        var layers = [try readWordLayer(keeping: kept, words: words)]
        for _ in 1..<count { layers.append(try readLayer()) }
        return layers
    }

    /// A word layer of `words` inputs with the weight rows of `kept` only.
    private mutating func readWordLayer(keeping kept: [Int32], words: Int) throws -> DenseLayer {
        let (activation, inputs, outputs) = try readLayerShape()
        guard inputs == words else { throw ModelError.malformed("a word layer of \(inputs) inputs for \(words) words") }
        let weights = Matrix(rows: kept.count, columns: outputs, values: try readRows(kept, ofBlockOf: inputs, width: outputs))
        return DenseLayer(weights: weights, bias: try readFloats(outputs), activation: activation)
    }

    /// A whole layer.
    private mutating func readLayer() throws -> DenseLayer {
        let (activation, inputs, outputs) = try readLayerShape()
        let count = inputs.multipliedReportingOverflow(by: outputs)
        guard !count.overflow else { throw ModelError.malformed("a \(inputs)×\(outputs) layer does not fit in the blob") }
        let weights = Matrix(rows: inputs, columns: outputs, values: try readFloats(count.partialValue))
        return DenseLayer(weights: weights, bias: try readFloats(outputs), activation: activation)
    }

    /// Passes over a layer (the decoder's), checking that it fits.
    private mutating func skipLayer() throws {
        let (_, inputs, outputs) = try readLayerShape()
        _ = try readRows([], ofBlockOf: inputs, width: outputs)
        _ = try readBytes(4 * outputs)
    }

    /// A layer's u8 activation, u32 inputs and u32 outputs, as `SemanticHashingModel.write(_:to:)` writes them
    /// before its weights and bias.
    private mutating func readLayerShape() throws -> (activation: Activation, inputs: Int, outputs: Int) {
        var reader = ByteReader(try readBytes(9), malformed: ModelError.malformed)
        let activation = try reader.readActivation()
        let inputs = Int(try reader.readUInt32()), outputs = Int(try reader.readUInt32())
        return (activation, inputs, outputs)
    }

    /// The floats at `rows` of the `rowCount` × `width` block of floats that starts here; the reader then moves
    /// past the whole block (with no rows, it only checks that the block fits).
    private mutating func readRows(_ rows: [Int32], ofBlockOf rowCount: Int, width: Int) throws -> [Float] {
        let (blockBytes, overflow) = rowCount.multipliedReportingOverflow(by: 4 * width)
        guard width >= 0, !overflow, blockBytes <= contentsEnd - position
        else { throw ModelError.malformed("a \(rowCount)×\(width) block does not fit in the blob") }
        var values: [Float] = []
        values.reserveCapacity(rows.count * width)
        for row in rows {
            guard Int(row) < rowCount else { throw ModelError.malformed("word \(row) is outside the \(rowCount)-word model") }
            var reader = ByteReader(try read(position + Int(row) * 4 * width, 4 * width), malformed: ModelError.malformed)
            values += try reader.readFloats(width)
        }
        position += blockBytes
        return values
    }

    private mutating func readCount() throws -> Int {
        var reader = ByteReader(try readBytes(4), malformed: ModelError.malformed)
        return Int(try reader.readUInt32())
    }

    private mutating func readFloats(_ count: Int) throws -> [Float] {
        var reader = ByteReader(try readBytes(4 * count), malformed: ModelError.malformed)
        return try reader.readFloats(count)
    }

    /// The next `count` bytes, which must end before the checksum.
    private mutating func readBytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= contentsEnd - position else {
            throw ModelError.malformed("a field runs past the end of the data")
        }
        defer { position += count }
        return try read(position, count)
    }
}
