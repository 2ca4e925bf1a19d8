import CBLAS

extension Matrix {
    /// Writes `alpha · row(r) · other.row(d)` for every `r` in `rows` and every row `d` of `other` into
    /// `buffer`, row-major (`rows.count × other.rows`): one `cblas_sgemm` of a block of rows by `otherᵀ`.
    func innerProducts(ofRows rows: Range<Int>, with other: Matrix, alpha: Float,
                       into buffer: UnsafeMutableBufferPointer<Float>) {
        precondition(columns == other.columns, "rows of \(columns) and \(other.columns) values cannot be multiplied")
        precondition(rows.lowerBound >= 0 && rows.upperBound <= self.rows, "rows out of range")
        precondition(buffer.count == rows.count * other.rows, "the buffer holds one product per pair")
        guard !rows.isEmpty, other.rows > 0 else { return }
        guard columns > 0 else {
            buffer.update(repeating: 0)
            return
        }
        values.withUnsafeBufferPointer { mine in
            other.values.withUnsafeBufferPointer { theirs in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                            Int32(rows.count), Int32(other.rows), Int32(columns), alpha,
                            mine.baseAddress! + rows.lowerBound * columns, Int32(columns),
                            theirs.baseAddress, Int32(columns),
                            0, buffer.baseAddress, Int32(other.rows))
            }
        }
    }

    /// The squared Euclidean norm of every row, accumulated in `Double`.
    func rowSquaredNorms() -> [Float] {
        (0..<rows).map { row in
            var sum = 0.0
            for column in 0..<columns {
                let value = Double(values[row * columns + column])
                sum += value * value
            }
            return Float(sum)
        }
    }

    /// The matrix with every row scaled to unit Euclidean length; all-zero rows stay zero.
    func rowsNormalized() -> Matrix {
        var result = self
        for (row, squaredNorm) in rowSquaredNorms().enumerated() where squaredNorm > 0 {
            let scale = 1 / squaredNorm.squareRoot()
            for column in 0..<columns { result.values[row * columns + column] *= scale }
        }
        return result
    }

    /// Adds `scale` × row `row` to `target` (`columns` floats): one BLAS `saxpy`.
    func addRow(_ row: Int, scaledBy scale: Float, to target: UnsafeMutableBufferPointer<Float>) {
        precondition(target.count == columns, "the target holds one row")
        values.withUnsafeBufferPointer { values in
            cblas_saxpy(Int32(columns), scale, values.baseAddress! + row * columns, 1, target.baseAddress!, 1)
        }
    }
}
