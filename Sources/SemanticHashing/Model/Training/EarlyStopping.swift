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
