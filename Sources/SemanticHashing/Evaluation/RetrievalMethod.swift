/// A way of ranking database documents against queries, evaluated by `RetrievalEvaluator`: the model's
/// codes under Euclidean or Hamming distance, or a baseline such as TF-IDF cosine.
///
/// A method holds its database and its queries already encoded; the evaluator asks it for the distances
/// from a block of consecutive queries to every database document (lower is closer) and ranks them.
/// Blocks let dense methods compute many queries in one BLAS product; blocks are computed on several
/// threads at once, so implementations must be safe to call concurrently (they only read their state).
public protocol RetrievalMethod: Sendable {
    /// A short name for tables, charts and JSON ("tfidf", "lsa-10", "model-hamming").
    var name: String { get }
    /// The distance the method ranks by, as reports name it: a `SearchMetric`'s name for the model's own
    /// methods ("euclidean", "cosine", "hamming", "cascade"), the baseline's measure otherwise ("cosine",
    /// "bm25", "hamming").
    var metric: String { get }
    /// Whether the distances are integers with a known maximum (they can then be ranked by counting sort).
    var distanceKind: DistanceKind { get }
    /// The number of database documents; each query's distances have this many entries.
    var databaseCount: Int { get }
    /// The number of queries.
    var queryCount: Int { get }

    /// Writes the distance from each query in `queries` to every database document into `buffer`, row-major:
    /// entry `i * databaseCount + d` is the distance from query `queries.lowerBound + i` to document `d`.
    /// Lower is better; distances must not be NaN. `buffer.count` is `queries.count * databaseCount`.
    func distances(forQueries queries: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>)
}

/// The values a method's distances take.
public enum DistanceKind: Sendable, Equatable {
    /// Any finite `Float`: ranked by a comparison sort.
    case continuous
    /// Whole numbers in `0...maximum` (Hamming distances): ranked by a counting sort in O(n + maximum).
    case integer(maximum: Int)
}

extension RetrievalMethod {
    /// The distances from one query to every database document, as a new array (for tests and tools;
    /// the evaluator works in blocks).
    public func distances(forQuery query: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: databaseCount) { buffer, count in
            distances(forQueries: query..<(query + 1), into: buffer)
            count = databaseCount
        }
    }
}
