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
/// Adds the silos' deltas to the population totals, stores them, and republishes the breakpoints after every delta:
/// a new version only when a number changed. In Population mode the RFM segment and value tier counts are recomputed
/// from the joint cells and the revenue buckets under the published version, so they reflect it at once, before the
/// customers themselves are rescored on their next touch. Every <c>Profiles:Predictions:RefitInterval</c> it refits the
/// population models and clusters from the totals, off its turn (deltas are added meanwhile), and stores them as a new version.
/// The purchase cells and the clusters' grid are stored packed in rows of their own (<see cref="PackedTotalsState"/>).
/// </summary>
public sealed partial class StatisticsGrain(
    [PersistentState("statistics", StorageNames.Profiles)] IPersistentState<StatisticsState> state,
    [PersistentState("statistics-purchases", StorageNames.Profiles)] IPersistentState<PackedTotalsState> purchases,
    [PersistentState("statistics-clusters", StorageNames.Profiles)] IPersistentState<PackedTotalsState> clusters,
    IOptions<ClassificationOptions> options,
    ProfileClock time,
    ILogger<StatisticsGrain> logger) : Grain, IStatisticsGrain
{
    private readonly ClassificationOptions _options = options.Value;

    /// <summary>Writes go one after another: a refit stores its models while deltas may be storing totals.</summary>
    private Task _lastWrite = Task.CompletedTask;

    /// <summary>Deltas added since activation, and how many there were when the last refit read the totals (−1: none yet).</summary>
    private long _deltasAdded;
    private long _deltasAddedAtRefit = -1;

    private BtydPopulation? _purchases;
    private Dictionary<RfmCell, long>? _clusterCells;

    private StatisticsState State => state.State;

    /// <summary>The population's purchase cells (<see cref="PopulationStatistics.Btyd"/>), unpacked from their row once.</summary>
    private BtydPopulation Purchases => _purchases ??= purchases.State.Packed is { } packed ? BtydPopulation.Unpack(packed) : new BtydPopulation();

    /// <summary>The clusters' grid (<see cref="PopulationStatistics.ClusterCells"/>), unpacked from its row once.</summary>
    private Dictionary<RfmCell, long> ClusterCells => _clusterCells ??= clusters.State.Packed is { } packed ? Domain.Predictions.Clusters.ClusterCells.Unpack(packed) : [];

    private bool PopulationMode => _options.Rfm.Breakpoints.Mode == BreakpointMode.Population;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = _options.Predictions.RefitInterval;
        // Interleaved: the fit runs on the thread pool, and deltas and reads are served while it does.
        this.RegisterGrainTimer(RefitAsync, new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = false });
        return Task.CompletedTask;
    }

    public async Task AddAsync(string sender, long sequence, PopulationStatistics delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        try
        {
            // The parts stored apart first, each once: a batch sent again after a failed write is added where it is missing.
            // Both are added before either is written, so a refit interleaving with the writes sees the purchases and the
            // clusters' grid of the same customers.
            var newPurchases = !delta.Btyd.IsEmpty && IsNew(purchases.State, sender, sequence);
            var newClusters = delta.ClusterCells.Count > 0 && IsNew(clusters.State, sender, sequence);
            if (newPurchases)
            {
                Purchases.Add(delta.Btyd);
                purchases.State.Packed = Purchases.Pack();
                purchases.State.Senders[sender] = sequence;
                _deltasAdded++;
            }
            if (newClusters)
            {
                foreach (var (cell, count) in delta.ClusterCells) PopulationStatistics.AddCount(ClusterCells, cell, count);
                clusters.State.Packed = Domain.Predictions.Clusters.ClusterCells.Pack(ClusterCells);
                clusters.State.Senders[sender] = sequence;
                _deltasAdded++;
            }
            if (newPurchases) await WriteAsync(purchases);
            if (newClusters) await WriteAsync(clusters);
            if (State.Senders.TryGetValue(sender, out var last) && last >= sequence) return;
            State.Totals.Add(delta, modelInputs: false);
            State.Senders[sender] = sequence;
            Republish();
            await WriteAsync(state);
        }
        catch
        {
            // The new totals are not stored: reload them rather than serve (and later store) a batch the sender will retry.
            DeactivateOnIdle();
            throw;
        }
    }

    private static bool IsNew(PackedTotalsState part, string sender, long sequence) =>
        !(part.Senders.TryGetValue(sender, out var last) && last >= sequence);

    public async Task<PopulationBreakpointsView> GetBreakpointsAsync()
    {
        // Recency breakpoints are days before today: a new day may move them without any event.
        if (Republish()) await WriteAsync(state);
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
            classes[Dimensions.Rfm] = PopulationQuantiles.CountRfmSegments(totals, breakpoints, _options.Rfm.EffectiveSegments, today);
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
    /// refit that would see nothing new — no delta since the last one and still the same day (T grows with the days) — is
    /// skipped, so an idle cluster keeps its version.
    /// </summary>
    private async Task RefitAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var published = State.Models;
        if (Purchases.IsEmpty && published is null) return;
        if (published is not null && _deltasAddedAtRefit == _deltasAdded && PopulationContribution.DayOf(published.FittedAt) == PopulationContribution.DayOf(now)) return;

        // Copies: deltas go on changing the totals while the fit runs.
        var population = new BtydPopulation();
        population.Add(Purchases);
        var cells = new Dictionary<RfmCell, long>(ClusterCells);
        var deltasAdded = _deltasAdded;
        var version = (published?.Version ?? 0) + 1;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var models = await Task.Run(() => PublishedModels.Fit(population, cells, now, version, _options.Predictions, _options.Clusters), cancellationToken);
            State.Models = models;
            _deltasAddedAtRefit = deltasAdded;
            LogRefitted(logger, version, Stopwatch.GetElapsedTime(started).TotalMilliseconds, models.Population.Purchases.Customers,
                models.Population.Purchases.Status, models.Population.Spend.Status, models.Clusters?.Centroids.Length ?? 0);
            await WriteAsync(state);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Customers keep the models they have; the next tick tries again.
            LogRefitFailed(logger, e, version);
        }
    }

    /// <summary>Stores <paramref name="row"/> once every write started before has finished (writes of interleaved turns never overlap).</summary>
    private Task WriteAsync<T>(IPersistentState<T> row)
    {
        var write = WriteAfterAsync(_lastWrite, row);
        _lastWrite = write;
        return write;
    }

    private static async Task WriteAfterAsync<T>(Task previous, IPersistentState<T> row)
    {
        try
        {
            await previous;
        }
        catch
        {
            // That write's own caller handles its failure; this one stores the row as it is now.
        }
        await row.WriteStateAsync();
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
