using System.Collections.Immutable;

namespace Profiles.Abstractions.Views;

/// <summary>
/// Breakpoints as published: four ascending numbers each for R (days), F (orders) and M (net revenue), the value tier
/// thresholds (A above <see cref="AAbove"/>, B above <see cref="BAbove"/>), the version and the customers they came from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PopulationBreakpointsView
{
    [Id(0)] public required long Version { get; init; }
    [Id(1)] public required ImmutableArray<double> Recency { get; init; }
    [Id(2)] public required ImmutableArray<double> Frequency { get; init; }
    [Id(3)] public required ImmutableArray<double> Monetary { get; init; }
    [Id(4)] public required double AAbove { get; init; }
    [Id(5)] public required double BAbove { get; init; }

    /// <summary>Customers who had ordered when the version was published.</summary>
    [Id(6)] public required long Customers { get; init; }

    /// <summary>When this version was published; null for version 0.</summary>
    [Id(7)] public DateTimeOffset? PublishedAt { get; init; }
}
