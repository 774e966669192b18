namespace Profiles.Domain.Predictions.Clusters;

/// <summary>
/// One discovered cluster: its name in words, its centre in standardised units (<paramref name="Standardised"/>, one per
/// feature) and in the features' own units (<paramref name="Center"/>: days, orders, revenue…), and its customers.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClusterCentroid(
    [property: Id(0)] string Name,
    [property: Id(1)] double[] Standardised,
    [property: Id(2)] double[] Center,
    [property: Id(3)] long Customers);
