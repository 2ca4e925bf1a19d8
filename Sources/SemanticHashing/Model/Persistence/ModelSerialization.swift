#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The model file format, version 4 (all integers and floats little-endian):
///
/// ```
/// magic "SEMHASHM" (8 bytes) · u32 version · u64 total byte count (including the checksum)
/// u32 n · n bytes of configuration JSON (ModelConfiguration, sorted keys)
/// u32 vocabulary size · u32 encoder depth · u32 layer count
/// per layer: u8 activation (0 logistic, 1 linear, 2 softmax) · u32 inputs · u32 outputs ·
///            f32 weights[inputs × outputs] (row-major) · f32 bias[outputs]
/// u32 code size · f32 hash thresholds[code size]
/// u32 m · f32 inverse document frequencies[m] (m = vocabulary size under `.scaledLogTFIDF`, else 0;
///   the scale is the configuration's `inputScale`)
/// u32 h · h hash-head layers, each as above (h = 0: no hash head, the hash is the cut code)
/// u64 FNV-1a checksum of every preceding byte, taken as little-endian u64 words then the remaining bytes
/// ```
/// Version 3 (before hash heads: no hash-head section) reads as a model without a hash head. Versions 1
/// and 2 (no idf, older configuration fields, a byte-wise checksum) are rejected: retrain the model.
extension SemanticHashingModel {
    static let magic = Array("SEMHASHM".utf8)
    static let formatVersion = 4
    /// The oldest version this build reads.
    static let oldestReadableVersion = 3
    /// The versions this build reads.
    static let readableVersions = oldestReadableVersion...formatVersion

    /// The model as a self-describing byte blob (format above).
    public func serialized() -> [UInt8] {
        var writer = SealedBlob.writer(magic: Self.magic, version: Self.formatVersion)
        writer.reserve(64 + (network.layers + (hashHead?.layers ?? [])).reduce(0) { $0 + 4 * ($1.weights.values.count + $1.bias.count + 3) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a plain Codable value of finite numbers (`ModelConfiguration.validate` requires them), strings
        // and arrays cannot fail.
        let json = try! encoder.encode(configuration)
        writer.write(UInt32(json.count))
        writer.write(json)
        writer.write(UInt32(vocabularySize))
        writer.write(UInt32(network.encoderDepth))
        Self.write(network.layers, to: &writer)
        writer.write(UInt32(codeSize))
        writer.write(hashThresholds)
        let idf = network.inputWeighting?.inverseDocumentFrequencies ?? []
        writer.write(UInt32(idf.count))
        writer.write(idf)
        Self.write(hashHead?.layers ?? [], to: &writer)
        return SealedBlob.seal(&writer, magic: Self.magic)
    }

    /// u32 layer count · per layer: activation · inputs · outputs · weights · bias.
    private static func write(_ layers: [DenseLayer], to writer: inout ByteWriter) {
        writer.write(UInt32(layers.count))
        for layer in layers {
            writer.write(layer.activation)
            writer.write(UInt32(layer.inputCount))
            writer.write(UInt32(layer.outputCount))
            writer.write(layer.weights.values)
            writer.write(layer.bias)
        }
    }

    /// Layers written by `write(_:to:)`.
    private static func readLayers(_ reader: inout ByteReader<ModelError>) throws(ModelError) -> [DenseLayer] {
        let layerCount = try reader.readCount(itemSize: 9)
        var layers: [DenseLayer] = []
        for _ in 0..<layerCount {
            let activation = try reader.readActivation()
            let inputs = Int(try reader.readUInt32())
            let outputs = Int(try reader.readUInt32())
            let weightCount = inputs.multipliedReportingOverflow(by: outputs)
            guard !weightCount.overflow, weightCount.partialValue + outputs <= reader.remaining / 4 else {
                throw .malformed("a \(inputs)×\(outputs) layer does not fit in the blob")
            }
            let weights = Matrix(rows: inputs, columns: outputs, values: try reader.readFloats(weightCount.partialValue))
            layers.append(DenseLayer(weights: weights, bias: try reader.readFloats(outputs), activation: activation))
        }
        return layers
    }

    /// Reads a model written by `serialized()`, checking magic, version, length, checksum and shapes.
    public init(serialized bytes: [UInt8]) throws(ModelError) {
        let opened = try SealedBlob.open(bytes, magic: Self.magic, versions: Self.readableVersions)
        var reader = opened.reader
        let configurationBytes = try reader.readBytes(try reader.readCount(itemSize: 1))
        let configuration: ModelConfiguration
        do {
            configuration = try JSONDecoder().decode(ModelConfiguration.self, from: Data(configurationBytes))
        } catch {
            throw .malformed("the configuration cannot be decoded (\(error))")
        }
        let vocabularySize = Int(try reader.readUInt32())
        let encoderDepth = Int(try reader.readUInt32())
        let layers = try Self.readLayers(&reader)
        let thresholds = try reader.readFloats(try reader.readCount(itemSize: 4))
        let idf = try reader.readFloats(try reader.readCount(itemSize: 4))
        let hashLayers = opened.version >= 4 ? try Self.readLayers(&reader) : []
        guard reader.remaining == 8 else { throw .malformed("\(reader.remaining - 8) unexpected bytes before the checksum") }
        try Self.checkShapes(layers: layers, encoderDepth: encoderDepth, thresholds: thresholds,
                             vocabularySize: vocabularySize, configuration: configuration)
        try Self.checkHashHead(hashLayers, vocabularySize: vocabularySize, configuration: configuration)
        let weighted = configuration.inputTransform == .scaledLogTFIDF
        guard idf.count == (weighted ? vocabularySize : 0), configuration.inputScale > 0 else {
            throw .malformed("\(idf.count) inverse document frequencies for a \(vocabularySize)-word"
                             + " \(configuration.inputTransform) model")
        }
        self.init(configuration: configuration,
                  network: Autoencoder(layers: layers, encoderDepth: encoderDepth,
                                       inputTransform: configuration.inputTransform,
                                       inputWeighting: weighted
                                           ? InputWeighting(inverseDocumentFrequencies: idf, scale: configuration.inputScale)
                                           : nil),
                  hashThresholds: thresholds,
                  hashHead: hashLayers.isEmpty ? nil : HashHead(layers: hashLayers))
    }

    /// The hash head must be there exactly when the configuration trains one, shaped like the encoder with
    /// `hashHeadBits` logistic units on top.
    private static func checkHashHead(_ layers: [DenseLayer], vocabularySize: Int,
                                      configuration: ModelConfiguration) throws(ModelError) {
        guard let bits = configuration.hashHeadBits else {
            guard layers.isEmpty else { throw .malformed("a hash head that the configuration does not train") }
            return
        }
        let widths = [vocabularySize] + configuration.hiddenLayers + [bits]
        guard layers.count == widths.count - 1,
              zip(layers, zip(widths, widths.dropFirst())).allSatisfy({ $0.inputCount == $1.0 && $0.outputCount == $1.1 }),
              layers.dropLast().allSatisfy({ $0.activation == .logistic }), layers.last?.activation == .logistic else {
            throw .malformed("the hash head's layers do not match "
                             + widths.map(String.init).joined(separator: "-") + " with logistic units")
        }
    }

    private static func checkShapes(layers: [DenseLayer], encoderDepth: Int, thresholds: [Float], vocabularySize: Int,
                                    configuration: ModelConfiguration) throws(ModelError) {
        let widths = configuration.layerWidths(vocabularySize: vocabularySize)
        let expected = Array(zip(widths, widths.dropFirst())) + Array(zip(widths.reversed(), widths.reversed().dropFirst()))
        guard encoderDepth == widths.count - 1, layers.count == expected.count,
              zip(layers, expected).allSatisfy({ $0.inputCount == $1.0 && $0.outputCount == $1.1 }) else {
            throw .malformed("layer shapes do not match the architecture "
                             + configuration.architectureDescription(vocabularySize: vocabularySize))
        }
        guard layers[encoderDepth - 1].activation == configuration.codeUnits.activation,
              layers.last?.activation == .softmax else {
            throw .malformed("layer activations do not match the configuration")
        }
        guard thresholds.count == configuration.codeSize else {
            throw .malformed("\(thresholds.count) hash thresholds for \(configuration.codeSize) code units")
        }
    }
}

/// Why a serialized model could not be read.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not start with the model's magic header.
    case notAModel
    /// The format version is newer (or older) than this build reads.
    case unsupportedVersion(found: Int, supported: Int)
    /// The blob is shorter than its header says (an interrupted write or copy).
    case truncated(expectedBytes: Int, actualBytes: Int)
    /// The stored checksum does not match the contents (the blob was altered or damaged).
    case checksumMismatch
    /// The contents are inconsistent (shapes, configuration, trailing bytes); the reason says which.
    case malformed(String)

    public var description: String {
        switch self {
        case .notAModel:
            return "not a semhash model (the magic header is missing)"
        case let .unsupportedVersion(found, supported):
            return "model format version \(found) is not supported (this build reads version \(supported))"
        case let .truncated(expected, actual):
            return "the model is truncated: \(actual) of \(expected) bytes"
        case .checksumMismatch:
            return "the model's checksum does not match its contents"
        case let .malformed(reason):
            return "the model is malformed: \(reason)"
        }
    }
}

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
        let magic = SemanticHashingModel.magic
        let headerSize = SealedBlob.headerSize(magic: magic)
        let version = try SealedBlob.checkHeader(try read(0, min(headerSize, byteCount))[...], byteCount: byteCount,
                                                 magic: magic, versions: SemanticHashingModel.readableVersions)
        guard byteCount >= headerSize + 8 else { throw ModelError.truncated(expectedBytes: headerSize + 8, actualBytes: byteCount) }
        let contentsEnd = byteCount - 8
        var position = headerSize
        func bytes(_ count: Int) throws -> [UInt8] {
            guard count >= 0, count <= contentsEnd - position else {
                throw ModelError.malformed("a field runs past the end of the data")
            }
            defer { position += count }
            return try read(position, count)
        }
        func count() throws -> Int {
            var reader = ByteReader(try bytes(4), malformed: ModelError.malformed)
            return Int(try reader.readUInt32())
        }
        func floats(_ count: Int) throws -> [Float] {
            var reader = ByteReader(try bytes(4 * count), malformed: ModelError.malformed)
            return try reader.readFloats(count)
        }
        // The floats at `rows` of a rows × width block starting at `position`, which is then skipped.
        func rowsOfBlock(_ rows: [Int32], of rowCount: Int, width: Int) throws -> [Float] {
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
        // One layer written by `SemanticHashingModel.write(_:to:)`, with only `rows` of its weights when given.
        // A word layer (`rows` given) must read `words` inputs.
        func layer(keeping rows: [Int32]?, words: Int = 0) throws -> DenseLayer {
            var reader = ByteReader(try bytes(9), malformed: ModelError.malformed)
            let activation = try reader.readActivation()
            let inputs = Int(try reader.readUInt32()), outputs = Int(try reader.readUInt32())
            let weights: Matrix
            if let rows {
                guard inputs == words else { throw ModelError.malformed("a word layer of \(inputs) inputs for \(words) words") }
                weights = Matrix(rows: rows.count, columns: outputs, values: try rowsOfBlock(rows, of: inputs, width: outputs))
            } else {
                let count = inputs.multipliedReportingOverflow(by: outputs)
                guard !count.overflow else { throw ModelError.malformed("a \(inputs)×\(outputs) layer does not fit in the blob") }
                weights = Matrix(rows: inputs, columns: outputs, values: try floats(count.partialValue))
            }
            return DenseLayer(weights: weights, bias: try floats(outputs), activation: activation)
        }
        func skipLayer() throws {
            var reader = ByteReader(try bytes(9), malformed: ModelError.malformed)
            _ = try reader.readActivation()
            let inputs = Int(try reader.readUInt32()), outputs = Int(try reader.readUInt32())
            _ = try rowsOfBlock([], of: inputs, width: outputs)
            _ = try bytes(4 * outputs)
        }

        let configuration: ModelConfiguration
        do {
            configuration = try JSONDecoder().decode(ModelConfiguration.self, from: Data(try bytes(try count())))
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformed("the configuration cannot be decoded (\(error))")
        }
        let vocabularySize = try count(), encoderDepth = try count(), layerCount = try count()
        guard encoderDepth >= 1, encoderDepth < layerCount else {
            throw ModelError.malformed("an encoder of \(encoderDepth) of \(layerCount) layers")
        }
        let kept = Self.keptTerms(terms)
        var codeLayers = [try layer(keeping: kept, words: vocabularySize)]
        for _ in 1..<encoderDepth { codeLayers.append(try layer(keeping: nil)) }
        for _ in encoderDepth..<layerCount { try skipLayer() }
        let thresholds = try floats(try count())
        let idfCount = try count()
        let idf = idfCount == 0 ? [] : try rowsOfBlock(kept, of: idfCount, width: 1)
        var hashLayers: [DenseLayer]?
        if version >= 4, case let depth = try count(), depth > 0 {
            hashLayers = [try layer(keeping: kept, words: vocabularySize)]
            for _ in 1..<depth { hashLayers?.append(try layer(keeping: nil)) }
        }
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
        self.init(keptTerms: kept, vocabularySize: vocabularySize, codeLayers: codeLayers, hashLayers: hashLayers,
                  hashThresholds: thresholds, inputTransform: configuration.inputTransform,
                  inputWeighting: weighted ? InputWeighting(inverseDocumentFrequencies: idf, scale: configuration.inputScale) : nil)
    }
}
