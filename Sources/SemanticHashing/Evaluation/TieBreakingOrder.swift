/// A fixed, seeded permutation of the database that breaks ties in distance.
///
/// Hamming distances over a few bits tie massively (11,314 documents share 33 possible distances at 32 bits),
/// so how ties are broken changes the measured precision. Ranking by document order would favour whatever
/// order the corpus was stored in (20 Newsgroups is stored by group, which would inflate precision);
/// ranking instead by `(distance, position[document])` for one random permutation is fair and reproducible:
/// the same seed gives the same ranking on every run and platform.
public struct TieBreakingOrder: Sendable, Equatable {
    public let seed: UInt64
    /// `documents[p]`: the document at position `p` of the permutation.
    public let documents: [Int32]
    /// `positions[d]`: the position of document `d` in the permutation (the inverse of `documents`).
    public let positions: [Int32]

    /// A uniformly random permutation of `0..<databaseCount`: Fisher–Yates driven by `SplitMix64(seed:)`,
    /// written out (rather than `shuffle(using:)`, whose use of the generator the standard library may
    /// change) so that a seed means the same permutation with every toolchain.
    public init(databaseCount: Int, seed: UInt64) {
        precondition(databaseCount >= 0 && databaseCount <= Int(Int32.max), "database too large to rank")
        var generator = SplitMix64(seed: seed)
        var documents = (0..<databaseCount).map(Int32.init)
        for last in stride(from: databaseCount - 1, to: 0, by: -1) {
            // A uniform index in 0...last: the high word of a 64 × 64-bit product (Lemire 2019); the bias,
            // below 2⁻³² for databases under 2³² documents, is irrelevant for breaking ties.
            let other = Int(generator.next().multipliedFullWidth(by: UInt64(last + 1)).high)
            documents.swapAt(last, other)
        }
        var positions = [Int32](repeating: 0, count: databaseCount)
        for (position, document) in documents.enumerated() { positions[Int(document)] = Int32(position) }
        self.seed = seed
        self.documents = documents
        self.positions = positions
    }

    public var count: Int { documents.count }
}
