using Profiles.Domain.Predictions.Clusters;

namespace Profiles.Domain.Predictions;

/// <summary>
/// What one refit of the population publishes to every silo: the purchase and spend models and the clusters (null when
/// too few distinct customers ordered), under one <paramref name="Version"/> that increases with every refit.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PublishedModels(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset FittedAt,
    [property: Id(2)] PopulationModel Population,
    [property: Id(3)] ClusterModel? Clusters)
{
    /// <summary>
    /// The refit: BG/NBD and Gamma-Gamma fitted to <paramref name="population"/> and the clusters to
    /// <paramref name="clusterCells"/> (the population statistics' grid, <see cref="Clusters.ClusterCells"/>), as they stand
    /// at <paramref name="now"/> — from cells, never from a scan of the customers. Pure and deterministic.
    /// </summary>
    public static PublishedModels Fit(BtydPopulation population, IReadOnlyDictionary<Statistics.RfmCell, long> clusterCells, DateTimeOffset now,
        long version, PredictionOptions predictions, ClusterOptions clusters)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(clusterCells);
        ArgumentNullException.ThrowIfNull(clusters);
        var model = PopulationModel.Fit(population, now, version, predictions);
        var points = ClusterPoints.FromRfmCells(clusterCells, Statistics.PopulationContribution.DayOf(now));
        return new PublishedModels(version, now, model, ClusterModelFitter.Fit(points, clusters.Features, clusters, version, now));
    }
}
