import Foundation

extension Sequence where Element: Hashable {
    /// The elements, each once, in the order they first appear: questions' unknown words, metrics named
    /// twice, ids given twice.
    public func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}

extension Int {
    /// This count with `noun` in agreement, for messages a person reads: `1.counting("document")` is
    /// "1 document", `2.counting("document")` "2 documents"; an irregular plural is given
    /// (`n.counting("query", plural: "queries")`).
    public func counting(_ noun: String, plural: String? = nil) -> String {
        "\(self) " + (self == 1 ? noun : plural ?? noun + "s")
    }

    /// The form of a verb that agrees with this count as its subject: `singular` for 1, else `plural`
    /// ("1 document has", "2 documents have").
    public func agreeing(_ singular: String, _ plural: String) -> String {
        self == 1 ? singular : plural
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

/// Elapsed time on the monotonic clock, in seconds: how the library's stages time their work (training epochs,
/// evaluation).
struct Stopwatch {
    private let start = ContinuousClock.now

    /// Seconds since the stopwatch was made.
    var seconds: Double { start.duration(to: .now).seconds }
}

extension JSONEncoder {
    /// How semhash writes JSON for scripts, the command line's `--json` and the server's bodies alike: keys
    /// sorted (stable output) and in snake_case throughout, those of stored types such as the model's
    /// configuration and training report too (dictionary keys, such as labels, stay as they are); slashes
    /// unescaped; with `indented`, one key to a line.
    public static func forOutput(indented: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = indented ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}
