namespace Profiles.Domain.Predictions.Clusters;

/// <summary>
/// Discovers customer clusters from weighted points: features log1p-transformed and standardised, k-means with k-means++
/// seeding for each k in the configured range, the k with the best (customer-weighted, sampled) silhouette kept, its
/// centroids named in words. Deterministic for a seed.
/// </summary>
public static class ClusterModelFitter
{
    /// <summary>The grid step (in standard deviations) points are first pooled on when there are too many; doubled until few enough.</summary>
    private const double FirstGridStep = 0.01;

    /// <summary>
    /// Fits clusters to <paramref name="points"/> (values in the order of <paramref name="features"/>); null when fewer than
    /// two distinct customers make clusters meaningless.
    /// </summary>
    public static ClusterModel? Fit(IReadOnlyList<ClusterPoint> points, IReadOnlyList<ClusterFeature> features, ClusterOptions options, long version,
        DateTimeOffset fittedAt)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        var dimensions = features.Count;
        if (dimensions == 0 || features.Distinct().Count() != dimensions)
            throw new ArgumentException("Clusters are fitted on one or more distinct features.", nameof(features));
        var kept = points.Where(p => p.Weight > 0).ToArray();
        if (kept.Any(p => p.Values.Length != dimensions))
            throw new ArgumentException($"Every point has {dimensions} values, one per feature.", nameof(points));
        if (kept.Length < 2) return null;

        // Transform and standardise by the customer-weighted mean and deviation (a constant feature keeps deviation 1).
        var transformed = kept.Select(p => Enumerable.Range(0, dimensions).Select(d => ClusterModel.Transform(features[d], p.Values[d])).ToArray()).ToArray();
        var weights = kept.Select(p => (double)p.Weight).ToArray();
        var customers = kept.Sum(p => p.Weight);
        var means = new double[dimensions];
        var deviations = new double[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            var mean = 0.0;
            for (var i = 0; i < kept.Length; i++) mean += weights[i] * transformed[i][d];
            mean /= customers;
            var variance = 0.0;
            for (var i = 0; i < kept.Length; i++) variance += weights[i] * (transformed[i][d] - mean) * (transformed[i][d] - mean);
            means[d] = mean;
            deviations[d] = variance > 0 ? Math.Sqrt(variance / customers) : 1;
        }
        var standardised = transformed.Select(t => Enumerable.Range(0, dimensions).Select(d => (t[d] - means[d]) / deviations[d]).ToArray()).ToArray();
        (standardised, weights) = Coarsen(standardised, weights, options.MaxPoints);
        if (standardised.Length < 2) return null;

        var (sample, sampleWeights) = Sample(standardised, weights, options.SilhouetteSample, new SeededRandom(Mix(options.Seed, 0, 0)));
        KMeans.Run? best = null;
        var bestSilhouette = double.NegativeInfinity;
        var bestK = 0;
        for (var k = options.MinClusters; k <= Math.Min(options.MaxClusters, standardised.Length); k++)
        {
            KMeans.Run? run = null;
            for (var restart = 0; restart < options.Restarts; restart++)
            {
                var attempt = KMeans.Fit(standardised, weights, k, new SeededRandom(Mix(options.Seed, k, restart + 1)), options.MaxIterations);
                if (attempt is not null && (run is null || attempt.Inertia < run.Inertia)) run = attempt;
            }
            if (run is null) break; // fewer distinct points than k: no larger k can do better
            var labels = sample.Select(p => KMeans.Nearest(p, run.Centroids, out _)).ToArray();
            var silhouette = Silhouette.Weighted(sample, sampleWeights, labels, k);
            if (silhouette > bestSilhouette)
            {
                (best, bestSilhouette, bestK) = (run, silhouette, k);
            }
        }
        if (best is null) return null;

        var clusterCustomers = new double[bestK];
        for (var i = 0; i < standardised.Length; i++) clusterCustomers[best.Assignment[i]] += weights[i];
        var order = Enumerable.Range(0, bestK).OrderByDescending(c => clusterCustomers[c])
            .ThenBy(c => string.Join(",", best.Centroids[c].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))), StringComparer.Ordinal)
            .ToArray();
        var centres = order.Select(c => best.Centroids[c]).ToArray();
        var names = ClusterNames.Name(centres, features, options.NameThreshold);
        var centroids = order.Select((c, i) => new ClusterCentroid(
            names[i],
            best.Centroids[c],
            Enumerable.Range(0, dimensions).Select(d => ClusterModel.Untransform(features[d], means[d] + best.Centroids[c][d] * deviations[d])).ToArray(),
            (long)Math.Round(clusterCustomers[c]))).ToArray();
        return new ClusterModel(version, fittedAt, [.. features], means, deviations, centroids, bestSilhouette, customers);
    }

    /// <summary>
    /// Pools points sharing a cell of a grid over the standardised space into their weighted mean, the grid step doubling
    /// until at most <paramref name="maxPoints"/> remain; the points as they are when there are few enough already.
    /// </summary>
    private static (double[][] Points, double[] Weights) Coarsen(double[][] points, double[] weights, int maxPoints)
    {
        for (var step = FirstGridStep; points.Length > maxPoints; step *= 2)
        {
            var cells = new Dictionary<GridCell, (double[] Sum, double Weight)>();
            for (var i = 0; i < points.Length; i++)
            {
                var key = GridCell.Of(points[i], step);
                var (sum, weight) = cells.TryGetValue(key, out var cell) ? cell : (new double[points[i].Length], 0);
                for (var d = 0; d < sum.Length; d++) sum[d] += weights[i] * points[i][d];
                cells[key] = (sum, weight + weights[i]);
            }
            if (cells.Count > maxPoints) continue;
            var pooled = cells.OrderBy(c => c.Key).Select(c => c.Value).ToArray();
            return (pooled.Select(c => c.Sum.Select(s => s / c.Weight).ToArray()).ToArray(), pooled.Select(c => c.Weight).ToArray());
        }
        return (points, weights);
    }

    /// <summary>
    /// The points the silhouette is estimated on: all of them when there are few, else <paramref name="size"/> customers
    /// drawn by weight with replacement, each distinct point weighted by how often it was drawn.
    /// </summary>
    private static (double[][] Points, double[] Weights) Sample(double[][] points, double[] weights, int size, SeededRandom random)
    {
        if (points.Length <= size) return (points, weights);
        var drawn = new SortedDictionary<int, double>();
        for (var i = 0; i < size; i++)
        {
            var index = KMeans.Draw(weights, random);
            drawn[index] = drawn.GetValueOrDefault(index) + 1;
        }
        return (drawn.Keys.Select(i => points[i]).ToArray(), [.. drawn.Values]);
    }

    /// <summary>A cell of the coarsening grid: the cell numbers of up to five coordinates, ordered lexicographically.</summary>
    private readonly record struct GridCell(long A, long B, long C, long D, long E) : IComparable<GridCell>
    {
        public static GridCell Of(double[] point, double step)
        {
            Span<long> cell = stackalloc long[5];
            for (var d = 0; d < point.Length; d++) cell[d] = (long)Math.Floor(point[d] / step);
            return new GridCell(cell[0], cell[1], cell[2], cell[3], cell[4]);
        }

        public int CompareTo(GridCell other) =>
            A != other.A ? A.CompareTo(other.A) : B != other.B ? B.CompareTo(other.B) : C != other.C ? C.CompareTo(other.C) :
            D != other.D ? D.CompareTo(other.D) : E.CompareTo(other.E);
    }

    /// <summary>A seed for k and restart derived from the configured one, so that a k's clusters do not depend on the range tried.</summary>
    private static ulong Mix(long seed, int k, int restart) => new SeededRandom((ulong)seed ^ ((ulong)k << 32) ^ (ulong)restart).NextUInt64();
}
