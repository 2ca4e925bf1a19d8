/// `semhash check`: SQLite's integrity check plus the engine's own invariants.
///
/// Invariants: the model (if any) reads the stored vocabulary (fingerprint and size) and loads; every
/// document with a vocabulary word has a code; every code has the model's dimension and hash size, a sample
/// of codes is what the model makes and every hash is its code's (`CodeAgreement`); a saved training
/// checkpoint reads.
public struct IndexCheck: Encodable, Sendable {
    /// Problems found, one sentence each; empty when the index is sound.
    public var problems: [String]
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
        problems = try store.integrityCheck()
        documents = try store.documentCount()
        codes = try store.codeCount()
        guard problems.isEmpty else { return }
        do {
            interruptedTraining = try store.loadTrainingCheckpoint()?.position
        } catch {
            problems.append("\(error) (the documents and any earlier model are unaffected)")
        }
        guard let vocabulary = try store.loadVocabulary() else {
            if documents > 0 { problems.append("\(documents) documents but no vocabulary") }
            return
        }
        let model: SemanticHashingModel?
        do {
            model = try store.loadSemanticHashingModel(vocabulary: vocabulary)
        } catch IndexModelError.unreadableModel(_, let reason) {
            problems.append("the model cannot be used: \(reason)")
            return
        } catch {
            problems.append("the model cannot be used: \(error)")
            return
        }
        guard let model else {
            if codes > 0 { problems.append("\(codes) codes but no model") }
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
            problems.append("\(unencoded) of \(encodable) documents with vocabulary words have no code: re-run `semhash index`")
        }
        if let loaded, loaded.ids.count > 0 {
            if loaded.codes.columns != model.codeSize {
                problems.append("codes have \(loaded.codes.columns) numbers but the model makes \(model.codeSize)")
            }
            if loaded.hashes.bitCount != model.codeSize {
                problems.append("hashes have \(loaded.hashes.bitCount) bits but the model makes \(model.codeSize)")
            }
            guard loaded.codes.columns == model.codeSize, loaded.hashes.bitCount == model.codeSize else { return }
            let agreement = try CodeAgreement(of: loaded, model: model, in: store)
            if agreement.differingCodes > 0 {
                problems.append("\(agreement.differingCodes) of \(agreement.sampled) sampled documents have codes the stored "
                                + "model does not make: re-encode them with `semhash train`")
            }
            if agreement.differingHashes > 0 {
                problems.append("\(agreement.differingHashes) of \(loaded.ids.count) hashes do not match their codes: "
                                + "re-encode them with `semhash train`")
            }
        }
    }
}
