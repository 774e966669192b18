using Profiles.Abstractions.Views;
using Profiles.Domain.Predictions;
using Profiles.Domain.Statistics;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// The cluster-wide population statistics (key 0): adds up the deltas every silo sends, stores the totals and publishes
/// versioned population breakpoints (the version increases only when the breakpoints change) and, at a steady cadence,
/// versioned population models and clusters refitted from the totals.
/// </summary>
public interface IStatisticsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds a silo's delta once: a retry with the same <paramref name="sender"/> and <paramref name="sequence"/> (or an
    /// older sequence) changes nothing. Returns when the new totals are stored.
    /// </summary>
    Task AddAsync(string sender, long sequence, PopulationStatistics delta);

    /// <summary>The latest population breakpoints (version 0 and no breakpoints while nobody ordered).</summary>
    Task<PopulationBreakpointsView> GetBreakpointsAsync();

    /// <summary>Customers per class in every dimension, with the breakpoint version the RFM segment and value counts follow.</summary>
    Task<ClassCountsView> GetClassCountsAsync();

    /// <summary>
    /// The population models and clusters refitted last (the grain refits them every <c>Profiles:Predictions:RefitInterval</c>);
    /// null when none was fitted yet or when their version is <paramref name="knownVersion"/> (what the caller has already).
    /// </summary>
    Task<PublishedModels?> GetModelsAsync(long knownVersion = 0);
}
