/// A quadtree over 2-D points for the Barnes–Hut approximation of t-SNE's repulsive forces (van der Maaten
/// 2014, "Accelerating t-SNE using tree-based algorithms", section 4.2): a cell far enough from a point, by
/// width / distance < θ, acts as one body at its centre of mass with its number of points.
///
/// Built top-down by splitting a cell's points into its four quadrants, to a depth of at most 32 (coincident
/// points end in one leaf, whose points are then visited one by one). O(n log n) to build.
struct BarnesHutTree {
    private struct Cell {
        var centreOfMassX = 0.0, centreOfMassY = 0.0
        var count = 0
        /// The larger side of the cell's box.
        var width = 0.0
        /// Index of the first child in `cells` (children are consecutive), or −1 for a leaf.
        var firstChild = -1
        var childCount = 0
        /// For a leaf: its points are `order[pointStart ..< pointStart + count]`.
        var pointStart = 0
    }

    private var cells: [Cell] = []
    private var order: [Int]
    private let xs: [Double], ys: [Double]
    private static let maximumDepth = 32

    /// The tree of the points (xs[i], ys[i]).
    init(xs: [Double], ys: [Double]) {
        precondition(xs.count == ys.count, "one y per x")
        self.xs = xs
        self.ys = ys
        order = Array(xs.indices)
        guard !xs.isEmpty else { return }
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        cells.append(Cell())
        build(cell: 0, range: 0..<xs.count, minX: minX, minY: minY, maxX: maxX, maxY: maxY, depth: 0)
    }

    private mutating func build(cell: Int, range: Range<Int>, minX: Double, minY: Double, maxX: Double, maxY: Double,
                                depth: Int) {
        var sumX = 0.0, sumY = 0.0
        for position in range {
            sumX += xs[order[position]]
            sumY += ys[order[position]]
        }
        let count = range.count
        cells[cell].count = count
        cells[cell].centreOfMassX = sumX / Double(count)
        cells[cell].centreOfMassY = sumY / Double(count)
        cells[cell].width = max(maxX - minX, maxY - minY)
        cells[cell].pointStart = range.lowerBound
        guard count > 1, depth < Self.maximumDepth, cells[cell].width > 0 else { return }
        let midX = (minX + maxX) / 2, midY = (minY + maxY) / 2
        // Partition into quadrants: (x < mid, y < mid), (x ≥ mid, y < mid), (x < mid, y ≥ mid), (x ≥ mid, y ≥ mid).
        var quadrants: [[Int]] = [[], [], [], []]
        for position in range {
            let point = order[position]
            quadrants[(xs[point] < midX ? 0 : 1) + (ys[point] < midY ? 0 : 2)].append(point)
        }
        let occupied = quadrants.indices.filter { !quadrants[$0].isEmpty }
        let firstChild = cells.count
        cells[cell].firstChild = firstChild
        cells[cell].childCount = occupied.count
        cells.append(contentsOf: [Cell](repeating: Cell(), count: occupied.count))
        var start = range.lowerBound
        for (offset, quadrant) in occupied.enumerated() {
            let points = quadrants[quadrant]
            for (index, point) in points.enumerated() { order[start + index] = point }
            let right = quadrant % 2 == 1, top = quadrant >= 2
            build(cell: firstChild + offset, range: start..<(start + points.count),
                  minX: right ? midX : minX, minY: top ? midY : minY, maxX: right ? maxX : midX, maxY: top ? maxY : midY,
                  depth: depth + 1)
            start += points.count
        }
    }

    /// The repulsive sums for point `i` at (x, y): Σ_j q_ij Z and Σ_j (q_ij Z)² (y_i − y_j) over j ≠ i, with
    /// q_ij Z = 1 / (1 + ‖y_i − y_j‖²), cells with width / distance < `theta` taken whole.
    func repulsion(of i: Int, theta: Double) -> (normalisation: Double, forceX: Double, forceY: Double) {
        guard !cells.isEmpty else { return (0, 0, 0) }
        let x = xs[i], y = ys[i]
        var normalisation = 0.0, forceX = 0.0, forceY = 0.0
        var stack = [0]
        stack.reserveCapacity(64)
        let thetaSquared = theta * theta
        while let index = stack.popLast() {
            let cell = cells[index]
            let dx = x - cell.centreOfMassX, dy = y - cell.centreOfMassY
            let squared = dx * dx + dy * dy
            if cell.firstChild < 0 {
                for position in cell.pointStart..<(cell.pointStart + cell.count) where order[position] != i {
                    let j = order[position]
                    let px = x - xs[j], py = y - ys[j]
                    let q = 1 / (1 + px * px + py * py)
                    normalisation += q
                    forceX += q * q * px
                    forceY += q * q * py
                }
            } else if cell.width * cell.width < thetaSquared * squared {
                let q = 1 / (1 + squared), mass = Double(cell.count)
                normalisation += mass * q
                forceX += mass * q * q * dx
                forceY += mass * q * q * dy
            } else {
                for child in cell.firstChild..<(cell.firstChild + cell.childCount) { stack.append(child) }
            }
        }
        return (normalisation, forceX, forceY)
    }
}
