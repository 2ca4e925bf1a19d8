extension Matrix {
    /// The rows `indices`, in that order, as a new matrix (one block copy per row).
    public func gatherRows(_ indices: some Collection<Int>) -> Matrix {
        var result = Matrix(rows: indices.count, columns: columns)
        let width = columns
        values.withUnsafeBufferPointer { source in
            result.values.withUnsafeMutableBufferPointer { target in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                for (row, index) in indices.enumerated() {
                    precondition(index >= 0 && index < rows, "row \(index) out of range")
                    (to + row * width).update(from: from + index * width, count: width)
                }
            }
        }
        return result
    }

    /// Overwrites rows `offset ..< offset + block.rows` with `block`.
    public mutating func setRows(startingAt offset: Int, to block: Matrix) {
        precondition(block.columns == columns && offset >= 0 && offset + block.rows <= rows, "block does not fit")
        let width = columns
        values.withUnsafeMutableBufferPointer { target in
            block.values.withUnsafeBufferPointer { source in
                guard let to = target.baseAddress, let from = source.baseAddress else { return }
                (to + offset * width).update(from: from, count: block.rows * width)
            }
        }
    }
}
