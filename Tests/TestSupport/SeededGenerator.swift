import SemanticHashing

/// The tests' seeded generator: the library's own SplitMix64, so a seed means the same stream in tests and code.
public typealias SeededGenerator = SplitMix64
