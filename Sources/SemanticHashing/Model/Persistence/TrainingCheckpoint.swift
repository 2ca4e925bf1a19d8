/// A training stopped between two epochs, as `ModelTrainer` saves it: resuming from it on the same
/// documents gives the same model, bit for bit, as the uninterrupted training (with the same BLAS thread
/// count).
public struct TrainingCheckpoint: Sendable {
    /// The recipe of the interrupted training; a resumed training follows it, whatever its caller asks.
    public let configuration: ModelConfiguration
    public let vocabularySize: Int
    /// The training documents (those with a vocabulary word) and a hash of their words and counts.
    public let documents: Int
    let documentsFingerprint: UInt64
    let state: TrainingState

    init(configuration: ModelConfiguration, vocabularySize: Int, documents: Int, documentsFingerprint: UInt64,
         state: TrainingState) {
        self.configuration = configuration
        self.vocabularySize = vocabularySize
        self.documents = documents
        self.documentsFingerprint = documentsFingerprint
        self.state = state
    }

    /// Where the training stood, e.g. "fine-tuning run 2 of 2, epoch 7 of 20".
    public var position: String { state.position(configuration) }

    /// Seconds of training the checkpoint holds.
    public var elapsedSeconds: Double { state.elapsedSeconds }

    /// FNV-1a over the vocabulary size and every document's term ids and counts, in order.
    static func fingerprint(of documents: [BagOfWords], vocabularySize: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) {
            hash ^= value
            hash &*= 0x0000_0100_0000_01B3
        }
        mix(UInt64(vocabularySize))
        for bag in documents {
            mix(UInt64(bag.termIDs.count))
            for (term, count) in zip(bag.termIDs, bag.counts) {
                mix(UInt64(UInt32(bitPattern: term)) << 32 | UInt64(count.bitPattern))
            }
        }
        return hash
    }
}
