/// The codes of the indexed documents, row for row: document `i` has id `ids[i]`, real code row `i` of
/// `realCodes` and hash `i` of `hashes`.
public struct IndexedCodes: Sendable, Equatable {
    public private(set) var ids: [Int64]
    /// N × dims real codes (dims may be 0: then Hamming ties fall to the index).
    public private(set) var realCodes: Matrix
    /// N hashes.
    public private(set) var hashes: BinaryCodes

    /// Codes as loaded from an index; throws when they do not line up or an id repeats.
    public init(ids: [Int64], realCodes: Matrix, hashes: BinaryCodes) throws {
        guard ids.count == realCodes.rows, ids.count == hashes.count else {
            throw SearchError.mismatchedCounts(ids: ids.count, realCodes: realCodes.rows, hashes: hashes.count)
        }
        var seen = Set<Int64>(minimumCapacity: ids.count)
        for id in ids where !seen.insert(id).inserted { throw SearchError.duplicateID(id) }
        self.ids = ids
        self.realCodes = realCodes
        self.hashes = hashes
    }

    public var count: Int { ids.count }

    /// The hit for document `index` against a query, with both distances.
    public func hit(_ index: Int, code: [Float], hash: [UInt64]) -> SearchHit {
        SearchHit(index: index, id: ids[index], hammingDistance: hashes.distance(index, to: hash),
                  squaredEuclideanDistance: realCodes.squaredDistance(row: index, to: code),
                  cosineDistance: realCodes.cosineDistance(row: index, to: code))
    }

    /// Adds one document at the end.
    public mutating func append(id: Int64, realCode: [Float], hash: [UInt64]) throws {
        guard !ids.contains(id) else { throw SearchError.duplicateID(id) }
        guard realCode.count == realCodes.columns else {
            throw SearchError.mismatchedCode(id: id, expected: "\(realCodes.columns)-number real codes",
                                             got: "a \(realCode.count)-number real code")
        }
        guard hashes.isValidQuery(hash) else {
            throw SearchError.mismatchedCode(id: id, expected: "\(hashes.bitCount)-bit hashes",
                                             got: "a hash of \(hash.count) words")
        }
        ids.append(id)
        realCodes = Matrix(rows: realCodes.rows + 1, columns: realCodes.columns,
                           values: realCodes.values + realCode)
        hashes.append(words: hash)
    }

    /// Removes the documents whose id is in `removed`, keeping the others in order; returns how many went.
    @discardableResult
    public mutating func remove(ids removed: Set<Int64>) -> Int {
        let kept = ids.indices.filter { !removed.contains(ids[$0]) }
        guard kept.count < ids.count else { return 0 }
        let columns = realCodes.columns
        var values: [Float] = []
        values.reserveCapacity(kept.count * columns)
        for index in kept { values += realCodes.values[(index * columns)..<((index + 1) * columns)] }
        let keptSet = Set(kept)
        let removedCount = ids.count - kept.count
        hashes = hashes.filter { keptSet.contains($0) }
        realCodes = Matrix(rows: kept.count, columns: columns, values: values)
        ids = kept.map { ids[$0] }
        return removedCount
    }
}
