namespace Profiles.Domain.Tests.Predictions;

/// <summary>
/// Standard errors of maximum-likelihood estimates from the observed information: the inverse of minus the Hessian of the
/// log-likelihood at the estimate, by central differences. In log-parameters, so an error reads as a relative one.
/// </summary>
internal static class ObservedInformation
{
    public static double[] StandardErrors(Func<double[], double> logLikelihood, double[] estimate, double step = 1e-3)
    {
        var k = estimate.Length;
        var information = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                double At(double di, double dj)
                {
                    var point = (double[])estimate.Clone();
                    point[i] += di;
                    point[j] += dj;
                    return logLikelihood(point);
                }
                information[i, j] = -(At(step, step) - At(step, -step) - At(-step, step) + At(-step, -step)) / (4 * step * step);
            }
        }
        var covariance = Invert(information);
        return Enumerable.Range(0, k).Select(i => Math.Sqrt(covariance[i, i])).ToArray();
    }

    // Gauss–Jordan with partial pivoting; the matrices are 3×3 and 4×4.
    private static double[,] Invert(double[,] matrix)
    {
        var k = matrix.GetLength(0);
        var work = new double[k, 2 * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++) work[i, j] = matrix[i, j];
            work[i, k + i] = 1;
        }
        for (var column = 0; column < k; column++)
        {
            var pivot = Enumerable.Range(column, k - column).MaxBy(row => Math.Abs(work[row, column]));
            for (var j = 0; j < 2 * k; j++) (work[column, j], work[pivot, j]) = (work[pivot, j], work[column, j]);
            var divisor = work[column, column];
            for (var j = 0; j < 2 * k; j++) work[column, j] /= divisor;
            for (var row = 0; row < k; row++)
            {
                if (row == column) continue;
                var factor = work[row, column];
                for (var j = 0; j < 2 * k; j++) work[row, j] -= factor * work[column, j];
            }
        }
        var inverse = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++) inverse[i, j] = work[i, k + j];
        }
        return inverse;
    }
}
