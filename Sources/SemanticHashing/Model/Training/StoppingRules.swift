#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches per-epoch losses: remembers the best epoch and says when to stop because the loss rose
/// `patience` epochs in a row.
struct EarlyStopping {
    let patience: Int
    private(set) var bestLoss = Double.infinity
    private(set) var bestEpoch = 0
    private(set) var previousLoss = Double.infinity
    private(set) var risingEpochs = 0

    init(patience: Int) {
        self.patience = patience
    }

    /// A watcher restored from a checkpoint.
    init(patience: Int, bestLoss: Double, bestEpoch: Int, previousLoss: Double, risingEpochs: Int) {
        self.patience = patience
        self.bestLoss = bestLoss
        self.bestEpoch = bestEpoch
        self.previousLoss = previousLoss
        self.risingEpochs = risingEpochs
    }

    /// Records `loss` for `epoch`; `isBest` when it is the lowest so far, `shouldStop` when this was the
    /// `patience`-th consecutive rise.
    mutating func record(_ loss: Double, epoch: Int) -> (isBest: Bool, shouldStop: Bool) {
        let isBest = loss < bestLoss
        if isBest {
            bestLoss = loss
            bestEpoch = epoch
        }
        risingEpochs = loss > previousLoss ? risingEpochs + 1 : 0
        previousLoss = loss
        return (isBest, risingEpochs >= patience)
    }
}

/// When an epoch's outcome means training has diverged.
enum DivergenceCheck {
    /// True when `loss` is NaN or infinite, or when it is a word cross-entropy (nats per document) above
    /// ten times that of guessing uniformly over the vocabulary, `10·log V`: then the weights have blown
    /// up even if they are still finite. `vocabularySize` is nil for losses that are not word
    /// cross-entropies.
    static func hasDiverged(loss: Double, vocabularySize: Int?) -> Bool {
        guard loss.isFinite else { return true }
        guard let vocabularySize else { return false }
        return loss > 10 * log(Double(max(2, vocabularySize)))
    }
}
