/// The k smallest `EuclideanNeighbor`s offered, kept in a max-heap of size k: O(log k) per code that beats
/// the current k-th, one comparison for the others. Distances are real numbers, so there is no bucketing
/// as in `HammingSelection`.
struct EuclideanSelection {
    let k: Int
    private var heap: [EuclideanNeighbor] = []

    init(k: Int) {
        precondition(k >= 1, "k must be at least 1")
        self.k = k
        heap.reserveCapacity(k)
    }

    /// The k-th smallest distance so far, or infinity while fewer than k were offered: a code farther than
    /// this cannot enter.
    @inline(__always)
    var bound: Float { heap.count < k ? .infinity : heap[0].squaredDistance }

    @inline(__always)
    mutating func offer(_ neighbor: EuclideanNeighbor) {
        if neighbor.squaredDistance <= bound { insert(neighbor) }
    }

    mutating func absorb(_ other: EuclideanSelection) {
        for neighbor in other.heap { offer(neighbor) }
    }

    /// The selected neighbours in (squared distance, index) order.
    func neighbors() -> [EuclideanNeighbor] { heap.sorted() }

    private mutating func insert(_ neighbor: EuclideanNeighbor) {
        if heap.count < k {
            heap.append(neighbor)
            var child = heap.count - 1
            while child > 0, heap[(child - 1) / 2] < heap[child] {
                heap.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        } else if neighbor < heap[0] {
            heap[0] = neighbor
            var parent = 0
            while true {
                let left = 2 * parent + 1
                var largest = parent
                if left < k, heap[largest] < heap[left] { largest = left }
                if left + 1 < k, heap[largest] < heap[left + 1] { largest = left + 1 }
                if largest == parent { break }
                heap.swapAt(parent, largest)
                parent = largest
            }
        }
    }
}
