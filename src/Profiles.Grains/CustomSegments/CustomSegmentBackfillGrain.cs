using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.CustomSegments;
using Profiles.Domain.Audiences;
using Profiles.Grains.Audiences;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.CustomSegments;

/// <summary>
/// A walk over every known customer, through the membership index (every customer listed in any class), never a scan of
/// storage: a page of ids from a shard, each customer reclassified with the runtime custom segments of the walk's catalog
/// version, the cursor stored, the next page. A timer drives it in stretches of about a second, so progress reads are
/// answered meanwhile; a failed page is tried again after a back-off, and a restart resumes from the stored cursor.
/// </summary>
[GrainType("segmentbackfill")] // The grain type of its name before the rename: its stored rows keep their keys.
public sealed partial class CustomSegmentBackfillGrain(
    [PersistentState("walk", StorageNames.Profiles)] IPersistentState<CustomSegmentBackfillState> state,
    IOptions<AudienceOptions> options,
    ProfileClock time,
    ILogger<CustomSegmentBackfillGrain> logger) : Grain, ICustomSegmentBackfillGrain
{
    private static readonly TimeSpan Stretch = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly AudienceOptions _options = options.Value;
    private IGrainTimer? _timer;
    private int _failures;

    private CustomSegmentBackfillState State => state.State;

    /// <inheritdoc />
    public async Task StartAsync(CustomSegmentWalk walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        if (State.Walk is null)
        {
            // Progress is measured against the customers listed now; customers who arrive later are classified on arrival.
            State.Walk = walk;
            State.StartedAt = time.GetUtcNow();
            State.Total = await AudienceReader.CountAsync(GrainFactory, []);
            await state.WriteStateAsync();
        }
        if (State.FinishedAt is not null)
        {
            // Finished, but the catalog may not have heard (its call failed): tell it again.
            await GrainFactory.GetGrain<ICustomSegmentCatalogGrain>(0).WalkDoneAsync(State.Walk.Key);
            return;
        }
        _timer ??= this.RegisterGrainTimer(StepAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    /// <inheritdoc />
    public Task<BackfillProgressView> GetProgressAsync() => Task.FromResult(new BackfillProgressView
    {
        Walked = State.Walked,
        Total = State.Total,
        Done = State.FinishedAt is not null,
        Superseded = State.Superseded,
        StartedAt = State.StartedAt,
        FinishedAt = State.FinishedAt,
        ShardsDone = Math.Min(State.Shard, AudienceShards.Count),
    });

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        var walk = State.Walk!;
        var stretch = Stopwatch.StartNew();
        try
        {
            var catalog = await GrainFactory.GetGrain<ICustomSegmentCatalogGrain>(0).GetAsync();
            if (CustomSegmentCatalogGrain.Supersedes(catalog, walk))
            {
                await FinishAsync(superseded: true);
                return;
            }
            while (State.Shard < AudienceShards.Count && stretch.Elapsed < Stretch && !cancellationToken.IsCancellationRequested)
            {
                var page = await GrainFactory.GetGrain<IAudienceShardGrain>(State.Shard).ListAsync(
                    new AudienceQuery { After = State.After, Limit = _options.BackfillPageSize });
                foreach (var chunk in page.Members.Chunk(_options.BackfillConcurrency))
                {
                    await Task.WhenAll(chunk.Select(m => GrainFactory.GetGrain<ICustomerGrain>(m.CustomerId).ReclassifyAsync(walk.CatalogVersion)));
                }
                State.Walked += page.Members.Length;
                if (page.More)
                {
                    State.After = page.Members[^1].CustomerId;
                }
                else
                {
                    State.Shard++;
                    State.After = null;
                }
                await state.WriteStateAsync();
            }
            _failures = 0;
            if (State.Shard >= AudienceShards.Count) await FinishAsync(superseded: false);
            else _timer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The page is walked again (reclassifying a customer twice changes nothing); storage or a silo may be down.
            _failures++;
            var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(_failures, 10))));
            LogStepFailed(e, walk.Key, delay);
            _timer?.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task FinishAsync(bool superseded)
    {
        State.FinishedAt = time.GetUtcNow();
        State.Superseded = superseded;
        State.After = null;
        await state.WriteStateAsync();
        _timer?.Dispose();
        _timer = null;
        LogFinished(State.Walk!.Key, State.Walked, superseded);
        await GrainFactory.GetGrain<ICustomSegmentCatalogGrain>(0).WalkDoneAsync(State.Walk.Key);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment walk {Walk}: a page failed; trying it again in {Delay}")]
    private partial void LogStepFailed(Exception exception, string walk, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Segment walk {Walk} finished after {Walked} customers (superseded: {Superseded})")]
    private partial void LogFinished(string walk, long walked, bool superseded);
}
