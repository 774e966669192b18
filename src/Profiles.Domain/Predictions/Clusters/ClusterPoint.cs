namespace Profiles.Domain.Predictions.Clusters;

/// <summary>
/// <paramref name="Weight"/> customers with the same raw feature values (one per <see cref="ClusterFeature"/> clustered on,
/// in that order): a cell of the population statistics, not one customer, so that a refit never scans every customer.
/// </summary>
public readonly record struct ClusterPoint(double[] Values, long Weight);
