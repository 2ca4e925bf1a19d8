#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the fine-tuning learning rate changes over epochs, as a factor of the base rate.
public enum LearningRateSchedule: Codable, Sendable, Equatable {
    /// The base rate throughout.
    case constant
    /// The base rate times `factor^(epoch − 1)`.
    case exponential(factor: Float)
    /// Cosine annealing from the base rate (first epoch) towards zero (after the last epoch).
    case cosine

    /// The factor for 1-based `epoch` of `epochs`.
    public func factor(epoch: Int, of epochs: Int) -> Float {
        switch self {
        case .constant:
            return 1
        case let .exponential(factor):
            return powf(factor, Float(epoch - 1))
        case .cosine:
            let progress = Float(epoch - 1) / Float(max(1, epochs))
            return 0.5 * (1 + cosf(Float.pi * progress))
        }
    }
}
