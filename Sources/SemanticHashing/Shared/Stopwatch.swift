/// Elapsed time on the monotonic clock, in seconds: how the library's stages time their work (training epochs,
/// evaluation).
struct Stopwatch {
    private let start = ContinuousClock.now

    /// Seconds since the stopwatch was made.
    var seconds: Double { start.duration(to: .now).seconds }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
