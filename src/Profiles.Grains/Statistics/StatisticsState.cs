using Profiles.Abstractions.Views;
using Profiles.Domain.Predictions;
using Profiles.Domain.Statistics;

namespace Profiles.Grains.Statistics;

/// <summary>The stored state of the statistics grain: the totals, the last batch applied per sender, the published breakpoints and models.</summary>
[GenerateSerializer]
public sealed class StatisticsState
{
    [Id(0)] public PopulationStatistics Totals { get; set; } = new();

    /// <summary>Sender (one per silo run) → the sequence number of its last batch added.</summary>
    [Id(1)] public Dictionary<string, long> Senders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The breakpoints published last; null before the first publication.</summary>
    [Id(2)] public PopulationBreakpointsView? Published { get; set; }

    /// <summary>The models and clusters refitted last; null before the first refit.</summary>
    [Id(3)] public PublishedModels? Models { get; set; }
}
