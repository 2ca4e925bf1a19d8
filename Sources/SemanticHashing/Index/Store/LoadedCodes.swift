/// All stored codes and hashes, row-aligned, as search needs them in memory.
public struct LoadedCodes: Sendable, Equatable {
    /// The internal document id of each row, increasing.
    public var ids: [Int64]
    /// Real-valued codes: `ids.count × codeDimension`, row `i` belongs to `ids[i]`.
    public var codes: Matrix
    /// Binary hashes: hash `i` belongs to `ids[i]`.
    public var hashes: BinaryCodes
    /// Documents in the index that have no code (empty documents, or added since the codes were computed).
    public var documentsWithoutCode: Int

    public init(ids: [Int64], codes: Matrix, hashes: BinaryCodes, documentsWithoutCode: Int) {
        precondition(ids.count == codes.rows && ids.count == hashes.count, "one code and one hash per id")
        self.ids = ids
        self.codes = codes
        self.hashes = hashes
        self.documentsWithoutCode = documentsWithoutCode
    }
}
