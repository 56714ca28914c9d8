namespace Monitor.Tests.Support;

/// <summary>
/// Logistic regression fitted by Newton's method (iteratively reweighted least squares) with an L2 penalty on every
/// weight but the intercept (column 0 of the inputs is 1): the calibration of the story model from labelled pairs.
/// A few features and a few thousand pairs: a dense solve is enough, and no library is worth a dependency here.
/// </summary>
public static class LogisticRegression
{
    public static double[] Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, double l2 = 1.0, int iterations = 50)
    {
        var d = x[0].Length;
        var w = new double[d];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[d];
            var hessian = new double[d, d];
            for (var j = 1; j < d; j++)
            {
                gradient[j] -= l2 * w[j];
                hessian[j, j] += l2;
            }
            for (var n = 0; n < x.Count; n++)
            {
                var p = Probability(w, x[n]);
                var residual = (y[n] ? 1 : 0) - p;
                var curvature = Math.Max(p * (1 - p), 1e-9);
                for (var i = 0; i < d; i++)
                {
                    gradient[i] += residual * x[n][i];
                    for (var j = 0; j < d; j++)
                        hessian[i, j] += curvature * x[n][i] * x[n][j];
                }
            }
            var step = Solve(hessian, gradient);
            var change = 0.0;
            for (var i = 0; i < d; i++)
            {
                w[i] += step[i];
                change = Math.Max(change, Math.Abs(step[i]));
            }
            if (change < 1e-8)
                break;
        }
        return w;
    }

    public static double Probability(double[] w, double[] x)
    {
        var z = 0.0;
        for (var i = 0; i < w.Length; i++)
            z += w[i] * x[i];
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Gaussian elimination with partial pivoting (the Hessian is symmetric positive definite with the penalty).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                    pivot = row;
            for (var k = 0; k < n; k++)
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            (v[col], v[pivot]) = (v[pivot], v[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var k = col; k < n; k++)
                    m[row, k] -= factor * m[col, k];
                v[row] -= factor * v[col];
            }
        }
        var result = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = v[row];
            for (var k = row + 1; k < n; k++)
                sum -= m[row, k] * result[k];
            result[row] = sum / m[row, row];
        }
        return result;
    }
}
