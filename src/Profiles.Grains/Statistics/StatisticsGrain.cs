using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;
using Profiles.Domain.Classification;
using Profiles.Domain.Predictions;
using Profiles.Domain.Statistics;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Statistics;

/// <summary>
/// Merges the silos' deltas into the population totals, stores them, and republishes the breakpoints after every merge:
/// a new version only when a number changed. In Population mode the RFM segment and value tier counts are recomputed
/// from the joint cells and the revenue buckets under the published version, so they reflect it at once, before the
/// customers themselves are rescored on their next touch. Every <c>Profiles:Predictions:RefitInterval</c> it refits the
/// population models and clusters from the totals, off its turn (merges go on meanwhile), and stores them as a new version.
/// </summary>
public sealed partial class StatisticsGrain(
    [PersistentState("statistics", StorageNames.Profiles)] IPersistentState<StatisticsState> state,
    IOptions<ClassificationOptions> options,
    ProfileClock time,
    ILogger<StatisticsGrain> logger) : Grain, IStatisticsGrain
{
    private readonly ClassificationOptions _options = options.Value;

    /// <summary>Writes go one after another: a refit stores its models while merges may be storing totals.</summary>
    private Task _lastWrite = Task.CompletedTask;

    /// <summary>Merges since activation, and how many there were when the last refit read the totals (−1: none yet).</summary>
    private long _merges;
    private long _mergesAtRefit = -1;

    private StatisticsState State => state.State;

    private bool PopulationMode => _options.Rfm.Breakpoints.Mode == BreakpointMode.Population;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = _options.Predictions.RefitInterval;
        // Interleaved: the fit runs on the thread pool, and merges and reads are served while it does.
        this.RegisterGrainTimer(RefitAsync, new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = false });
        return Task.CompletedTask;
    }

    public async Task MergeAsync(string sender, long sequence, PopulationStatistics delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (State.Senders.TryGetValue(sender, out var last) && last >= sequence) return;
        State.Totals.Merge(delta);
        State.Senders[sender] = sequence;
        _merges++;
        Republish();
        try
        {
            await WriteAsync();
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
        if (Republish()) await WriteAsync();
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

    public Task<PublishedModels?> GetModelsAsync(long knownVersion = 0) =>
        Task.FromResult(State.Models is { } models && models.Version != knownVersion ? models : null);

    /// <summary>
    /// Refits the models and clusters to a copy of the totals on the thread pool and stores them as the next version. A
    /// refit that would see nothing new — no merge since the last one and still the same day (T grows with the days) — is
    /// skipped, so an idle cluster keeps its version.
    /// </summary>
    private async Task RefitAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var published = State.Models;
        if (State.Totals.Btyd.IsEmpty && published is null) return;
        if (published is not null && _mergesAtRefit == _merges && PopulationContribution.DayOf(published.FittedAt) == PopulationContribution.DayOf(now)) return;

        var population = new BtydPopulation();
        population.Merge(State.Totals.Btyd);
        var cells = new Dictionary<RfmCell, long>(State.Totals.ClusterCells);
        var merges = _merges;
        var version = (published?.Version ?? 0) + 1;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var models = await Task.Run(() => PublishedModels.Fit(population, cells, now, version, _options.Predictions, _options.Clusters), cancellationToken);
            State.Models = models;
            _mergesAtRefit = merges;
            LogRefitted(logger, version, Stopwatch.GetElapsedTime(started).TotalMilliseconds, models.Population.Purchases.Customers,
                models.Population.Purchases.Status, models.Population.Spend.Status, models.Clusters?.Centroids.Length ?? 0);
            await WriteAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Customers keep the models they have; the next tick tries again.
            LogRefitFailed(logger, e, version);
        }
    }

    /// <summary>Stores the state once every write started before has finished (writes of interleaved turns never overlap).</summary>
    private Task WriteAsync()
    {
        var write = WriteAfterAsync(_lastWrite);
        _lastWrite = write;
        return write;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch
        {
            // That write's own caller handles its failure; this one stores the state as it is now.
        }
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Refitted the population models v{Version} in {Milliseconds:0} ms: BG/NBD over {Customers} customers {PurchaseStatus}, Gamma-Gamma {SpendStatus}, {Clusters} clusters")]
    private static partial void LogRefitted(ILogger logger, long version, double milliseconds, long customers, FitStatus purchaseStatus, FitStatus spendStatus, int clusters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refit the population models v{Version}; the published ones stay")]
    private static partial void LogRefitFailed(ILogger logger, Exception exception, long version);

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
