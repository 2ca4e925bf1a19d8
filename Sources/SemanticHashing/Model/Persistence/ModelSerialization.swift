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
