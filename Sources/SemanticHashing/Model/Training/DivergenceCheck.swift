#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When an epoch's outcome means training has diverged.
enum DivergenceCheck {
    /// True when `loss` is NaN or infinite, or when it is a word cross-entropy (nats per document) above
    /// ten times that of guessing uniformly over the vocabulary, `10·log V`: then the weights have blown
    /// up even if they are still finite. `vocabularySize` is nil for losses that are not word
    /// cross-entropies.
    static func hasDiverged(loss: Double, vocabularySize: Int?) -> Bool {
        guard loss.isFinite else { return true }
        guard let vocabularySize else { return false }
        return loss > 10 * log(Double(max(2, vocabularySize)))
    }
}
