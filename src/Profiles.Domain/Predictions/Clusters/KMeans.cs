namespace Profiles.Domain.Predictions.Clusters;

/// <summary>Weighted k-means: k-means++ seeding (Arthur and Vassilvitskii 2007) and Lloyd's iterations over weighted points.</summary>
internal static class KMeans
{
    /// <summary>A clustering: centroids, each point's centroid, the weighted sum of squared distances and the iterations taken.</summary>
    internal sealed record Run(double[][] Centroids, int[] Assignment, double Inertia, int Iterations);

    /// <summary>Clusters <paramref name="points"/> into <paramref name="k"/>; null when there are fewer than k distinct points.</summary>
    public static Run? Fit(double[][] points, double[] weights, int k, SeededRandom random, int maxIterations)
    {
        var centroids = Seed(points, weights, k, random);
        if (centroids is null) return null;
        var assignment = new int[points.Length];
        Array.Fill(assignment, -1);
        var iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            var changed = false;
            for (var i = 0; i < points.Length; i++)
            {
                var nearest = Nearest(points[i], centroids, out _);
                if (nearest != assignment[i])
                {
                    assignment[i] = nearest;
                    changed = true;
                }
            }
            if (!changed) break;
            Recenter(points, weights, assignment, centroids);
        }
        var inertia = 0.0;
        for (var i = 0; i < points.Length; i++) inertia += weights[i] * Distance(points[i], centroids[assignment[i]]);
        return new Run(centroids, assignment, inertia, iterations);
    }

    /// <summary>The index of the centroid nearest <paramref name="point"/> (the first of equals) and its squared distance.</summary>
    public static int Nearest(double[] point, double[][] centroids, out double distance)
    {
        var best = 0;
        distance = double.PositiveInfinity;
        for (var c = 0; c < centroids.Length; c++)
        {
            var d = Distance(point, centroids[c]);
            if (d < distance)
            {
                distance = d;
                best = c;
            }
        }
        return best;
    }

    /// <summary>The squared Euclidean distance.</summary>
    public static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++) sum += (a[d] - b[d]) * (a[d] - b[d]);
        return sum;
    }

    /// <summary>k-means++: the first centre drawn by weight, each next one by weight × squared distance to the nearest centre so far.</summary>
    private static double[][]? Seed(double[][] points, double[] weights, int k, SeededRandom random)
    {
        var centroids = new List<double[]> { (double[])points[Draw(weights, random)].Clone() };
        var nearest = points.Select(p => Distance(p, centroids[0])).ToArray();
        var mass = new double[points.Length];
        while (centroids.Count < k)
        {
            for (var i = 0; i < points.Length; i++) mass[i] = weights[i] * nearest[i];
            if (mass.Sum() <= 0) return null;
            var next = (double[])points[Draw(mass, random)].Clone();
            centroids.Add(next);
            for (var i = 0; i < points.Length; i++) nearest[i] = Math.Min(nearest[i], Distance(points[i], next));
        }
        return [.. centroids];
    }

    /// <summary>Moves every centroid to the weighted mean of its points; an emptied cluster takes the point that is worst served.</summary>
    private static void Recenter(double[][] points, double[] weights, int[] assignment, double[][] centroids)
    {
        var dimensions = points[0].Length;
        var sums = new double[centroids.Length][];
        var totals = new double[centroids.Length];
        for (var c = 0; c < centroids.Length; c++) sums[c] = new double[dimensions];
        for (var i = 0; i < points.Length; i++)
        {
            var c = assignment[i];
            totals[c] += weights[i];
            for (var d = 0; d < dimensions; d++) sums[c][d] += weights[i] * points[i][d];
        }
        for (var c = 0; c < centroids.Length; c++)
        {
            if (totals[c] > 0)
            {
                for (var d = 0; d < dimensions; d++) centroids[c][d] = sums[c][d] / totals[c];
                continue;
            }
            var worst = 0;
            var worstMass = -1.0;
            for (var i = 0; i < points.Length; i++)
            {
                var m = weights[i] * Distance(points[i], centroids[assignment[i]]);
                if (m > worstMass)
                {
                    worstMass = m;
                    worst = i;
                }
            }
            centroids[c] = (double[])points[worst].Clone();
        }
    }

    /// <summary>An index drawn with probability proportional to <paramref name="masses"/>.</summary>
    public static int Draw(double[] masses, SeededRandom random)
    {
        var total = 0.0;
        foreach (var m in masses) total += m;
        var target = random.NextDouble() * total;
        var last = 0;
        for (var i = 0; i < masses.Length; i++)
        {
            if (masses[i] <= 0) continue;
            last = i;
            target -= masses[i];
            if (target < 0) return i;
        }
        return last;
    }
}
