namespace Profiles.Domain.Predictions.Clusters;

/// <summary>
/// The silhouette (Rousseeuw 1987) of a clustering of weighted points, each standing for that many customers at one
/// place: a customer's a is its mean distance to the others of its cluster (its own point's other customers at distance
/// 0), b its mean distance to the nearest other cluster, s = (b − a)/max(a, b), 0 for a customer alone in its cluster.
/// </summary>
internal static class Silhouette
{
    /// <summary>The customer-weighted mean silhouette; quadratic in the points, so callers pass a sample.</summary>
    public static double Weighted(double[][] points, double[] weights, int[] labels, int k)
    {
        var clusterWeights = new double[k];
        for (var i = 0; i < points.Length; i++) clusterWeights[labels[i]] += weights[i];
        var sums = new double[k];
        var total = 0.0;
        var weighted = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < points.Length; j++) sums[labels[j]] += weights[j] * Math.Sqrt(KMeans.Distance(points[i], points[j]));
            var own = labels[i];
            var s = 0.0;
            if (clusterWeights[own] > 1)
            {
                var a = sums[own] / (clusterWeights[own] - 1);
                var b = double.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    if (c != own && clusterWeights[c] > 0) b = Math.Min(b, sums[c] / clusterWeights[c]);
                }
                if (double.IsFinite(b) && Math.Max(a, b) > 0) s = (b - a) / Math.Max(a, b);
            }
            weighted += weights[i] * s;
            total += weights[i];
        }
        return total > 0 ? weighted / total : 0;
    }
}
