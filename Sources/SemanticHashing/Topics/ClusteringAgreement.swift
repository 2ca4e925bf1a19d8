import Foundation

/// How well a clustering agrees with known classes: normalized mutual information and purity.
public enum ClusteringAgreement {
    /// Normalized mutual information with arithmetic-mean normalisation,
    /// NMI = I(C; L) / ((H(C) + H(L)) / 2), natural logarithms: scikit-learn's default
    /// `normalized_mutual_info_score(average_method="arithmetic")`.
    ///
    /// 1 when the clustering equals the classes up to renaming, 0 when independent. As scikit-learn: 1 when
    /// both sides have a single group (or nothing is given), and 0 when only one side does. O(n).
    public static func normalizedMutualInformation<C: Hashable, L: Hashable>(clusters: [C], classes: [L]) -> Double {
        let table = ContingencyTable(clusters: clusters, classes: classes)
        if table.clusterTotals.count <= 1 && table.classTotals.count <= 1 { return 1 }  // also keeps the normaliser positive
        let n = Double(table.total)
        var mutualInformation = 0.0
        for (cluster, row) in table.counts.enumerated() {
            for (label, count) in row.enumerated() where count > 0 {
                let joint = Double(count)
                let product = Double(table.clusterTotals[cluster]) * Double(table.classTotals[label])
                mutualInformation += joint / n * log(n * joint / product)
            }
        }
        let normaliser = (entropy(of: table.clusterTotals, total: n) + entropy(of: table.classTotals, total: n)) / 2
        return max(0, mutualInformation) / normaliser
    }

    /// Purity = (1/n) Σ over clusters of the count of its most frequent class: the accuracy of labelling
    /// every document with its cluster's majority class. In (0, 1]; 1 for a clustering that never mixes
    /// classes (trivially so with one cluster per document). 1 for empty input.
    public static func purity<C: Hashable, L: Hashable>(clusters: [C], classes: [L]) -> Double {
        let table = ContingencyTable(clusters: clusters, classes: classes)
        guard table.total > 0 else { return 1 }
        let majorities = table.counts.map { $0.max() ?? 0 }
        return Double(majorities.reduce(0, +)) / Double(table.total)
    }

    private static func entropy(of totals: [Int], total n: Double) -> Double {
        totals.reduce(0.0) { sum, count in
            let p = Double(count) / n
            return sum - p * log(p)
        }
    }
}

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
