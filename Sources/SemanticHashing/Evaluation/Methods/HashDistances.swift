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

/// The cascade of `SearchMetric.cascade` as a full ranking: for each query, the documents within the
/// smallest Hamming radius R holding at least `shortlistSize` documents come first, ordered by squared
/// Euclidean distance of real codes; every other document follows, ordered by Hamming distance and then
/// Euclidean distance. For k up to the shortlist size its top k equals `CascadeSearch`'s answer.
public struct CascadeCodes: RetrievalMethod {
    public let name: String
    private let hamming: HammingCodes
    private let euclidean: EuclideanCodes
    public let shortlistSize: Int

    public init(name: String, databaseCodes: Matrix, databaseHashes: BinaryCodes, queryCodes: Matrix,
                queryHashes: BinaryCodes, shortlistSize: Int) {
        precondition(shortlistSize >= 1, "the shortlist needs at least one document")
        self.name = name
        hamming = HammingCodes(name: name, database: databaseHashes, queries: queryHashes)
        euclidean = EuclideanCodes(name: name, database: databaseCodes, queries: queryCodes)
        self.shortlistSize = shortlistSize
    }

    public var metric: String { SearchMetric.cascade.rawValue }
    public var distanceKind: DistanceKind { .continuous }
    public var databaseCount: Int { hamming.databaseCount }
    public var queryCount: Int { hamming.queryCount }

    public func distances(forQueries range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        let count = databaseCount
        var bits = [Float](repeating: 0, count: range.count * count)
        bits.withUnsafeMutableBufferPointer { hamming.distances(forQueries: range, into: $0) }
        euclidean.distances(forQueries: range, into: buffer)
        let bitCount = hamming.database.bitCount
        for row in 0..<range.count {
            let offset = row * count
            var perDistance = [Int](repeating: 0, count: bitCount + 1)
            var largest: Float = 0
            for document in 0..<count {
                perDistance[Int(bits[offset + document])] += 1
                largest = max(largest, buffer[offset + document])
            }
            var radius = 0
            var shortlisted = perDistance[0]
            while shortlisted < min(shortlistSize, count) && radius < bitCount {
                radius += 1
                shortlisted += perDistance[radius]
            }
            // Outside the shortlist: offset past every shortlisted distance, then by Hamming distance, then
            // by Euclidean distance (scaled below one Hamming step).
            let step = largest + 1
            for document in 0..<count where Int(bits[offset + document]) > radius {
                buffer[offset + document] = step * (1 + bits[offset + document]) + buffer[offset + document]
            }
        }
    }
}
