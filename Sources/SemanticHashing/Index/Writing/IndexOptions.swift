/// How an `IndexStore` connection behaves. The defaults suit the command-line tool.
public struct IndexOptions: Sendable, Equatable {
    /// How long a write waits for another process's write to finish before failing with
    /// `IndexError.busy`. Default 5 seconds.
    public var busyTimeout: Duration
    /// How many characters of a document's text are kept as its excerpt (shown in results). Default 500.
    public var excerptLength: Int

    public init(busyTimeout: Duration = .seconds(5), excerptLength: Int = 500) {
        precondition(excerptLength >= 0, "an excerpt cannot have a negative length")
        self.busyTimeout = busyTimeout
        self.excerptLength = excerptLength
    }
}
