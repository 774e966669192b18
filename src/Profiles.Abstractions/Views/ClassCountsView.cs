using System.Collections.Immutable;

namespace Profiles.Abstractions.Views;

/// <summary>Customers per class in every dimension, the total, and the breakpoint version the counts reflect.</summary>
[GenerateSerializer, Immutable]
public sealed record ClassCountsView
{
    [Id(0)] public required long Customers { get; init; }

    /// <summary>The population breakpoint version (0 in fixed mode or before the first publication).</summary>
    [Id(1)] public required long BreakpointsVersion { get; init; }

    /// <summary>Dimension → class → customers.</summary>
    [Id(2)] public required ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Classes { get; init; }
}
