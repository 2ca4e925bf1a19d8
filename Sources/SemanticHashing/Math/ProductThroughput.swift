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
