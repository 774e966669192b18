using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;
using Profiles.Domain.Classification;
using Profiles.Domain.Statistics;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Statistics;

/// <summary>
/// Merges the silos' deltas into the population totals, stores them, and republishes the breakpoints after every merge:
/// a new version only when a number changed. In Population mode the RFM segment and value tier counts are recomputed
/// from the joint cells and the revenue buckets under the published version, so they reflect it at once, before the
/// customers themselves are rescored on their next touch.
/// </summary>
public sealed class StatisticsGrain(
    [PersistentState("statistics", StorageNames.Profiles)] IPersistentState<StatisticsState> state,
    IOptions<ClassificationOptions> options,
    ProfileClock time) : Grain, IStatisticsGrain
{
    private readonly ClassificationOptions _options = options.Value;

    private StatisticsState State => state.State;

    private bool PopulationMode => _options.Rfm.Breakpoints.Mode == BreakpointMode.Population;

    public async Task MergeAsync(string sender, long sequence, PopulationStatistics delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (State.Senders.TryGetValue(sender, out var last) && last >= sequence) return;
        State.Totals.Merge(delta);
        State.Senders[sender] = sequence;
        Republish();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The merged totals are not stored: reload them rather than serve (and later store) a batch the sender will retry.
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task<PopulationBreakpointsView> GetBreakpointsAsync()
    {
        // Recency breakpoints are days before today: a new day may move them without any event.
        if (Republish()) await state.WriteStateAsync();
        return State.Published ?? new PopulationBreakpointsView
        {
            Version = 0, Recency = [], Frequency = [], Monetary = [], AAbove = 0, BAbove = 0, Customers = 0,
        };
    }

    public Task<ClassCountsView> GetClassCountsAsync()
    {
        var totals = State.Totals;
        var classes = totals.Classes.ToDictionary(d => d.Key, d => (IReadOnlyDictionary<string, long>)d.Value, StringComparer.Ordinal);
        var version = 0L;
        if (PopulationMode && State.Published is { } published)
        {
            version = published.Version;
            var today = PopulationContribution.DayOf(time.GetUtcNow());
            var breakpoints = new RfmBreakpoints(published.Recency, published.Frequency, published.Monetary, published.Version);
            classes[Dimensions.Rfm] = PopulationQuantiles.CountSegments(totals, breakpoints, _options.Rfm.EffectiveSegments, today);
            classes[Dimensions.Value] = PopulationQuantiles.CountTiers(totals, new AbcThresholds(published.AAbove, published.BAbove));
        }
        return Task.FromResult(new ClassCountsView
        {
            Customers = totals.Customers,
            BreakpointsVersion = version,
            Classes = classes.ToImmutableSortedDictionary(
                d => d.Key, d => d.Value.ToImmutableSortedDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
        });
    }

    /// <summary>Recomputes the breakpoints; publishes (and returns true) when they differ from the published ones.</summary>
    private bool Republish()
    {
        var now = time.GetUtcNow();
        var current = State.Published;
        var rfm = PopulationQuantiles.Rfm(State.Totals, PopulationContribution.DayOf(now), (current?.Version ?? 0) + 1);
        if (rfm is null) return false;
        var abc = PopulationQuantiles.Abc(State.Totals) ?? new AbcThresholds(0, 0);
        if (current is not null &&
            current.Recency.SequenceEqual(rfm.Recency) && current.Frequency.SequenceEqual(rfm.Frequency) &&
            current.Monetary.SequenceEqual(rfm.Monetary) && current.AAbove == abc.AAbove && current.BAbove == abc.BAbove)
            return false;
        State.Published = new PopulationBreakpointsView
        {
            Version = rfm.Version,
            Recency = [.. rfm.Recency],
            Frequency = [.. rfm.Frequency],
            Monetary = [.. rfm.Monetary],
            AAbove = abc.AAbove,
            BAbove = abc.BAbove,
            Customers = State.Totals.LastOrderDay.Count,
            PublishedAt = now,
        };
        return true;
    }
}
