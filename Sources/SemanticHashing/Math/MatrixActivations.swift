#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nonlinearities applied in place: the logistic function and the row-wise softmax.
///
/// Each is one pass over the storage calling `expf`; inputs far in the tails saturate to exactly 0 or 1
/// instead of overflowing, and a NaN input stays NaN so that divergence is detected downstream.
///
/// Outputs (and back-propagated derivatives) smaller in magnitude than `Matrix.flushThreshold` are set to
/// exactly zero: saturated units otherwise produce subnormal floats, and a matrix product with subnormal
/// operands runs orders of magnitude slower on x86.
extension Matrix {
    /// Magnitudes below this are flushed to zero by the activations (far above the subnormal range, so
    /// products of flushed values with weights and deltas stay normal too).
    public static let flushThreshold: Float = 1e-30

    /// `x ← 1 / (1 + e^(−x))` for every element.
    public mutating func applySigmoid() {
        values.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                let y = 1 / (1 + expf(-buffer[index]))
                buffer[index] = y < Matrix.flushThreshold ? 0 : y
            }
        }
    }

    /// Replaces each row by its softmax, `e^(x_c − max) / Σ e^(x − max)`.
    public mutating func applyRowSoftmax() {
        _ = softmaxRows(target: nil)
    }

    /// Replaces each row by its softmax and returns the summed cross-entropy `Σ_r Σ_c −t[r,c]·log q[r,c]`
    /// against `target` (rows of `target` are distributions, or zero rows which contribute nothing).
    ///
    /// The log-probabilities are computed from the logits (`log q = x − logsumexp x`), never from `q`, so
    /// the loss stays finite when a probability underflows.
    public mutating func applyRowSoftmax(crossEntropyWith target: Matrix) -> Double {
        precondition(target.rows == rows && target.columns == columns, "target shape differs")
        return softmaxRows(target: target)
    }

    /// `δ ← δ ⊙ a ⊙ (1 − a)`: back-propagation through a logistic layer whose outputs are `activations`.
    public mutating func multiplyBySigmoidDerivative(of activations: Matrix) {
        precondition(activations.rows == rows && activations.columns == columns, "shapes differ")
        values.withUnsafeMutableBufferPointer { delta in
            activations.values.withUnsafeBufferPointer { output in
                for index in delta.indices {
                    let a = output[index]
                    let d = delta[index] * a * (1 - a)
                    delta[index] = abs(d) < Matrix.flushThreshold ? 0 : d
                }
            }
        }
    }

    private mutating func softmaxRows(target: Matrix?) -> Double {
        let width = columns
        var crossEntropy = 0.0
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, width > 0 else { return }
            for row in 0..<rows {
                let line = base + row * width
                var largest = line[0]
                for column in 1..<width where line[column] > largest { largest = line[column] }
                // Σ t·x and Σ t, before the logits are overwritten by their exponentials.
                var weighted: Float = 0
                var mass: Float = 0
                if let target {
                    target.values.withUnsafeBufferPointer { t in
                        let targetLine = t.baseAddress! + row * width
                        for column in 0..<width {
                            weighted += targetLine[column] * line[column]
                            mass += targetLine[column]
                        }
                    }
                }
                var total: Float = 0
                for column in 0..<width {
                    let e = expf(line[column] - largest)
                    line[column] = e
                    total += e
                }
                if target != nil { crossEntropy += Double(mass * (largest + logf(total)) - weighted) }
                let inverse = 1 / total
                for column in 0..<width {
                    let q = line[column] * inverse
                    line[column] = q < Matrix.flushThreshold ? 0 : q
                }
            }
        }
        return crossEntropy
    }
}

extension Float {
    /// √self for `self ≥ 0`, within 2·10⁻⁷ relative error: the bit-level estimate of 1/√x refined by
    /// three Newton steps, times x. Zero gives zero; negative, infinite or NaN inputs give no meaningful
    /// result.
    ///
    /// Why not `squareRoot()`: on Linux it keeps `sqrtf`'s error-reporting branch, so a loop calling it
    /// stays scalar; this has neither branch nor call, and the optimiser vectorises loops around it (the
    /// Adam update runs 8 lanes at a time with AVX2). `squareRoot()` is the reference it is tested against.
    @inline(__always)
    public var branchFreeSquareRoot: Float {
        let half = 0.5 * self
        var inverse = Float(bitPattern: 0x5F37_5A86 &- (bitPattern >> 1))
        inverse *= 1.5 - half * inverse * inverse
        inverse *= 1.5 - half * inverse * inverse
        inverse *= 1.5 - half * inverse * inverse
        return self * inverse
    }
}
