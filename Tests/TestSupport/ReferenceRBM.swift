import Foundation
import SemanticHashing

/// A plain Double-precision RBM used to check `RestrictedBoltzmannMachine.contrastiveDivergence`:
/// nested loops, no BLAS, written from the equations of Hinton's rbm.m and the replicated softmax paper.
public struct ReferenceRBM {
    public var weights: [[Double]]  // visible × hidden
    public var visibleBias: [Double]
    public var hiddenBias: [Double]
    public var wordLayer: Bool
    public var linearHidden: Bool
    public var transform: InputTransform

    public init(_ machine: RestrictedBoltzmannMachine) {
        weights = (0..<machine.visibleCount).map { i in (0..<machine.hiddenCount).map { Double(machine.weights[i, $0]) } }
        visibleBias = machine.visibleBias.map(Double.init)
        hiddenBias = machine.hiddenBias.map(Double.init)
        wordLayer = machine.visibleUnits == .softmax
        linearHidden = machine.hiddenUnits == .linear
        transform = machine.inputTransform
    }

    public struct Gradient {
        public var weights: [[Double]]
        public var visibleBias: [Double]
        public var hiddenBias: [Double]
        public var reconstructionError: Double
    }

    /// Hidden means for one visible row with bias scale `scale`.
    public func hiddenMeans(_ v: [Double], scale: Double) -> [Double] {
        (0..<hiddenBias.count).map { j in
            var x = scale * hiddenBias[j]
            for i in v.indices { x += v[i] * weights[i][j] }
            return linearHidden ? x : 1 / (1 + exp(-x))
        }
    }

    /// Visible reconstruction (in the input's representation) and its error against `v` / `distribution`.
    public func reconstruct(_ h: [Double], length: Double, v: [Double], distribution: [Double]?) -> ([Double], Double) {
        let x = visibleBias.indices.map { i in
            var total = visibleBias[i]
            for j in h.indices { total += h[j] * weights[i][j] }
            return total
        }
        if wordLayer {
            let largest = x.max()!
            let normaliser = x.map { exp($0 - largest) }.reduce(0, +)
            let q = x.map { exp($0 - largest) / normaliser }
            let error = zip(distribution!, q).reduce(0.0) { $0 - ($1.0 > 0 ? $1.0 * log($1.1) : 0) }
            let values: [Double]
            switch transform {
            case .wordProbabilities: values = q
            case .counts: values = q.map { $0 * length }
            case .logCounts: values = q.map { log(1 + $0 * length) }
            case .scaledLogTFIDF: values = q.map { $0 * v.reduce(0, +) }
            }
            return (values, error)
        }
        let p = x.map { 1 / (1 + exp(-$0)) }
        return (p, zip(p, v).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
    }

    /// CD-k on `visible` rows. With `random` nil the hidden means are passed (mean-field); otherwise states
    /// are drawn exactly as the library does: row-major, one uniform per logistic unit (1 when below the
    /// Float probability) or one Gaussian added to each linear unit's mean.
    public func contrastiveDivergence(visible: [[Double]], lengths: [Double], distributions: [[Double]]?, steps: Int,
                                      random: inout RandomSource?) -> Gradient {
        let scales = lengths.map { transform == .counts && wordLayer ? $0 : 1 }
        let batch = Double(visible.count)
        var gradient = Gradient(weights: weights.map { $0.map { _ in 0 } }, visibleBias: visibleBias.map { _ in 0 },
                                hiddenBias: hiddenBias.map { _ in 0 }, reconstructionError: 0)
        let positive = visible.indices.map { hiddenMeans(visible[$0], scale: scales[$0]) }
        var states = sample(positive, random: &random)
        var negativeVisible = visible
        var negativeHidden = positive
        for step in 1...steps {
            for row in visible.indices {
                let (values, error) = reconstruct(states[row], length: lengths[row], v: visible[row],
                                                  distribution: distributions?[row])
                negativeVisible[row] = values
                if step == 1 { gradient.reconstructionError += error }
                negativeHidden[row] = hiddenMeans(values, scale: scales[row])
            }
            if step < steps { states = sample(negativeHidden, random: &random) }
        }
        for row in visible.indices {
            for i in visibleBias.indices {
                gradient.visibleBias[i] += (visible[row][i] - negativeVisible[row][i]) / batch
                for j in hiddenBias.indices {
                    gradient.weights[i][j] += (visible[row][i] * positive[row][j]
                        - negativeVisible[row][i] * negativeHidden[row][j]) / batch
                }
            }
            for j in hiddenBias.indices {
                gradient.hiddenBias[j] += scales[row] * (positive[row][j] - negativeHidden[row][j]) / batch
            }
        }
        return gradient
    }

    private func sample(_ means: [[Double]], random: inout RandomSource?) -> [[Double]] {
        guard random != nil else { return means }
        return means.map { row in
            row.map { mean in
                linearHidden ? Double(Float(mean) + random!.gaussian()) : (random!.uniform() < Float(mean) ? 1 : 0)
            }
        }
    }
}
