#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stack of RBMs pretrained greedily, bottom up (Hinton & Salakhutdinov 2006): each RBM models the
/// hidden probabilities of the one below; the first models the documents' words. `ModelTrainer` trains
/// each RBM as a `PretrainingRun`.
///
/// Layer `i` maps width `i` to width `i + 1` of `ModelConfiguration.layerWidths`; the top RBM has the
/// code units' activation (linear or logistic), the others logistic hidden units.
public struct DeepBeliefNet: Sendable, Equatable {
    /// The RBMs, bottom (words) first.
    public var machines: [RestrictedBoltzmannMachine]

    public init(machines: [RestrictedBoltzmannMachine]) {
        self.machines = machines
    }

    /// Word-layer visible biases: log of each word's mean frequency, so that the first reconstructions are
    /// the corpus unigram distribution (Hinton, "A practical guide to training RBMs", section 8.1).
    static func meanLogFrequencies(_ bags: [BagOfWords], vocabularySize: Int) -> [Float] {
        var frequencies = [Double](repeating: 0, count: vocabularySize)
        for bag in bags {
            let length = Double(bag.length)
            guard length > 0 else { continue }
            for (term, count) in zip(bag.termIDs, bag.counts) { frequencies[Int(term)] += Double(count) / length }
        }
        let documents = Double(max(1, bags.count))
        return frequencies.map { Float(log($0 / documents + 1e-6)) }
    }

    /// The hidden means of every example under `machine`, in chunks of 1000 (one product per chunk).
    static func hiddenMeans(of machine: RestrictedBoltzmannMachine, examples: Int,
                                    batch: (ArraySlice<Int>) -> VisibleBatch) -> Matrix {
        var result = Matrix(rows: examples, columns: machine.hiddenCount)
        let all = Array(0..<examples)
        for start in stride(from: 0, to: examples, by: 1000) {
            let chunk = batch(all[start..<min(start + 1000, examples)])
            result.setRows(startingAt: start, to: machine.hiddenMeans(chunk.input, biasScales: chunk.hiddenBiasScales))
        }
        return result
    }
}
