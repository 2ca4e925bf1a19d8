/// Binary hashes ranked by Hamming distance, computed by XOR and popcount over packed 64-bit words.
///
/// Distances are whole numbers in `0...bitCount`, so the evaluator ranks them by counting sort.
/// Build with `-target-cpu haswell` (or any CPU with POPCNT) for a single-instruction popcount.
public struct HammingCodes: RetrievalMethod {
    public let name: String
    public let database: BinaryCodes
    public let queries: BinaryCodes

    /// Hashes of the database documents and of the queries (same bit length).
    public init(name: String, database: BinaryCodes, queries: BinaryCodes) {
        precondition(database.bitCount == queries.bitCount, "database and query hashes differ in length")
        self.name = name
        self.database = database
        self.queries = queries
    }

    public var metric: String { "hamming" }
    public var distanceKind: DistanceKind { .integer(maximum: database.bitCount) }
    public var databaseCount: Int { database.count }
    public var queryCount: Int { queries.count }

    public func distances(forQueries range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        let words = database.wordsPerCode
        let count = database.count
        database.words.withUnsafeBufferPointer { documents in
            queries.words.withUnsafeBufferPointer { queryWords in
                for (offset, query) in range.enumerated() {
                    let row = offset * count
                    if words == 1 {
                        let code = queryWords[query]
                        for document in 0..<count {
                            buffer[row + document] = Float((documents[document] ^ code).nonzeroBitCount)
                        }
                    } else {
                        let code = query * words
                        for document in 0..<count {
                            var distance = 0
                            for word in 0..<words {
                                distance += (documents[document * words + word] ^ queryWords[code + word]).nonzeroBitCount
                            }
                            buffer[row + document] = Float(distance)
                        }
                    }
                }
            }
        }
    }
}
