internal import Assessment

/// Logistic regression by iteratively reweighted least squares, with a small ridge penalty on the
/// coefficients (not the intercept) so a factor that never occurs stays at 0 instead of diverging.
public struct LogisticFit: Sendable {
    public let intercept: Double
    public let coefficients: [Double]

    /// - Parameter rows: each case's features and outcome.
    public init(_ rows: [(features: [Double], lost: Bool)], ridge: Double = 1, iterations: Int = 25) {
        let width = (rows.first?.features.count ?? 0) + 1
        var beta = Array(repeating: 0.0, count: width)
        for _ in 0..<iterations {
            var hessian = Array(repeating: Array(repeating: 0.0, count: width), count: width)
            var gradient = Array(repeating: 0.0, count: width)
            for row in rows {
                let x = [1.0] + row.features
                let eta = zip(beta, x).reduce(0.0) { $0 + $1.0 * $1.1 }
                let p = RiskMath.logistic(eta)
                let w = max(p * (1 - p), 1e-9)
                let residual = (row.lost ? 1.0 : 0.0) - p
                for i in 0..<width {
                    gradient[i] += x[i] * residual
                    for j in 0..<width { hessian[i][j] += w * x[i] * x[j] }
                }
            }
            for i in 1..<width {
                gradient[i] -= ridge * beta[i]
                hessian[i][i] += ridge
            }
            let step = Self.solve(hessian, gradient)
            var largest = 0.0
            for i in 0..<width {
                beta[i] += step[i]
                largest = max(largest, abs(step[i]))
            }
            if largest < 1e-9 { break }
        }
        intercept = beta[0]
        coefficients = Array(beta.dropFirst())
    }

    /// Gaussian elimination with partial pivoting; the system is small and positive definite.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
        var a = matrix
        var b = vector
        let n = b.count
        for column in 0..<n {
            var pivot = column
            for row in column..<n where abs(a[row][column]) > abs(a[pivot][column]) { pivot = row }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            guard abs(a[column][column]) > 1e-12 else { continue }
            for row in (column + 1)..<max(n, column + 1) {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = Array(repeating: 0.0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<max(n, row + 1) { sum -= a[row][k] * x[k] }
            x[row] = abs(a[row][row]) > 1e-12 ? sum / a[row][row] : 0
        }
        return x
    }

    /// Weights summing to 100 in proportion to the positive coefficients (a factor's coefficient
    /// is its log-odds at full intensity), rounded to whole points.
    public func suggestedWeights() -> [Double] {
        let positive = coefficients.map { max($0, 0) }
        let total = positive.reduce(0, +)
        guard total > 0 else { return coefficients.map { _ in 0 } }
        var weights = positive.map { ($0 / total * 100).rounded() }
        if let largest = weights.indices.max(by: { weights[$0] < weights[$1] }) {
            weights[largest] += 100 - weights.reduce(0, +)
        }
        return weights
    }
}
