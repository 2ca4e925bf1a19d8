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
    private var firstMoment: [DenseLayerGradient]
    private var secondMoment: [DenseLayerGradient]
    private var steps = 0

    init(layers: [DenseLayer], settings: FineTuningSettings) {
        self.settings = settings
        firstMoment = layers.map { DenseLayerGradient(zerosLike: $0) }
        secondMoment = settings.optimizer == .adam ? firstMoment : []
    }

    mutating func apply(_ gradient: [DenseLayerGradient], to layers: inout [DenseLayer],
                        learningRate: Float, momentum: Float) {
        steps += 1
        for index in layers.indices {
            switch settings.optimizer {
            case .momentum:
                Self.momentumStep(&layers[index].weights.values, velocity: &firstMoment[index].weights.values,
                                  gradient: gradient[index].weights.values, learningRate: learningRate,
                                  momentum: momentum, weightCost: settings.weightCost)
                Self.momentumStep(&layers[index].bias, velocity: &firstMoment[index].bias,
                                  gradient: gradient[index].bias, learningRate: learningRate,
                                  momentum: momentum, weightCost: 0)
            case .adam:
                adamStep(&layers[index].weights.values, first: &firstMoment[index].weights.values,
                         second: &secondMoment[index].weights.values, gradient: gradient[index].weights.values,
                         learningRate: learningRate, weightCost: settings.weightCost)
                adamStep(&layers[index].bias, first: &firstMoment[index].bias, second: &secondMoment[index].bias,
                         gradient: gradient[index].bias, learningRate: learningRate, weightCost: 0)
            }
        }
    }

    private static func momentumStep(_ parameters: inout [Float], velocity: inout [Float], gradient: [Float],
                                     learningRate: Float, momentum: Float, weightCost: Float) {
        parameters.withUnsafeMutableBufferPointer { p in
            velocity.withUnsafeMutableBufferPointer { v in
                gradient.withUnsafeBufferPointer { g in
                    for index in p.indices {
                        let step = momentum * v[index] - learningRate * (g[index] + weightCost * p[index])
                        // A velocity decaying geometrically under zero gradients must not turn subnormal.
                        v[index] = abs(step) < Matrix.flushThreshold ? 0 : step
                        p[index] += step
                    }
                }
            }
        }
    }

    private func adamStep(_ parameters: inout [Float], first: inout [Float], second: inout [Float], gradient: [Float],
                          learningRate: Float, weightCost: Float) {
        let beta1 = settings.adamBeta1, beta2 = settings.adamBeta2, epsilon = settings.adamEpsilon
        let correction1 = 1 - Float(pow(Double(beta1), Double(steps)))
        let correction2 = 1 - Float(pow(Double(beta2), Double(steps)))
        let stepSize = learningRate / correction1
        let inverseCorrection2 = 1 / correction2
        parameters.withUnsafeMutableBufferPointer { p in
            first.withUnsafeMutableBufferPointer { m in
                second.withUnsafeMutableBufferPointer { s in
                    gradient.withUnsafeBufferPointer { g in
                        for index in p.indices {
                            let grad = g[index] + weightCost * p[index]
                            let first = beta1 * m[index] + (1 - beta1) * grad
                            let second = beta2 * s[index] + (1 - beta2) * grad * grad
                            m[index] = abs(first) < Matrix.flushThreshold ? 0 : first
                            s[index] = second < Matrix.flushThreshold ? 0 : second
                            p[index] -= stepSize * m[index] / ((s[index] * inverseCorrection2).squareRoot() + epsilon)
                        }
                    }
                }
            }
        }
    }
}
