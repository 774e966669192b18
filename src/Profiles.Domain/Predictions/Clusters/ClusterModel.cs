namespace Profiles.Domain.Predictions.Clusters;

/// <summary>
/// The discovered clusters, published to every silo with a version: the features, how raw values are transformed
/// (log1p, except satisfaction) and standardised (<paramref name="Means"/>, <paramref name="Deviations"/> of the
/// transformed values), the centroids (largest first) and the silhouette that chose their number.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClusterModel(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset FittedAt,
    [property: Id(2)] ClusterFeature[] Features,
    [property: Id(3)] double[] Means,
    [property: Id(4)] double[] Deviations,
    [property: Id(5)] ClusterCentroid[] Centroids,
    [property: Id(6)] double Silhouette,
    [property: Id(7)] long Customers)
{
    /// <summary>The feature value as clustered: log1p of a count, amount or number of days (never below 0), satisfaction as it is.</summary>
    public static double Transform(ClusterFeature feature, double value) =>
        feature == ClusterFeature.Satisfaction ? value : SpecialFunctions.Log1P(Math.Max(0, value));

    /// <summary>The inverse of <see cref="Transform"/> (never below 0 for the counts, amounts and days, which rounding could take a hair under).</summary>
    public static double Untransform(ClusterFeature feature, double value) =>
        feature == ClusterFeature.Satisfaction ? value : Math.Max(0, SpecialFunctions.ExpM1(value));

    /// <summary>The index in <see cref="Centroids"/> of the cluster nearest to a customer with raw feature values <paramref name="values"/>.</summary>
    public int Assign(ReadOnlySpan<double> values)
    {
        if (values.Length != Features.Length) throw new ArgumentException($"A customer has {Features.Length} feature values here, not {values.Length}.", nameof(values));
        Span<double> point = stackalloc double[Features.Length];
        for (var d = 0; d < point.Length; d++) point[d] = (Transform(Features[d], values[d]) - Means[d]) / Deviations[d];
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < Centroids.Length; c++)
        {
            var distance = 0.0;
            for (var d = 0; d < point.Length; d++) distance += (point[d] - Centroids[c].Standardised[d]) * (point[d] - Centroids[c].Standardised[d]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    /// <summary>The cluster of a customer with raw feature values <paramref name="values"/>.</summary>
    public ClusterCentroid ClusterOf(ReadOnlySpan<double> values) => Centroids[Assign(values)];
}
