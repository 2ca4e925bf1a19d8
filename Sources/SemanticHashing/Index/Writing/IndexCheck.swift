/// `semhash check`: SQLite's integrity check plus the engine's own invariants.
///
/// Invariants: every document's labels are a JSON array of strings; the model (if any) reads the stored
/// vocabulary (fingerprint and size) and loads; every bag
/// of words is well formed over the vocabulary (term ids below its size, increasing; counts positive and
/// finite); every document with a vocabulary word has a code; every code has the model's dimension and hash
/// size and finite numbers, a sample of codes and hashes (or every one) is what the model makes, and when the
/// hash is the cut code every hash is its code's (`CodeAgreement`); a saved training checkpoint reads.
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
        /// Documents whose stored bag of words is not one the index could have written (for the first of them:
        /// its external id and what is wrong).
        case malformedBags(Int, first: String, reason: String)
        /// Documents whose labels are not a JSON array of strings (for the first of them: its external id).
        case malformedLabels(Int, first: String)
        /// Stored codes holding a value that is not a finite number (NaN or infinite).
        case nonFiniteCodes(Int)
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
            case let .malformedBags(count, first, reason):
                return "\(count.counting("document")) \(count.agreeing("has a", "have")) malformed \(count.agreeing("bag", "bags")) of words (the first, '\(first)': \(reason))"
            case let .malformedLabels(count, first):
                return "\(count.counting("document")) \(count.agreeing("has labels that are", "have labels that are")) not a JSON array of strings (the first, '\(first)')"
            case let .nonFiniteCodes(count):
                return "\(count.counting("code")) \(count.agreeing("holds", "hold")) a value that is not a finite number"
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

    /// How many documents are re-encoded unless every one is asked for, spread evenly over the index.
    public static let sampleSize = 256

    /// Problems found; empty when the index is sound.
    public var problems: [Problem]
    public var documents: Int
    public var codes: Int
    /// Where an interrupted training that `--resume` can continue stopped, if the index holds one; with
    /// `trainingInProgress`, where the training now running last saved its checkpoint.
    public var interruptedTraining: String?
    /// Whether another process is training the index now (`IndexStore.isBeingTrained`).
    public var trainingInProgress = false
    /// Whether the index holds a model; without one its documents have no codes (`semhash train` trains one).
    public var hasModel = false

    public var isSound: Bool { problems.isEmpty }

    /// Checks `store` as one snapshot, so that a process writing meanwhile cannot make counts disagree.
    /// With `everyDocument`, every code is re-encoded rather than a sample of `sampleSize`.
    public init(of store: IndexStore, everyDocument: Bool = false) throws {
        self = try store.read { try IndexCheck(snapshotOf: store, everyDocument: everyDocument) }
    }

    private init(snapshotOf store: IndexStore, everyDocument: Bool) throws {
        problems = try store.integrityCheck().map(Problem.integrity)
        documents = try store.documentCount()
        codes = try store.codeCount()
        guard problems.isEmpty else { return }
        if let malformed = try store.malformedLabels() {
            problems.append(.malformedLabels(malformed.count, first: malformed.first))
        }
        hasModel = try store.modelStamp() != nil
        trainingInProgress = store.isBeingTrained()
        do {
            interruptedTraining = try store.loadTrainingCheckpoint()?.position
        } catch let error as TrainingError {
            problems.append(.unreadableCheckpoint(error))
        }
        guard let vocabulary = try store.loadVocabulary() else {
            if documents > 0 { problems.append(.documentsWithoutVocabulary(documents)) }
            return
        }
        var malformed = 0
        var first: (id: Int64, fault: String)?
        try store.forEachBag { id, bag in
            guard let fault = bag.fault(vocabularySize: vocabulary.count) else { return }
            malformed += 1
            if first == nil { first = (id, fault) }
        }
        if let first {
            // The model would read outside its input for such a bag: nothing further is re-encoded.
            let name = (try? store.documents(ids: [first.id]).first?.externalID) ?? "#\(first.id)"
            problems.append(.malformedBags(malformed, first: name, reason: first.fault))
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
            let columns = max(1, loaded.realCodes.columns)
            let nonFinite = Set(loaded.realCodes.values.indices.lazy.filter { !loaded.realCodes.values[$0].isFinite }.map { $0 / columns })
            if !nonFinite.isEmpty { problems.append(.nonFiniteCodes(nonFinite.count)) }
            if loaded.realCodes.columns != model.codeSize {
                problems.append(.codeWidth(stored: loaded.realCodes.columns, model: model.codeSize))
            }
            if loaded.hashes.bitCount != model.hashBitCount {
                problems.append(.hashWidth(stored: loaded.hashes.bitCount, model: model.hashBitCount))
            }
            guard loaded.realCodes.columns == model.codeSize, loaded.hashes.bitCount == model.hashBitCount else { return }
            let agreement = try CodeAgreement(of: loaded, model: model, in: store,
                                              sampleSize: everyDocument ? loaded.ids.count : Self.sampleSize)
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
    /// Documents re-encoded (at most the sample size asked for, spread evenly over the index).
    var sampled = 0
    /// Sampled documents whose stored code is not what the model makes.
    var differingCodes = 0
    /// Documents whose stored hash is not their stored code's hash (no hash head), or sampled documents whose
    /// stored hash the hash head does not make.
    var differingHashes = 0

    /// Compares `loaded` (codes of the model's shape) with what `model` makes of the stored bags of
    /// `sampleSize` documents.
    init(of loaded: DocumentCodes, model: SemanticHashingModel, in store: IndexStore, sampleSize: Int) throws {
        if model.hashHead == nil {
            let expectedHashes = BinaryCodes(thresholding: loaded.realCodes, at: model.hashThresholds)
            differingHashes = (0..<loaded.ids.count).filter { expectedHashes.code($0) != loaded.hashes.code($0) }.count
        }
        let count = loaded.ids.count, taken = min(count, sampleSize)
        let rows = (0..<taken).map { $0 * count / taken }
        let bags = try store.bags(ids: rows.map { loaded.ids[$0] })
        let encoded = model.encodeWithHashes(rows.map { bags[loaded.ids[$0]] ?? BagOfWords() })
        sampled = rows.count
        // Written so that a NaN or infinite value differs from everything.
        func differs(_ value: Float, from reference: Float) -> Bool {
            !(abs(value - reference) <= 1e-3 * max(1, abs(reference)))
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
