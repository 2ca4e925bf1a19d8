#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies fine-tuning gradients to the autoencoder's layers with the configured optimizer.
///
/// Momentum: `v ← μ·v − ε·(g + λ·W)`, `W ← W + v` (biases without λ).
/// Adam: `m ← β₁m + (1−β₁)g'`, `s ← β₂s + (1−β₂)g'²`, `W ← W − ε·m̂ / (√ŝ + ϵ)` with bias-corrected
/// `m̂, ŝ` and `g' = g + λ·W` for weights.
struct FineTuningUpdater {
    private let settings: FineTuningSettings
    /// Momentum's velocities, or Adam's first moments; one per layer.
    private(set) var firstMoment: [DenseLayerGradient]
    /// Adam's second moments (empty for momentum).
    private(set) var secondMoment: [DenseLayerGradient]
    /// Updates applied so far (Adam's bias correction depends on it).
    private(set) var steps = 0

    init(layers: [DenseLayer], settings: FineTuningSettings) {
        self.settings = settings
        firstMoment = layers.map { DenseLayerGradient(zerosLike: $0) }
        secondMoment = settings.optimizer == .adam ? firstMoment : []
    }

    /// An updater restored from a checkpoint; the buffers must be shaped as `init(layers:settings:)` makes them.
    init(settings: FineTuningSettings, firstMoment: [DenseLayerGradient], secondMoment: [DenseLayerGradient], steps: Int) {
        self.settings = settings
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
        self.steps = steps
    }

    /// One step on every layer but those in `frozenLayers`, whose weights and moments stay as they are.
    mutating func apply(_ gradient: [DenseLayerGradient], to layers: inout [DenseLayer],
                        learningRate: Float, momentum: Float, frozenLayers: Set<Int> = []) {
        steps += 1
        for index in layers.indices where !frozenLayers.contains(index) {
            switch settings.optimizer {
            case .momentum:
                Self.momentumStep(&layers[index].weights.values, velocity: &firstMoment[index].weights.values,
                                  gradient: gradient[index].weights.values, learningRate: learningRate,
                                  momentum: momentum, weightCost: settings.weightCost)
                Self.momentumStep(&layers[index].bias, velocity: &firstMoment[index].bias,
                                  gradient: gradient[index].bias, learningRate: learningRate,
                                  momentum: momentum, weightCost: 0)
            case .adam:
                let step = AdamStep(settings: settings, steps: steps, learningRate: learningRate)
                step.apply(&layers[index].weights.values, first: &firstMoment[index].weights.values,
                           second: &secondMoment[index].weights.values, gradient: gradient[index].weights.values,
                           weightCost: settings.weightCost)
                step.apply(&layers[index].bias, first: &firstMoment[index].bias, second: &secondMoment[index].bias,
                           gradient: gradient[index].bias, weightCost: 0)
            }
        }
    }

    private static func momentumStep(_ parameters: inout [Float], velocity: inout [Float], gradient: [Float],
                                     learningRate: Float, momentum: Float, weightCost: Float) {
        guard !parameters.isEmpty else { return }
        parameters.withUnsafeMutableBufferPointer { p in
            velocity.withUnsafeMutableBufferPointer { v in
                gradient.withUnsafeBufferPointer { g in
                    ElementwisePass.run(count: p.count) { range in
                        momentumUpdate(range, p.baseAddress!, v.baseAddress!, g.baseAddress!,
                                       learningRate: learningRate, momentum: momentum, weightCost: weightCost)
                    }
                }
            }
        }
    }

    /// The momentum update of elements `range`, its operands all parameters so that the loop vectorises.
    private static func momentumUpdate(_ range: Range<Int>, _ p: UnsafeMutablePointer<Float>,
                                       _ v: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
                                       learningRate: Float, momentum: Float, weightCost: Float) {
        for index in range {
            let step = momentum * v[index] - learningRate * (g[index] + weightCost * p[index])
            // A velocity decaying geometrically under zero gradients must not turn subnormal.
            v[index] = abs(step) < Matrix.flushThreshold ? 0 : step
            p[index] += step
        }
    }
}

/// One Adam update with its bias corrections precomputed. A separate value (not a method of the updater)
/// so that the moment buffers passed `inout` are not aliased by a copy of the updater, which would force
/// copy-on-write copies of every buffer on every step.
private struct AdamStep {
    let beta1: Float
    let beta2: Float
    let epsilon: Float
    let stepSize: Float
    let inverseCorrection2: Float

    init(settings: FineTuningSettings, steps: Int, learningRate: Float) {
        beta1 = settings.adamBeta1
        beta2 = settings.adamBeta2
        epsilon = settings.adamEpsilon
        stepSize = learningRate / (1 - Float(pow(Double(beta1), Double(steps))))
        inverseCorrection2 = 1 / (1 - Float(pow(Double(beta2), Double(steps))))
    }

    func apply(_ parameters: inout [Float], first: inout [Float], second: inout [Float], gradient: [Float],
               weightCost: Float) {
        guard !parameters.isEmpty else { return }
        parameters.withUnsafeMutableBufferPointer { p in
            first.withUnsafeMutableBufferPointer { m in
                second.withUnsafeMutableBufferPointer { s in
                    gradient.withUnsafeBufferPointer { g in
                        ElementwisePass.run(count: p.count) { range in
                            update(range, p.baseAddress!, m.baseAddress!, s.baseAddress!, g.baseAddress!, weightCost)
                        }
                    }
                }
            }
        }
    }

    /// The update of elements `range`: a separate function whose operands are all parameters, so that the
    /// loop keeps them in registers and vectorises (inside a closure they would be reloaded from its context).
    private func update(_ range: Range<Int>, _ p: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                        _ s: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ weightCost: Float) {
        let (beta1, beta2, epsilon, stepSize, inverseCorrection2) = (beta1, beta2, epsilon, stepSize, inverseCorrection2)
        for index in range {
            let grad = g[index] + weightCost * p[index]
            let firstMoment = beta1 * m[index] + (1 - beta1) * grad
            let secondMoment = beta2 * s[index] + (1 - beta2) * grad * grad
            m[index] = abs(firstMoment) < Matrix.flushThreshold ? 0 : firstMoment
            s[index] = secondMoment < Matrix.flushThreshold ? 0 : secondMoment
            p[index] -= stepSize * m[index] / ((s[index] * inverseCorrection2).branchFreeSquareRoot + epsilon)
        }
    }
}
