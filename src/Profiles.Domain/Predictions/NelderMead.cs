namespace Profiles.Domain.Predictions;

/// <summary>
/// The Nelder–Mead simplex minimiser in a box, deterministic (no randomness, ties broken by vertex order). The models fit
/// their log-parameters with it: the likelihoods are smooth but their gradients are long formulas, and a few hundred
/// likelihood evaluations over a population summary of tens of thousands of cells take about a second in all.
/// </summary>
internal static class NelderMead
{
    /// <summary>The outcome of <see cref="Minimize"/>.</summary>
    internal readonly record struct Result(double[] Point, double Value, int Iterations, bool Converged);

    /// <summary>
    /// Minimises <paramref name="objective"/> from <paramref name="start"/> within [<paramref name="lower"/>,
    /// <paramref name="upper"/>], restarting from the best vertex until a restart no longer improves (a collapsed simplex
    /// is the method's known way of stopping short of the optimum).
    /// </summary>
    public static Result Minimize(Func<double[], double> objective, double[] start, double[] lower, double[] upper, double step,
        int maxIterations, double valueTolerance = 1e-11, double pointTolerance = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        var point = Clamp((double[])start.Clone(), lower, upper);
        var value = Evaluate(objective, point);
        var iterations = 0;
        var converged = false;
        for (var restart = 0; restart < 5 && iterations < maxIterations; restart++)
        {
            var run = Run(objective, point, lower, upper, restart == 0 ? step : step / 4, maxIterations - iterations, valueTolerance, pointTolerance);
            iterations += run.Iterations;
            var improvement = value - run.Value;
            var settled = restart > 0 && improvement <= valueTolerance * Math.Max(1, Math.Abs(run.Value));
            if (run.Value <= value)
            {
                point = run.Point;
                value = run.Value;
            }
            if (!run.Converged) break;
            if (settled)
            {
                converged = true;
                break;
            }
        }
        return new Result(point, value, iterations, converged);
    }

    private static Result Run(Func<double[], double> objective, double[] start, double[] lower, double[] upper, double step,
        int maxIterations, double valueTolerance, double pointTolerance)
    {
        var dimensions = start.Length;
        var vertices = new double[dimensions + 1][];
        var values = new double[dimensions + 1];
        vertices[0] = (double[])start.Clone();
        values[0] = Evaluate(objective, vertices[0]);
        for (var i = 0; i < dimensions; i++)
        {
            var vertex = (double[])start.Clone();
            // Step away from a bound rather than onto it, so that the simplex never starts flat.
            vertex[i] = vertex[i] + step <= upper[i] ? vertex[i] + step : vertex[i] - step;
            vertices[i + 1] = Clamp(vertex, lower, upper);
            values[i + 1] = Evaluate(objective, vertices[i + 1]);
        }

        var order = new int[dimensions + 1];
        var centroid = new double[dimensions];
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            for (var i = 0; i <= dimensions; i++) order[i] = i;
            Array.Sort(order, (x, y) => values[x] != values[y] ? values[x].CompareTo(values[y]) : x.CompareTo(y));
            int best = order[0], worst = order[dimensions], secondWorst = order[dimensions - 1];

            if (values[worst] - values[best] <= valueTolerance * Math.Max(1, Math.Abs(values[best])) &&
                Spread(vertices, best) <= pointTolerance)
                return new Result(vertices[best], values[best], iteration, true);

            Array.Clear(centroid);
            for (var i = 0; i <= dimensions; i++)
            {
                if (i == worst) continue;
                for (var d = 0; d < dimensions; d++) centroid[d] += vertices[i][d] / dimensions;
            }

            var reflected = Along(centroid, vertices[worst], -1, lower, upper);
            var reflectedValue = Evaluate(objective, reflected);
            if (reflectedValue < values[best])
            {
                var expanded = Along(centroid, vertices[worst], -2, lower, upper);
                var expandedValue = Evaluate(objective, expanded);
                Replace(vertices, values, worst, expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue));
            }
            else if (reflectedValue < values[secondWorst])
            {
                Replace(vertices, values, worst, (reflected, reflectedValue));
            }
            else
            {
                var outside = reflectedValue < values[worst];
                var contracted = Along(centroid, vertices[worst], outside ? -0.5 : 0.5, lower, upper);
                var contractedValue = Evaluate(objective, contracted);
                if (contractedValue < (outside ? reflectedValue : values[worst]))
                {
                    Replace(vertices, values, worst, (contracted, contractedValue));
                }
                else
                {
                    for (var i = 0; i <= dimensions; i++)
                    {
                        if (i == best) continue;
                        for (var d = 0; d < dimensions; d++) vertices[i][d] = vertices[best][d] + 0.5 * (vertices[i][d] - vertices[best][d]);
                        values[i] = Evaluate(objective, vertices[i]);
                    }
                }
            }
        }
        var last = 0;
        for (var i = 1; i <= dimensions; i++) if (values[i] < values[last]) last = i;
        return new Result(vertices[last], values[last], maxIterations, false);
    }

    /// <summary>centroid + t·(vertex − centroid), clamped to the box.</summary>
    private static double[] Along(double[] centroid, double[] vertex, double t, double[] lower, double[] upper)
    {
        var point = new double[centroid.Length];
        for (var d = 0; d < point.Length; d++) point[d] = centroid[d] + t * (vertex[d] - centroid[d]);
        return Clamp(point, lower, upper);
    }

    private static double[] Clamp(double[] point, double[] lower, double[] upper)
    {
        for (var d = 0; d < point.Length; d++) point[d] = Math.Clamp(point[d], lower[d], upper[d]);
        return point;
    }

    private static void Replace(double[][] vertices, double[] values, int index, (double[] Point, double Value) with)
    {
        vertices[index] = with.Point;
        values[index] = with.Value;
    }

    private static double Spread(double[][] vertices, int best)
    {
        var spread = 0.0;
        foreach (var vertex in vertices)
        {
            for (var d = 0; d < vertex.Length; d++) spread = Math.Max(spread, Math.Abs(vertex[d] - vertices[best][d]));
        }
        return spread;
    }

    // A NaN (a likelihood the parameters make undefined) must never look like an improvement.
    private static double Evaluate(Func<double[], double> objective, double[] point) =>
        objective(point) is var value && double.IsNaN(value) ? double.PositiveInfinity : value;
}
