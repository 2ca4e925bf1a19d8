/// A trained model with the report of how it was trained.
public struct TrainingResult: Sendable {
    public var model: SemanticHashingModel
    public var report: TrainingReport
}
