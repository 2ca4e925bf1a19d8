import CBLAS

/// A sparse row-major matrix of `Float` in compressed sparse row (CSR) form: the word layer's input, where a
/// document holds a hundred or so of the vocabulary's thousands of words, so that products with it cost
/// what the stored entries cost, not what the full width would.
///
/// Row `r`'s entries are `values[rowStarts[r] ..< rowStarts[r + 1]]`, in columns
/// `columnIndices[rowStarts[r] ..< rowStarts[r + 1]]`; a column appears at most once in a row. A row without
/// entries is a zero row.
public struct SparseRows: Equatable, Sendable {
    /// The number of columns (the vocabulary size for the word layer).
    public let columns: Int
    /// `rows + 1` offsets into `columnIndices` and `values`, starting at 0.
    public private(set) var rowStarts: [Int]
    /// The column of every stored entry, row after row.
    public private(set) var columnIndices: [Int32]
    /// The value of every stored entry, row after row (may be rewritten in place; the pattern may not).
    public var values: [Float]

    /// A matrix of no rows; rows are added by `appendRow`.
    public init(columns: Int, reservingEntries capacity: Int = 0) {
        precondition(columns >= 0, "matrix dimensions must be non-negative")
        self.columns = columns
        rowStarts = [0]
        columnIndices = []
        values = []
        columnIndices.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The number of rows.
    public var rows: Int { rowStarts.count - 1 }

    /// The number of stored entries.
    public var entryCount: Int { rowStarts[rows] }

    /// Adds a row whose entry `i` is `values[i]` in column `columns[i]` (columns distinct and in range).
    public mutating func appendRow(columns entryColumns: some Collection<Int32>, values entryValues: some Collection<Float>) {
        precondition(entryColumns.count == entryValues.count, "one value per column")
        for column in entryColumns {
            precondition(column >= 0 && Int(column) < columns, "column \(column) outside 0..<\(columns)")
        }
        columnIndices.append(contentsOf: entryColumns)
        values.append(contentsOf: entryValues)
        rowStarts.append(columnIndices.count)
    }

    /// Appends every row of `other`, a matrix of as many columns, below these rows (stacking the pieces of a
    /// matrix built in parallel; `other`'s entries were checked when its rows were appended).
    public mutating func appendRows(of other: SparseRows) {
        precondition(other.columns == columns, "column counts differ: \(other.columns) vs \(columns)")
        let offset = columnIndices.count
        columnIndices.append(contentsOf: other.columnIndices)
        values.append(contentsOf: other.values)
        rowStarts.append(contentsOf: other.rowStarts.dropFirst().lazy.map { $0 + offset })
    }

    /// The stored entries of row `row`, as positions into `columnIndices` and `values`.
    public func entries(ofRow row: Int) -> Range<Int> { rowStarts[row]..<rowStarts[row + 1] }

    /// The matrix with every zero written out (rows × columns).
    public func dense() -> Matrix {
        var result = Matrix(rows: rows, columns: columns)
        for row in 0..<rows {
            for entry in entries(ofRow: row) { result[row, Int(columnIndices[entry])] = values[entry] }
        }
        return result
    }

    /// The transpose (columns × rows), itself in CSR form: the compressed columns of this matrix, each
    /// column's entries in row order. Cost: one pass over the entries and one over the columns.
    public func transposed() -> SparseRows {
        var starts = [Int](repeating: 0, count: columns + 1)
        for column in columnIndices { starts[Int(column) + 1] += 1 }
        for column in 0..<columns { starts[column + 1] += starts[column] }
        var rowsOfEntries = [Int32](repeating: 0, count: entryCount)
        var valuesOfEntries = [Float](repeating: 0, count: entryCount)
        var next = starts
        for row in 0..<rows {
            for entry in entries(ofRow: row) {
                let column = Int(columnIndices[entry])
                rowsOfEntries[next[column]] = Int32(row)
                valuesOfEntries[next[column]] = values[entry]
                next[column] += 1
            }
        }
        var result = SparseRows(columns: rows)
        result.rowStarts = starts
        result.columnIndices = rowsOfEntries
        result.values = valuesOfEntries
        return result
    }

    /// The sum of each row (length `rows`).
    public func rowSums() -> [Float] {
        (0..<rows).map { row in entries(ofRow: row).reduce(Float(0)) { $0 + values[$1] } }
    }

    /// The sum of each column (length `columns`), accumulated row by row.
    public func columnSums() -> [Float] {
        var sums = [Float](repeating: 0, count: columns)
        for (column, value) in zip(columnIndices, values) { sums[Int(column)] += value }
        return sums
    }
}

extension SparseRows {
    /// `C = alpha · A · B + beta · C` for this sparse A (m × k) and a dense B (k × n): row `r` of C is the sum
    /// of the rows of B that row `r` of A names, each scaled by its entry (one `cblas_saxpy` per stored
    /// entry, so the cost is 2 · entries · n, not 2 · m · k · n). With `beta` 0, C's previous contents are
    /// ignored (as BLAS does). Rows of C are split over the BLAS thread count; each row is computed by one
    /// thread in entry order, so the result does not depend on the thread count.
    ///
    /// `transposeA: .transposed` multiplies by Aᵀ instead (C is k × n, B is m × n): the gradient form
    /// `Xᵀ·δ`, computed as the compressed columns of A times B.
    public static func multiply(_ a: SparseRows, _ b: Matrix, into c: inout Matrix, transposeA: Transpose = .none,
                                alpha: Float = 1, beta: Float = 0) {
        if transposeA == .transposed {
            multiply(a.transposed(), b, into: &c, alpha: alpha, beta: beta)
            return
        }
        precondition(a.columns == b.rows, "inner dimensions differ: \(a.columns) vs \(b.rows)")
        precondition(c.rows == a.rows && c.columns == b.columns,
                     "output is \(c.rows)×\(c.columns), expected \(a.rows)×\(b.columns)")
        let width = b.columns
        guard a.rows > 0, width > 0 else { return }
        let rowsPerBlock = max(1, min(256, (a.rows + 7) / 8))
        let threads = a.entryCount * width >= 1 << 16 ? BLASThreads.current : 1
        a.rowStarts.withUnsafeBufferPointer { starts in
            a.columnIndices.withUnsafeBufferPointer { columns in
                a.values.withUnsafeBufferPointer { entries in
                    b.values.withUnsafeBufferPointer { pb in
                        c.values.withUnsafeMutableBufferPointer { pc in
                            let source = pb.baseAddress!, target = pc.baseAddress!
                            ParallelWork.forEachRange(count: a.rows, chunkSize: rowsPerBlock, threads: threads) { rows in
                                for row in rows {
                                    let line = target + row * width
                                    if beta == 0 {
                                        line.update(repeating: 0, count: width)
                                    } else if beta != 1 {
                                        cblas_sscal(Int32(width), beta, line, 1)
                                    }
                                    for entry in starts[row]..<starts[row + 1] {
                                        cblas_saxpy(Int32(width), alpha * entries[entry],
                                                    source + Int(columns[entry]) * width, 1, line, 1)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Floating-point operations of `multiply` with a dense operand of `outputs` columns: 2 · entries · outputs.
    public func productFlops(outputs: Int) -> Double { 2 * Double(entryCount) * Double(outputs) }
}
