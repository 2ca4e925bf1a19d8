/// `semhash check`: SQLite's integrity check plus the engine's own invariants.
///
/// Invariants: the model (if any) reads the stored vocabulary (fingerprint and size) and loads; every
/// document with a vocabulary word has a code; every code has the model's dimension and hash size, a sample
/// of codes and hashes is what the model makes, and when the hash is the cut code every hash is its code's
/// (`CodeAgreement`); a saved training checkpoint reads.
public struct IndexCheck: Sendable {
    /// One thing found wrong with an index; its description states the fact.
    public enum Problem: Sendable, CustomStringConvertible {
        /// SQLite's integrity check reported this line.
        case integrity(String)
        /// The saved training checkpoint does not read (the documents and any earlier model are unaffected).
        case unreadableCheckpoint(TrainingError)
        /// Documents are stored but no vocabulary.
        case documentsWithoutVocabulary(Int)
        /// The stored model does not load: a `ModelError` for damaged bytes, an `IndexError` for a model of
        /// another vocabulary.
        case unusableModel(any Error & Sendable)
        /// Codes are stored but no model.
        case codesWithoutModel(Int)
        /// Documents with vocabulary words but without a code.
        case unencodedDocuments(Int, of: Int)
        /// Stored codes have another width than the model makes.
        case codeWidth(stored: Int, model: Int)
        /// Stored hashes have another bit count than the model makes.
        case hashWidth(stored: Int, model: Int)
        /// Sampled documents whose stored codes the model does not make.
        case codesDisagree(Int, sampled: Int)
        /// Stored hashes that are not their stored codes' hashes (models whose hash is the cut code).
        case hashesDisagree(Int, of: Int)
        /// Sampled documents whose stored hashes the model's hash head does not make.
        case sampledHashesDisagree(Int, sampled: Int)

        public var description: String {
            switch self {
            case let .integrity(line): return line
            case let .unreadableCheckpoint(error): return "\(error) (the documents and any earlier model are unaffected)"
            case let .documentsWithoutVocabulary(documents): return "\(documents.counting("document")) but no vocabulary"
            case let .unusableModel(IndexError.unreadableModel(_, reason)): return "the model cannot be used: \(reason)"
            case let .unusableModel(error): return "the model cannot be used: \(error)"
            case let .codesWithoutModel(codes): return "\(codes.counting("code")) but no model"
            case let .unencodedDocuments(unencoded, encodable):
                return "\(unencoded) of \(encodable.counting("document")) with vocabulary words \(unencoded.agreeing("has", "have")) no code"
            case let .codeWidth(stored, model): return "codes have \(stored) numbers but the model makes \(model)"
            case let .hashWidth(stored, model): return "hashes have \(stored) bits but the model makes \(model)"
            case let .codesDisagree(differing, sampled):
                return "\(differing) of \(sampled.counting("sampled document")) \(differing.agreeing("has a code", "have codes")) the stored model does not make"
            case let .hashesDisagree(differing, total): return "\(differing) of \(total.counting("hash", plural: "hashes")) \(differing.agreeing("does not match its code", "do not match their codes"))"
            case let .sampledHashesDisagree(differing, sampled):
                return "\(differing) of \(sampled.counting("sampled document")) \(differing.agreeing("has a hash", "have hashes")) the stored model does not make"
            }
        }
    }

    /// Problems found; empty when the index is sound.
    public var problems: [Problem]
    public var documents: Int
    public var codes: Int
    /// Where an interrupted training that `--resume` can continue stopped, if the index holds one.
    public var interruptedTraining: String?

    public var isSound: Bool { problems.isEmpty }

    /// Checks `store` as one snapshot, so that a process writing meanwhile cannot make counts disagree.
    public init(of store: IndexStore) throws {
        self = try store.read { try IndexCheck(snapshotOf: store) }
    }

    private init(snapshotOf store: IndexStore) throws {
        problems = try store.integrityCheck().map(Problem.integrity)
        documents = try store.documentCount()
        codes = try store.codeCount()
        guard problems.isEmpty else { return }
        do {
            interruptedTraining = try store.loadTrainingCheckpoint()?.position
        } catch let error as TrainingError {
            problems.append(.unreadableCheckpoint(error))
        }
        guard let vocabulary = try store.loadVocabulary() else {
            if documents > 0 { problems.append(.documentsWithoutVocabulary(documents)) }
            return
        }
        let model: SemanticHashingModel?
        do {
            model = try store.loadSemanticHashingModel(vocabulary: vocabulary)
        } catch {
            problems.append(.unusableModel(error))
            return
        }
        guard let model else {
            if codes > 0 { problems.append(.codesWithoutModel(codes)) }
            return
        }
        var unencoded = 0
        var encodable = 0
        let loaded = try store.loadCodes()
        let encoded = Set(loaded?.ids ?? [])
        try store.forEachBag { id, bag in
            guard !bag.isEmpty else { return }
            encodable += 1
            if !encoded.contains(id) { unencoded += 1 }
        }
        if unencoded > 0 {
            problems.append(.unencodedDocuments(unencoded, of: encodable))
        }
        if let loaded, loaded.ids.count > 0 {
            if loaded.realCodes.columns != model.codeSize {
                problems.append(.codeWidth(stored: loaded.realCodes.columns, model: model.codeSize))
            }
            if loaded.hashes.bitCount != model.hashBitCount {
                problems.append(.hashWidth(stored: loaded.hashes.bitCount, model: model.hashBitCount))
            }
            guard loaded.realCodes.columns == model.codeSize, loaded.hashes.bitCount == model.hashBitCount else { return }
            let agreement = try CodeAgreement(of: loaded, model: model, in: store)
            if agreement.differingCodes > 0 {
                problems.append(.codesDisagree(agreement.differingCodes, sampled: agreement.sampled))
            }
            if agreement.differingHashes > 0 {
                problems.append(model.hashHead == nil
                                    ? .hashesDisagree(agreement.differingHashes, of: loaded.ids.count)
                                    : .sampledHashesDisagree(agreement.differingHashes, sampled: agreement.sampled))
            }
        }
    }
}

/// Whether an index's codes are its model's: a sample of documents re-encoded with the model must give
/// their stored codes and hashes (to a tolerance that absorbs another machine's BLAS kernels: a hash bit
/// whose re-encoded value lies within it of the cut is not counted), and when the hash is the cut code every
/// stored hash must be its stored code thresholded by the model.
struct CodeAgreement {
    /// Documents re-encoded (at most `sampleSize`, spread evenly over the index).
    var sampled = 0
    /// Sampled documents whose stored code is not what the model makes.
    var differingCodes = 0
    /// Documents whose stored hash is not their stored code's hash (no hash head), or sampled documents whose
    /// stored hash the hash head does not make.
    var differingHashes = 0

    static let sampleSize = 256

    /// Compares `loaded` (codes of the model's shape) with what `model` makes of the stored bags.
    init(of loaded: DocumentCodes, model: SemanticHashingModel, in store: IndexStore) throws {
        if model.hashHead == nil {
            let expectedHashes = BinaryCodes(thresholding: loaded.realCodes, at: model.hashThresholds)
            differingHashes = (0..<loaded.ids.count).filter { expectedHashes.code($0) != loaded.hashes.code($0) }.count
        }
        let rows = Array(stride(from: 0, to: loaded.ids.count, by: max(1, loaded.ids.count / Self.sampleSize))
            .prefix(Self.sampleSize))
        let bags = try store.bags(ids: rows.map { loaded.ids[$0] })
        let encoded = model.encodeWithHashes(rows.map { bags[loaded.ids[$0]] ?? BagOfWords() })
        sampled = rows.count
        func differs(_ value: Float, from reference: Float) -> Bool {
            abs(value - reference) > 1e-3 * max(1, abs(reference))
        }
        differingCodes = rows.indices.filter { sample in
            (0..<model.codeSize).contains { differs(encoded.codes[sample, $0], from: loaded.realCodes[rows[sample], $0]) }
        }.count
        guard model.hashHead != nil else { return }
        let thresholds = model.bitThresholds
        differingHashes = rows.indices.filter { sample in
            (0..<model.hashBitCount).contains { bit in
                loaded.hashes.bit(bit, of: rows[sample]) != encoded.hashes.bit(bit, of: sample)
                    && differs(encoded.hashUnits[sample, bit], from: thresholds[bit])
            }
        }.count
    }
}
