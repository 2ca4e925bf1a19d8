/// How the Gaussian noise on the logistic code units' inputs is drawn during fine-tuning.
public enum CodeNoiseSchedule: String, Codable, Sendable, CaseIterable {
    /// One noise vector per training document, drawn once and kept, so the objective stays deterministic
    /// ("Semantic hashing", Salakhutdinov & Hinton 2009, section 3).
    case fixedPerDocument
    /// Fresh noise every minibatch, its standard deviation growing linearly from 0 to `codeNoise` over the
    /// first half of the steps and then kept: the codes first learn to reconstruct, then to survive the
    /// noise by saturating. The default (better hashes on 20 Newsgroups).
    case rampedFresh

    /// The standard deviation at 0-based `step` of `steps` for a final value `noise`.
    func standardDeviation(noise: Float, step: Int, of steps: Int) -> Float {
        switch self {
        case .fixedPerDocument: return noise
        case .rampedFresh: return noise * min(1, Float(step) / max(1, Float(steps) / 2))
        }
    }
}
