/// Momentum that starts low while gradients are large and rises once learning settles
/// (Hinton's rbm.m: 0.5 for the first 5 epochs, then 0.9).
public struct MomentumSchedule: Codable, Sendable, Equatable {
    /// Momentum for epochs before `switchEpoch`.
    public var initial: Float
    /// Momentum from `switchEpoch` on.
    public var final: Float
    /// The first (1-based) epoch that uses `final`.
    public var switchEpoch: Int

    public init(initial: Float = 0.5, final: Float = 0.9, switchEpoch: Int = 6) {
        self.initial = initial
        self.final = final
        self.switchEpoch = switchEpoch
    }

    /// The momentum of 1-based `epoch`.
    public func momentum(epoch: Int) -> Float {
        epoch < switchEpoch ? initial : final
    }
}
