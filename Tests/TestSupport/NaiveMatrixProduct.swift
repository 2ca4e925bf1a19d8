import SemanticHashing

/// The textbook triple loop, in Double: the reference the BLAS product is checked against.
public func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows)
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            var sum = 0.0
            for k in 0..<a.columns { sum += Double(a[i, k]) * Double(b[k, j]) }
            c[i, j] = Float(sum)
        }
    }
    return c
}

/// A matrix of uniform values in [-1, 1).
public func randomMatrix(rows: Int, columns: Int, generator: inout SeededGenerator) -> Matrix {
    Matrix(rows: rows, columns: columns,
           values: (0..<(rows * columns)).map { _ in Float.random(in: -1..<1, using: &generator) })
}
