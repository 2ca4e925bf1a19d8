/// Joint counts of (cluster, class) pairs with their marginals, over dense ids given in order of first
/// appearance so that every sum runs in the same order on every run (Swift's hashing is seeded per process).
struct ContingencyTable {
    /// `counts[cluster][class]`.
    let counts: [[Int]]
    let clusterTotals: [Int]
    let classTotals: [Int]
    let total: Int

    init<C: Hashable, L: Hashable>(clusters: [C], classes: [L]) {
        precondition(clusters.count == classes.count, "one class per clustered item")
        let clusterIDs = Self.denseIDs(clusters), classIDs = Self.denseIDs(classes)
        let clusterCount = (clusterIDs.max() ?? -1) + 1, classCount = (classIDs.max() ?? -1) + 1
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: clusterCount)
        for (cluster, label) in zip(clusterIDs, classIDs) { counts[cluster][label] += 1 }
        self.counts = counts
        clusterTotals = counts.map { $0.reduce(0, +) }
        classTotals = (0..<classCount).map { label in counts.reduce(0) { $0 + $1[label] } }
        total = clusters.count
    }

    private static func denseIDs<T: Hashable>(_ values: [T]) -> [Int] {
        var ids: [T: Int] = [:]
        return values.map { value in
            if let id = ids[value] { return id }
            ids[value] = ids.count
            return ids.count - 1
        }
    }
}
