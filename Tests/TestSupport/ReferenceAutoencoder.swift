import Foundation
import SemanticHashing

/// The autoencoder's loss computed in Double with nested loops, for finite-difference gradient checks.
public struct ReferenceAutoencoder {
    public var weights: [[[Double]]]  // per layer: inputs × outputs
    public var biases: [[Double]]
    public var activations: [Activation]
    public var encoderDepth: Int

    public init(_ network: Autoencoder) {
        weights = network.layers.map { layer in
            (0..<layer.inputCount).map { i in (0..<layer.outputCount).map { Double(layer.weights[i, $0]) } }
        }
        biases = network.layers.map { $0.bias.map(Double.init) }
        activations = network.layers.map(\.activation)
        encoderDepth = network.encoderDepth
    }

    /// Mean over rows of `−Σ target · log softmax(output logits)`; `biasScales` multiply the first layer's
    /// biases; `codeNoise` is added to the code units' total input. With `codeTargets`, each row adds
    /// `targetWeight` times the mean over code units of −[t log h + (1 − t) log(1 − h)] of its code outputs h.
    public func loss(input: [[Double]], target: [[Double]], biasScales: [Double]?, codeNoise: [[Double]]?,
                     codeTargets: [[Double]]? = nil, targetWeight: Double = 0) -> Double {
        var total = 0.0
        for row in input.indices {
            var a = input[row]
            for layer in weights.indices {
                let scale = layer == 0 ? (biasScales?[row] ?? 1) : 1
                var x = biases[layer].indices.map { j in
                    var sum = scale * biases[layer][j]
                    for i in a.indices { sum += a[i] * weights[layer][i][j] }
                    return sum
                }
                if layer == encoderDepth - 1, let codeNoise { x = zip(x, codeNoise[row]).map { $0 + $1 } }
                switch activations[layer] {
                case .logistic:
                    a = x.map { 1 / (1 + exp(-$0)) }
                    if layer == encoderDepth - 1, let codeTargets {
                        let crossEntropy = zip(a, codeTargets[row]).reduce(0.0) { $0 - $1.1 * log($1.0) - (1 - $1.1) * log(1 - $1.0) }
                        total += targetWeight * crossEntropy / Double(a.count)
                    }
                case .linear:
                    a = x
                case .softmax:
                    let largest = x.max()!
                    let logNormaliser = largest + log(x.map { exp($0 - largest) }.reduce(0, +))
                    total += zip(target[row], x).reduce(0.0) { $0 - $1.0 * ($1.1 - logNormaliser) }
                }
            }
        }
        return total / Double(input.count)
    }
}
