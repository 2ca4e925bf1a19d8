import CBLAS
import Foundation

/// Whether an operand of a matrix product is used as stored or transposed.
public enum Transpose: Sendable {
    case none
    case transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Matrix {
    /// `C = alpha · op(A) · op(B) + beta · C`, one `cblas_sgemm` call, or one `cblas_sgemv` call when A is a
    /// single row (encoding one question): sgemm would first copy all of B into its packed layout, which for
    /// one row costs more than the product itself.
    ///
    /// Shapes: op(A) is m × k, op(B) is k × n, C is m × n; a shape mismatch is a programmer error.
    public static func multiply(
        _ a: Matrix, _ b: Matrix, into c: inout Matrix,
        transposeA: Transpose = .none, transposeB: Transpose = .none,
        alpha: Float = 1, beta: Float = 0
    ) {
        let m = transposeA == .none ? a.rows : a.columns
        let k = transposeA == .none ? a.columns : a.rows
        let kB = transposeB == .none ? b.rows : b.columns
        let n = transposeB == .none ? b.columns : b.rows
        precondition(k == kB, "inner dimensions differ: \(k) vs \(kB)")
        precondition(c.rows == m && c.columns == n, "output is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in c.values.indices { c.values[i] *= beta }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    if m == 1 && transposeA == .none {
                        // c = alpha · op(B)ᵀ · a + beta · c, B as stored (b.rows × b.columns, row-major).
                        cblas_sgemv(CblasRowMajor, transposeB == .none ? CblasTrans : CblasNoTrans,
                                    Int32(b.rows), Int32(b.columns), alpha, pb.baseAddress, Int32(b.columns),
                                    pa.baseAddress, 1, beta, pc.baseAddress, 1)
                        return
                    }
                    cblas_sgemm(CblasRowMajor, transposeA.cblas, transposeB.cblas,
                                Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(a.columns),
                                pb.baseAddress, Int32(b.columns),
                                beta, pc.baseAddress, Int32(c.columns))
                }
            }
        }
    }

    /// `op(A) · op(B)` as a new matrix.
    public static func product(_ a: Matrix, _ b: Matrix,
                               transposeA: Transpose = .none, transposeB: Transpose = .none) -> Matrix {
        let m = transposeA == .none ? a.rows : a.columns
        let n = transposeB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        multiply(a, b, into: &c, transposeA: transposeA, transposeB: transposeB)
        return c
    }
}

extension Matrix {
    /// Writes `alpha · row(r) · other.row(d)` for every `r` in `rows` and every row `d` of `other` into
    /// `buffer`, row-major (`rows.count × other.rows`): one `cblas_sgemm` of a block of rows by `otherᵀ`.
    func innerProducts(ofRows rows: Range<Int>, with other: Matrix, alpha: Float,
                       into buffer: UnsafeMutableBufferPointer<Float>) {
        precondition(columns == other.columns, "rows of \(columns) and \(other.columns) values cannot be multiplied")
        precondition(rows.lowerBound >= 0 && rows.upperBound <= self.rows, "rows out of range")
        precondition(buffer.count == rows.count * other.rows, "the buffer holds one product per pair")
        guard !rows.isEmpty, other.rows > 0 else { return }
        guard columns > 0 else {
            buffer.update(repeating: 0)
            return
        }
        values.withUnsafeBufferPointer { mine in
            other.values.withUnsafeBufferPointer { theirs in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                            Int32(rows.count), Int32(other.rows), Int32(columns), alpha,
                            mine.baseAddress! + rows.lowerBound * columns, Int32(columns),
                            theirs.baseAddress, Int32(columns),
                            0, buffer.baseAddress, Int32(other.rows))
            }
        }
    }

    /// The squared Euclidean norm of every row, accumulated in `Double`.
    func rowSquaredNorms() -> [Float] {
        (0..<rows).map { row in
            var sum = 0.0
            for column in 0..<columns {
                let value = Double(values[row * columns + column])
                sum += value * value
            }
            return Float(sum)
        }
    }

    /// The matrix with every row scaled to unit Euclidean length; all-zero rows stay zero.
    func rowsNormalized() -> Matrix {
        var result = self
        for (row, squaredNorm) in rowSquaredNorms().enumerated() where squaredNorm > 0 {
            let scale = 1 / squaredNorm.squareRoot()
            for column in 0..<columns { result.values[row * columns + column] *= scale }
        }
        return result
    }

    /// Adds `scale` × row `row` to `target` (`columns` floats): one BLAS `saxpy`.
    func addRow(_ row: Int, scaledBy scale: Float, to target: UnsafeMutableBufferPointer<Float>) {
        precondition(target.count == columns, "the target holds one row")
        values.withUnsafeBufferPointer { values in
            cblas_saxpy(Int32(columns), scale, values.baseAddress! + row * columns, 1, target.baseAddress!, 1)
        }
    }
}

/// The number of threads OpenBLAS uses for matrix products.
///
/// Results are bit-identical only for the same thread count, so training records the count it used.
public enum BLASThreads {
    /// Sets the OpenBLAS thread count (at least 1).
    ///
    /// With one thread, OpenBLAS's pool of worker threads is also stopped: left idle, its threads spin
    /// (`sched_yield`) for about a tenth of a second after start-up and after each product, taking a core
    /// from other work for the whole of a short command such as `semhash ask`. OpenBLAS starts the pool again
    /// on the first product that a later, larger count spreads over threads.
    public static func set(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
        if count <= 1 { blas_thread_shutdown_() }
    }

    /// The OpenBLAS thread count in force.
    public static var current: Int { Int(openblas_get_num_threads()) }
}

/// The kernels OpenBLAS chose for this CPU when it loaded.
///
/// OpenBLAS picks them from the CPU's model number. Under a hypervisor that hides the model ("Intel(R) Xeon(R)
/// Processor"), the Debian build falls back to its SSE3 kernels (Prescott) even when the CPU has AVX2 and FMA,
/// and its matrix products run at a fraction of their speed; `OPENBLAS_CORETYPE=Haswell` in the environment
/// chooses the fast ones. It is read once, when the library loads, so only the environment of a new process can
/// change the choice.
public enum BLASKernels {
    /// OpenBLAS's name for the kernels in use ("Haswell", "SkylakeX", "Prescott", ...).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// "Haswell" when OpenBLAS runs kernels without AVX2 on a CPU with AVX2 and FMA (on Linux, by
    /// `/proc/cpuinfo`) and the environment does not set `OPENBLAS_CORETYPE`; nil otherwise.
    public static var fasterCoreType: String? {
        fasterCoreType(than: coreName, cpuFlags: cpuFlags(), environment: ProcessInfo.processInfo.environment)
    }

    /// The decision of `fasterCoreType`, from OpenBLAS's core name, the `flags` line of `/proc/cpuinfo` (read only
    /// when the core and the environment leave the question open) and the environment.
    static func fasterCoreType(than coreName: String, cpuFlags: @autoclosure () -> String,
                               environment: [String: String]) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, preAVX2Cores.contains(coreName.lowercased()) else { return nil }
        let features = Set(cpuFlags().split(whereSeparator: \.isWhitespace))
        return features.contains("avx2") && features.contains("fma") ? "Haswell" : nil
    }

    /// The `flags` line of `/proc/cpuinfo` (empty where there is none).
    private static func cpuFlags() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map(String.init) ?? ""
    }

    /// OpenBLAS's x86-64 cores whose kernels use no AVX2.
    private static let preAVX2Cores: Set<String> = [
        "prescott", "core2", "penryn", "dunnington", "nehalem", "sandybridge", "atom", "opteron", "opteron_sse3",
        "barcelona", "bobcat", "bulldozer", "piledriver", "steamroller", "nano",
    ]
}

/// Measures the speed of a plain matrix product, the yardstick for the model's training throughput.
public enum ProductThroughput {
    /// GFLOP/s of `Matrix.multiply` for an (m × k)·(k × n) product, repeated until `minimumSeconds` have
    /// passed (after one warm-up call). Uses the current BLAS thread count.
    public static func gflops(m: Int, k: Int, n: Int, minimumSeconds: Double = 0.2) -> Double {
        let a = Matrix(rows: m, columns: k, repeating: 0.01)
        let b = Matrix(rows: k, columns: n, repeating: 0.02)
        var c = Matrix(rows: m, columns: n)
        Matrix.multiply(a, b, into: &c)
        let stopwatch = Stopwatch()
        var repetitions = 0
        var seconds = 0.0
        repeat {
            Matrix.multiply(a, b, into: &c)
            repetitions += 1
            seconds = stopwatch.seconds
        } while seconds < minimumSeconds
        return 2 * Double(m) * Double(k) * Double(n) * Double(repetitions) / seconds / 1e9
    }
}
