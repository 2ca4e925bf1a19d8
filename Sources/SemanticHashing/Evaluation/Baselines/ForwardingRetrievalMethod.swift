/// A retrieval method that ranks through another one — a baseline is a particular encoding of the documents
/// (TF-IDF vectors, LSA coordinates, LSH bits) searched by a generic method (`CosineCodes`, `HammingCodes`).
/// Conforming types supply their own `name` and the `underlying` method; everything else is forwarded.
public protocol ForwardingRetrievalMethod: RetrievalMethod {
    associatedtype Underlying: RetrievalMethod
    var underlying: Underlying { get }
}

extension ForwardingRetrievalMethod {
    public var metric: String { underlying.metric }
    public var distanceKind: DistanceKind { underlying.distanceKind }
    public var databaseCount: Int { underlying.databaseCount }
    public var queryCount: Int { underlying.queryCount }

    public func distances(forQueries queries: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        underlying.distances(forQueries: queries, into: buffer)
    }
}
