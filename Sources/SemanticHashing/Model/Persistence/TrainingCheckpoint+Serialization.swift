#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The checkpoint format, version 2 (little-endian; pieces as `TrainingStateEncoding.swift` writes them):
///
/// ```
/// magic "SEMHASHC" · u32 version · u64 total byte count (including the checksum)
/// u32 n · n bytes of configuration JSON · u32 m · m bytes of report-stages JSON
/// u32 vocabulary size · u32 documents · u64 documents fingerprint · f64 elapsed seconds · f64 done flops
/// generator pretraining · generator fine-tuning
/// u32 RBM count · RBMs
/// u8 pretraining? [u32 layer · u32 epochs done · generator · RBM · increments: matrix, vector, vector]
/// u32 finished fine-tuning runs
/// u8 real code finished? [network · u32 best epoch · u8 stopped early] (while the hash head trains)
/// u8 fine-tuning? [network · u8 best is network · (best network) · u32 steps · first moments · second
///   moments · 3 generators (noise, order, dropout) · u64 step · u8 fixed noise? (matrix) ·
///   f64 best loss · u32 best epoch · f64 previous loss · u32 rising epochs · u32 epochs done ·
///   u32 best epoch of the run · u8 stopped early]
/// u64 checksum (`SealedBlob`)
/// ```
/// Version 1 (before hash heads) has no real-code section and reads as a training without a hash head.
extension TrainingCheckpoint {
    static let magic = Array("SEMHASHC".utf8)
    static let formatVersion = 2

    /// The checkpoint as a self-describing byte blob (format above).
    public func serialized() -> [UInt8] {
        var writer = SealedBlob.writer(magic: Self.magic, version: Self.formatVersion)
        writeSettings(to: &writer)
        writer.write(count: vocabularySize)
        writer.write(count: documents)
        writer.write(documentsFingerprint)
        writer.write(state.elapsedSeconds)
        writer.write(state.doneWork)
        writer.write(state.pretrainingRandom)
        writer.write(state.fineTuningRandom)
        writer.write(count: state.machines.count)
        for machine in state.machines { writer.write(machine) }
        writer.write(state.pretraining != nil)
        if let run = state.pretraining { Self.write(run, to: &writer) }
        writer.write(count: state.finishedFineTuningRuns)
        writer.write(state.realCode != nil)
        if let realCode = state.realCode { Self.write(realCode, to: &writer) }
        writer.write(state.fineTuning != nil)
        if let run = state.fineTuning { Self.write(run, to: &writer) }
        return SealedBlob.seal(&writer, magic: Self.magic)
    }

    /// Reads a checkpoint written by `serialized()`, checking magic, version, length, checksum and shapes.
    public init(serialized bytes: [UInt8]) throws(TrainingError) {
        guard bytes.count >= Self.magic.count + 20, bytes.starts(with: Self.magic) else {
            throw .unreadableCheckpoint("not a semhash training checkpoint")
        }
        do {
            self = try Self.read(bytes)
        } catch {
            throw .unreadableCheckpoint(error.description)
        }
    }

    private static func read(_ bytes: [UInt8]) throws(ModelError) -> TrainingCheckpoint {
        let opened = try SealedBlob.open(bytes, magic: magic, versions: 1...formatVersion)
        var reader = opened.reader
        let (configuration, stages) = try readSettings(&reader)
        let transform = configuration.inputTransform
        let vocabularySize = try reader.readInt()
        let documents = try reader.readInt()
        let fingerprint = try reader.readUInt64()
        let elapsed = try reader.readDouble()
        let doneWork = try reader.readDouble()
        let pretrainingRandom = try reader.readRandomSource()
        let fineTuningRandom = try reader.readRandomSource()
        var machines: [RestrictedBoltzmannMachine] = []
        for _ in 0..<(try reader.readCount(itemSize: 2)) { machines.append(try reader.readMachine(inputTransform: transform)) }
        var pretraining: PretrainingRun?
        if try reader.readBool() { pretraining = try readPretrainingRun(&reader, inputTransform: transform) }
        let finishedRuns = try reader.readInt()
        var realCode: FinishedFineTuning?
        if opened.version >= 2, try reader.readBool() { realCode = try readRealCode(&reader, configuration: configuration) }
        var fineTuning: FineTuningRun?
        if try reader.readBool() {
            fineTuning = try readFineTuningRun(&reader, configuration: configuration, documents: documents)
        }
        guard reader.remaining == 8 else { throw .malformed("\(reader.remaining - 8) unexpected bytes before the checksum") }
        guard (pretraining == nil) != (fineTuning == nil) else { throw .malformed("it holds no stage, or two") }
        let state = TrainingState(pretrainingRandom: pretrainingRandom, fineTuningRandom: fineTuningRandom,
                                  machines: machines, pretraining: pretraining, fineTuning: fineTuning,
                                  finishedFineTuningRuns: finishedRuns, realCode: realCode, stages: stages,
                                  doneWork: doneWork,
                                  elapsedSeconds: elapsed)
        return TrainingCheckpoint(configuration: configuration, vocabularySize: vocabularySize, documents: documents,
                                  documentsFingerprint: fingerprint, state: state)
    }

    // MARK: Settings

    /// The format's settings: the configuration and the report's stages as JSON (sorted keys; non-finite
    /// numbers as the strings "inf", "-inf" and "nan"), each after its length.
    private func writeSettings(to writer: inout ByteWriter) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Plain Codable values of numbers, strings and arrays, with non-finite numbers as strings, cannot fail.
        let configurationJSON = try! encoder.encode(configuration)
        let stagesJSON = try! encoder.encode(state.stages)
        writer.write(count: configurationJSON.count)
        writer.write(configurationJSON)
        writer.write(count: stagesJSON.count)
        writer.write(stagesJSON)
    }

    /// The configuration and report stages written by `writeSettings(to:)`.
    private static func readSettings(
        _ reader: inout ByteReader<ModelError>
    ) throws(ModelError) -> (configuration: ModelConfiguration, stages: [TrainingReport.Stage]) {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            let configuration = try decoder.decode(ModelConfiguration.self, from: Data(try reader.readBytes(try reader.readCount(itemSize: 1))))
            let stages = try decoder.decode([TrainingReport.Stage].self, from: Data(try reader.readBytes(try reader.readCount(itemSize: 1))))
            return (configuration, stages)
        } catch let error as ModelError {
            throw error
        } catch {
            throw .malformed("its settings cannot be decoded (\(error))")
        }
    }

    // MARK: Pretraining

    /// The format's pretraining section (after its flag).
    private static func write(_ run: PretrainingRun, to writer: inout ByteWriter) {
        writer.write(count: run.layer)
        writer.write(count: run.completedEpochs)
        writer.write(run.random)
        writer.write(run.machine)
        writer.write(run.updater.weightIncrement)
        writer.write(vector: run.updater.visibleIncrement)
        writer.write(vector: run.updater.hiddenIncrement)
    }

    /// A pretraining run written by `write(_: PretrainingRun, to:)`, its increments shaped like its RBM.
    private static func readPretrainingRun(_ reader: inout ByteReader<ModelError>,
                                           inputTransform: InputTransform) throws(ModelError) -> PretrainingRun {
        let layer = try reader.readInt()
        let epochs = try reader.readInt()
        let random = try reader.readRandomSource()
        let machine = try reader.readMachine(inputTransform: inputTransform)
        let updater = RBMUpdater(weightIncrement: try reader.readMatrix(), visibleIncrement: try reader.readVector(),
                                 hiddenIncrement: try reader.readVector())
        guard updater.weightIncrement.rows == machine.visibleCount, updater.weightIncrement.columns == machine.hiddenCount,
              updater.visibleIncrement.count == machine.visibleCount, updater.hiddenIncrement.count == machine.hiddenCount else {
            throw .malformed("the RBM's increments do not match its shape")
        }
        return PretrainingRun(layer: layer, machine: machine, updater: updater, random: random, completedEpochs: epochs)
    }

    // MARK: Fine-tuning

    /// The format's real-code section (after its flag): the real code's finished run, while the hash head trains.
    private static func write(_ realCode: FinishedFineTuning, to writer: inout ByteWriter) {
        writer.write(realCode.network)
        writer.write(count: realCode.bestEpoch)
        writer.write(realCode.stoppedEarly)
    }

    /// The finished real code written by `write(_: FinishedFineTuning, to:)`, which only a configuration with a
    /// hash head has, with the configuration's code size.
    private static func readRealCode(_ reader: inout ByteReader<ModelError>,
                                     configuration: ModelConfiguration) throws(ModelError) -> FinishedFineTuning {
        let realCode = FinishedFineTuning(
            network: try reader.readAutoencoder(inputTransform: configuration.inputTransform, scale: configuration.inputScale),
            bestEpoch: try reader.readInt(), stoppedEarly: try reader.readBool())
        guard realCode.network.codeSize == configuration.codeSize, configuration.hashHeadBits != nil else {
            throw .malformed("the finished real code does not match the configuration")
        }
        return realCode
    }

    /// The format's fine-tuning section (after its flag).
    private static func write(_ run: FineTuningRun, to writer: inout ByteWriter) {
        writer.write(run.network)
        let bestIsNetwork = run.best == run.network
        writer.write(bestIsNetwork)
        if !bestIsNetwork { writer.write(run.best) }
        writer.write(count: run.updater.steps)
        writer.write(run.updater.firstMoment)
        writer.write(run.updater.secondMoment)
        writer.write(run.noiseRandom)
        writer.write(run.orderRandom)
        writer.write(run.dropoutRandom)
        writer.write(UInt64(run.step))
        writer.write(run.fixedNoise != nil)
        if let noise = run.fixedNoise { writer.write(noise) }
        writer.write(run.stopping.bestLoss)
        writer.write(count: run.stopping.bestEpoch)
        writer.write(run.stopping.previousLoss)
        writer.write(count: run.stopping.risingEpochs)
        writer.write(count: run.completedEpochs)
        writer.write(count: run.bestEpoch)
        writer.write(run.stoppedEarly)
    }

    /// A fine-tuning run written by `write(_: FineTuningRun, to:)`, its optimizer state shaped like its network
    /// and its fixed noise like the documents' codes.
    private static func readFineTuningRun(_ reader: inout ByteReader<ModelError>,
                                          configuration: ModelConfiguration,
                                          documents: Int) throws(ModelError) -> FineTuningRun {
        let network = try reader.readAutoencoder(inputTransform: configuration.inputTransform, scale: configuration.inputScale)
        let best = try reader.readBool()
            ? network
            : try reader.readAutoencoder(inputTransform: configuration.inputTransform, scale: configuration.inputScale)
        let steps = try reader.readInt()
        let first = try reader.readGradients(shapedLike: network.layers)
        let second = try reader.readGradients(shapedLike: network.layers)
        guard first.count == network.layers.count,
              second.count == (configuration.fineTuning.optimizer == .adam ? network.layers.count : 0) else {
            throw .malformed("the optimizer state does not match the network")
        }
        var run = FineTuningRun(network: network, best: best,
                                updater: FineTuningUpdater(settings: configuration.fineTuning, firstMoment: first,
                                                           secondMoment: second, steps: steps),
                                noiseRandom: try reader.readRandomSource(), orderRandom: try reader.readRandomSource(),
                                dropoutRandom: try reader.readRandomSource())
        run.step = Int(try reader.readUInt64())
        if try reader.readBool() {
            let noise = try reader.readMatrix()
            guard noise.rows == documents, noise.columns == network.codeSize else {
                throw .malformed("the code noise does not match the documents and the code")
            }
            run.fixedNoise = noise
        }
        run.stopping = EarlyStopping(patience: configuration.fineTuning.patience, bestLoss: try reader.readDouble(),
                                     bestEpoch: try reader.readInt(), previousLoss: try reader.readDouble(),
                                     risingEpochs: try reader.readInt())
        run.completedEpochs = try reader.readInt()
        run.bestEpoch = try reader.readInt()
        run.stoppedEarly = try reader.readBool()
        return run
    }
}
