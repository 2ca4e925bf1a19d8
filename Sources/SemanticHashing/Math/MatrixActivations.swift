import CVectorMath
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nonlinearities applied in place: the logistic function and the row-wise softmax.
///
/// Each exponentiates whole rows through `semhash_exponentiate` (libmvec's eight-lane `expf` where the CPU
/// has AVX2); inputs far in the tails saturate to exactly 0 or 1 instead of overflowing, and a NaN input stays
/// NaN so that divergence is detected downstream.
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
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices { buffer[index] = -buffer[index] }
            semhash_exponentiate(base, Int64(buffer.count))
            for index in buffer.indices {
                let y = 1 / (1 + buffer[index])
                buffer[index] = y < Matrix.flushThreshold ? 0 : y
            }
        }
    }

    /// Replaces each row by its softmax, `e^(x_c − max) / Σ e^(x − max)`.
    public mutating func applyRowSoftmax() {
        _ = softmaxRows(target: nil, output: .probabilities(scales: nil))
    }

    /// Replaces each row by its softmax and returns the summed cross-entropy `Σ_r Σ_c −t[r,c]·log q[r,c]`
    /// against `target` (rows of `target` are distributions, or zero rows which contribute nothing).
    ///
    /// The log-probabilities are computed from the logits (`log q = x − logsumexp x`), never from `q`, so
    /// the loss stays finite when a probability underflows.
    ///
    /// With `scales`, row `r` of the softmax is then multiplied by `scales[r]` in the same pass (an RBM's
    /// reconstruction of expected inputs from the reconstructed word distributions).
    public mutating func applyRowSoftmax(crossEntropyWith target: Matrix, scalingRowsBy scales: [Float]? = nil) -> Double {
        precondition(target.rows == rows && target.columns == columns, "target shape differs")
        precondition(scales.map { $0.count == rows } ?? true, "expected one scale per row")
        return softmaxRows(target: target, output: .probabilities(scales: scales))
    }

    /// Replaces the logits by `scale · (softmax − target)`, row by row, and returns the summed cross-entropy
    /// of `target` under the softmax (as `applyRowSoftmax(crossEntropyWith:)`): with `scale` 1 / batch, the δ
    /// of a softmax output layer trained on the mean cross-entropy, in one pass after the softmax's.
    public mutating func replaceBySoftmaxCrossEntropyGradient(target: Matrix, scale: Float) -> Double {
        precondition(target.rows == rows && target.columns == columns, "target shape differs")
        return softmaxRows(target: target, output: .gradient(scale: scale))
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

    /// What `softmaxRows` writes over the logits.
    private enum SoftmaxOutput {
        /// The softmax, flushed, each row times its scale (1 without scales).
        case probabilities(scales: [Float]?)
        /// `scale · (flushed softmax − target)`.
        case gradient(scale: Float)
    }

    /// The row softmax (and cross-entropy against `target`) of every row, rows split over the BLAS thread
    /// count: each row is computed by one thread and the loss is summed in row order, so the result does
    /// not depend on the thread count.
    private mutating func softmaxRows(target: Matrix?, output: SoftmaxOutput) -> Double {
        let width = columns, count = rows
        guard width > 0, count > 0 else { return 0 }
        var rowLosses = [Float](repeating: 0, count: count)
        let threads = count * width >= 1 << 16 ? BLASThreads.current : 1
        let noTarget = Matrix(rows: 0, columns: 0)
        values.withUnsafeMutableBufferPointer { buffer in
            (target ?? noTarget).values.withUnsafeBufferPointer { t in
                rowLosses.withUnsafeMutableBufferPointer { losses in
                    let base = buffer.baseAddress!, targets = t.baseAddress, lossBase = losses.baseAddress!
                    ParallelWork.forEachRange(count: count, chunkSize: 8, threads: threads) { range in
                        for row in range {
                            lossBase[row] = Self.softmaxRow(base + row * width, width: width,
                                                            target: target == nil ? nil : targets! + row * width,
                                                            output: output, row: row)
                        }
                    }
                }
            }
        }
        guard target != nil else { return 0 }
        var crossEntropy = 0.0
        for loss in rowLosses { crossEntropy += Double(loss) }
        return crossEntropy
    }

    /// One row of `softmaxRows`; returns its cross-entropy against `target` (0 without one).
    @inline(__always)
    private static func softmaxRow(_ line: UnsafeMutablePointer<Float>, width: Int, target: UnsafePointer<Float>?,
                                   output: SoftmaxOutput, row: Int) -> Float {
        let largest = RowReductions.largest(line, count: width)
        // Σ t·x and Σ t, before the logits are overwritten by their exponentials.
        let (weighted, mass) = target.map { RowReductions.weightedSum(line, weights: $0, count: width) } ?? (0, 0)
        for column in 0..<width { line[column] -= largest }
        semhash_exponentiate(line, Int64(width))
        let total = RowReductions.sum(line, count: width)
        let inverse = 1 / total
        switch output {
        case let .probabilities(scales):
            let scale = scales?[row] ?? 1
            for column in 0..<width {
                let q = line[column] * inverse
                line[column] = (q < Matrix.flushThreshold ? 0 : q) * scale
            }
        case let .gradient(scale):
            guard let target else { preconditionFailure("a gradient needs a target") }
            for column in 0..<width {
                let q = line[column] * inverse
                line[column] = ((q < Matrix.flushThreshold ? 0 : q) - target[column]) * scale
            }
        }
        return target == nil ? 0 : mass * (largest + logf(total)) - weighted
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
