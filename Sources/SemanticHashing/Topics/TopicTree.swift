/// Topics merged into a tree by the distance of their centroids (as BERTopic's hierarchical topics): Ward's
/// agglomerative clustering of the topic centroids weighted by topic size, so that the first merges join
/// the topics whose union adds least to the within-topic variance.
///
/// Nodes `0..<K` are the topics themselves (node i is topic i); each merge adds one node, the root last.
/// The merge height is SciPy's Ward distance, √(2 nA nB / (nA + nB)) ‖cA − cB‖ in code units, so heights
/// never decrease up the tree. Ties join the pair with the lowest node ids. Each node is named by the
/// distinctive words (`DocumentLift`) of its topics' documents taken together. O(K³) for K topics.
public struct TopicTree: Sendable, Equatable, Codable {
    public struct Node: Sendable, Equatable, Codable {
        public let id: Int
        /// The topics below this node, ascending.
        public let topics: [Int]
        /// The documents of those topics.
        public let size: Int
        /// The two nodes merged into this one; empty for a topic.
        public let children: [Int]
        /// The Ward distance at which the children merged; 0 for a topic.
        public let height: Double
        /// The node's distinctive words.
        public let words: [TopicWord]
    }

    /// Topics first (node i is topic i), then merges in order; the last node is the root.
    public let nodes: [Node]

    /// Builds the tree of the topics whose centroids are the rows of `centroids` (K × d, K ≥ 1), of
    /// `sizes` documents, naming each node with `words(topics)`.
    public init(centroids: Matrix, sizes: [Int], words: ([Int]) -> [TopicWord]) {
        let k = centroids.rows
        precondition(k >= 1 && sizes.count == k, "one size per topic centroid")
        var nodes = (0..<k).map { Node(id: $0, topics: [$0], size: sizes[$0], children: [], height: 0, words: words([$0])) }
        var centres: [Int: [Double]] = [:]
        for topic in 0..<k { centres[topic] = centroids.row(topic).map(Double.init) }
        var active = Array(0..<k)
        while active.count > 1 {
            var best: (a: Int, b: Int, height: Double)?
            for (position, a) in active.enumerated() {
                for b in active[(position + 1)...] {
                    let height = Self.wardDistance(centres[a]!, nodes[a].size, centres[b]!, nodes[b].size)
                    if best == nil || height < best!.height { best = (a, b, height) }
                }
            }
            let (a, b, height) = best!
            let size = nodes[a].size + nodes[b].size
            let weightA = Double(nodes[a].size) / Double(max(1, size)), weightB = Double(nodes[b].size) / Double(max(1, size))
            let id = nodes.count
            centres[id] = zip(centres[a]!, centres[b]!).map { weightA * $0 + weightB * $1 }
            let topics = (nodes[a].topics + nodes[b].topics).sorted()
            nodes.append(Node(id: id, topics: topics, size: size, children: [a, b], height: height, words: words(topics)))
            active.removeAll { $0 == a || $0 == b }
            active.append(id)
        }
        self.nodes = nodes
    }

    /// The root (the whole collection; a single topic when there is only one).
    public var root: Node { nodes[nodes.count - 1] }

    /// SciPy's Ward linkage distance between two clusters given their centroids and sizes.
    static func wardDistance(_ a: [Double], _ sizeA: Int, _ b: [Double], _ sizeB: Int) -> Double {
        let squared = zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let weight = sizeA + sizeB > 0 ? 2 * Double(sizeA) * Double(sizeB) / Double(sizeA + sizeB) : 0
        return (weight * squared).squareRoot()
    }

    /// The tree as indented lines, root first, larger child first: "├─" branches with each node's size and
    /// first `wordCount` words; topics show their id.
    public func lines(wordCount: Int = 5) -> [String] {
        var lines: [String] = []
        func visit(_ id: Int, prefix: String, childPrefix: String) {
            let node = nodes[id]
            let words = node.words.prefix(wordCount).map(\.word).joined(separator: " ")
            let name = node.children.isEmpty ? "topic \(node.id)" : "\(node.topics.count) topics"
            lines.append("\(prefix)\(name) (\(node.size)): \(words)")
            let children = node.children.sorted { (nodes[$0].size, -$0) > (nodes[$1].size, -$1) }
            for (index, child) in children.enumerated() {
                let last = index == children.count - 1
                visit(child, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "))
            }
        }
        visit(nodes.count - 1, prefix: "", childPrefix: "")
        return lines
    }
}
