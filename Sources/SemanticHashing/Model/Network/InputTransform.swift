#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a document's word counts become the input of the first layer (the word layer).
///
/// The same transform is used when pretraining the word-layer RBM and when encoding with the fine-tuned
/// autoencoder, so pretrained weights meet inputs of the scale they were trained on. The fine-tuning
/// target is always the word distribution `count / N` whatever the transform.
public enum InputTransform: String, Codable, Sendable, CaseIterable {
    /// Raw counts with the hidden biases scaled by N: the replicated softmax model exactly
    /// (Salakhutdinov & Hinton, NIPS 2009, eq. 5). Bottom-up weights act N times on the word
    /// distribution, top-down ones once, as N observations of it should ("the visible to hidden weights
    /// are N times bigger than the hidden to visible", Hinton's CSC321 notes). The default.
    case counts
    /// `count / N`, the document's word distribution; hidden biases unscaled. The energy is the replicated
    /// softmax's divided by N, so the bottom-up input is N times weaker than `.counts`: the word layer
    /// needs a far larger learning rate and on 20 Newsgroups learned nothing beyond word frequencies in
    /// our runs.
    case wordProbabilities
    /// `log(1 + count)`; hidden biases unscaled. Damps bursty words and very long documents.
    case logCounts
    /// `s · v / ‖v‖₂` with `v_t = log(1 + count_t) · idf_t`: the log-TF-IDF vector of the document scaled to
    /// length `s` (`ModelConfiguration.inputScale`), the idf learned from the training documents and kept in
    /// the model (`InputWeighting`). The default: on 20 Newsgroups it retrieves far better than the
    /// count-based transforms. The word-layer RBM treats the weighted row as pseudo-counts of total mass
    /// `M = Σ_t input_t`: its mean-field reconstruction is `M · softmax`, a replicated softmax over the
    /// weighted words (hidden biases unscaled).
    case scaledLogTFIDF

    /// The input value for a word seen `count` times in a document of `length` in-vocabulary tokens
    /// (for `.scaledLogTFIDF` the count itself; `InputWeighting.transform` finishes the row).
    @inline(__always)
    func input(count: Float, length: Float) -> Float {
        switch self {
        case .wordProbabilities: return count / length
        case .counts, .scaledLogTFIDF: return count
        case .logCounts: return log1pf(count)
        }
    }

    /// Whether the first layer's hidden biases are multiplied by the document length N.
    var scalesHiddenBiasesByLength: Bool { self == .counts }

    /// The mass each reconstructed word distribution (a row of a softmax) is multiplied by to become
    /// expected inputs of this transform: the mean-field reconstruction of a document of length N is N·softmax
    /// expected counts (`.counts`, `.logCounts`); of a weighted row of mass M, M·softmax (`.scaledLogTFIDF`);
    /// `.wordProbabilities` keeps the distribution (nil).
    func reconstructionMasses(like batch: VisibleBatch) -> [Float]? {
        guard let lengths = batch.lengths else { preconditionFailure("the word layer needs document lengths") }
        switch self {
        case .wordProbabilities: return nil
        case .counts, .logCounts: return lengths
        case .scaledLogTFIDF: return batch.input.rowSums()
        }
    }

    /// Turns expected inputs (distributions times `reconstructionMasses`) into inputs of this transform, in
    /// place: `log(1 + ·)` for `.logCounts`, nothing for the others.
    func finishReconstruction(_ expected: inout Matrix) {
        guard self == .logCounts else { return }
        expected.values.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = finishReconstruction(buffer[index]) }
        }
    }

    /// One expected (or drawn) input turned into an input of this transform, as `finishReconstruction(_:)`.
    @inline(__always)
    func finishReconstruction(_ expected: Float) -> Float {
        self == .logCounts ? log1pf(expected) : expected
    }
}
