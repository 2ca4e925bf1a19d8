import CBLAS

/// The number of threads OpenBLAS uses for matrix products.
///
/// Results are bit-identical only for the same thread count, so training records the count it used.
public enum BLASThreads {
    /// Sets the OpenBLAS thread count (at least 1).
    public static func set(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The OpenBLAS thread count in force.
    public static var current: Int { Int(openblas_get_num_threads()) }
}
