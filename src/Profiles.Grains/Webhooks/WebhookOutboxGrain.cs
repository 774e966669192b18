using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Audiences;
using Profiles.Domain.Profiles;
using Profiles.Grains.Hosting;
using Profiles.Grains.CustomSegments;
using Profiles.Grains.Statistics;

namespace Profiles.Grains.Webhooks;

/// <summary>
/// One endpoint's durable outbox: changes are stored before <see cref="EnqueueAsync"/> returns and removed only after
/// the receiver answered 2xx, so a failed request, a crash or a restart leads to a repeat, never a loss (at least
/// once). Batches go out in order; after a failure the next attempt waits an exponential back-off with jitter.
/// </summary>
/// <remarks>
/// Bounded, as one stored row must be: at most <see cref="WebhookOptions.MaxPending"/> changes and
/// <see cref="MaxPendingBytes"/> of them (the oldest dropped beyond, counted). A change already pending is not added again
/// (a caller retrying after a failed or ambiguous write), and a batch the receiver refuses (4xx) is halved until the change
/// it will not take is alone, which is given up on after <see cref="WebhookOptions.MaxRefusals"/> refusals in a row, so one
/// poison change cannot hold back the rest.
/// </remarks>
public sealed partial class WebhookOutboxGrain(
    [PersistentState("webhooks", StorageNames.Profiles)] IPersistentState<WebhookOutboxState> state,
    IOptions<WebhookOptions> options,
    WebhookSender sender,
    ClassifierSource classifiers,
    CustomSegmentCatalogFollower customSegments,
    ProfileClock time,
    ILogger<WebhookOutboxGrain> logger)
    : Grain, IWebhookOutboxGrain
{
    private readonly WebhookOptions _options = options.Value;
    private WebhookEndpointOptions? _endpoint;
    private IGrainTimer? _timer;
    /// <summary>The most one outbox holds, estimated as stored (an Azure Table row holds 983,040 bytes in all).</summary>
    public const int MaxPendingBytes = 640 * 1024;

    private int _failures;
    private int _refusals;
    private int _batchLimit;
    private bool _scheduled;
    private bool _unwritten;
    private long _pendingBytes;
    private readonly HashSet<ClassChange> _pendingSet = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _endpoint = _options.Endpoints.FirstOrDefault(e => e.Key == key);
        _timer = this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan)
        {
            Interleave = false,
            KeepAlive = true,
        });
        foreach (var change in state.State.Pending)
        {
            _pendingSet.Add(change);
            _pendingBytes += SizeOf(change);
        }
        if (state.State.Pending.Count > 0 || Syncing) Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task EnqueueAsync(ImmutableArray<ClassChange> changes)
    {
        if (changes.IsDefaultOrEmpty) return;
        var pending = state.State.Pending;
        var added = 0;
        foreach (var change in changes)
        {
            if (!_pendingSet.Add(change)) continue;
            pending.Add(change);
            _pendingBytes += SizeOf(change);
            added++;
        }
        // Nothing new, and the pending changes are stored: a retried call whose first try got through.
        if (added == 0 && !_unwritten) return;

        var over = 0;
        while (over < pending.Count && (pending.Count - over > _options.MaxPending || _pendingBytes > MaxPendingBytes))
            Forget(pending[over++]);
        if (over > 0)
        {
            pending.RemoveRange(0, over);
            state.State.Dropped += over;
            LogDropped(this.GetPrimaryKeyString(), over);
        }
        _unwritten = true;
        await state.WriteStateAsync();
        _unwritten = false;
        if (!_scheduled) Schedule(TimeSpan.Zero);
    }

    /// <summary>What a change costs stored, at most: its strings as UTF-8 (up to 3 bytes a character) and the fixed fields.</summary>
    private static int SizeOf(ClassChange change) =>
        3 * (change.CustomerId.Length + change.Dimension.Length + (change.OldClass?.Length ?? 0) + change.NewClass.Length +
             (change.MessageId?.Length ?? 0)) + 32;

    private void Forget(ClassChange change)
    {
        _pendingSet.Remove(change);
        _pendingBytes -= SizeOf(change);
    }

    public Task<int> WakeAsync() => Task.FromResult(state.State.Pending.Count);

    public async Task ForgetCustomerAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        // Not reentrant, and the delivery timer does not interleave: no batch is in flight while this runs.
        var pending = state.State.Pending;
        var removed = pending.RemoveAll(c =>
        {
            if (!string.Equals(c.CustomerId, customerId, StringComparison.Ordinal)) return false;
            Forget(c);
            return true;
        });
        if (removed == 0) return;
        if (pending.Count == 0 && state.State.Dropped == 0 && state.State.Sync is null) await state.ClearStateAsync();
        else await state.WriteStateAsync();
    }

    private void Schedule(TimeSpan due)
    {
        _scheduled = true;
        _timer!.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        _scheduled = false;
        if (Syncing && !await SyncStepAsync()) return;
        var pending = state.State.Pending;
        if (pending.Count == 0)
        {
            if (Syncing) Schedule(TimeSpan.Zero);
            return;
        }
        if (_endpoint is null)
        {
            // The endpoint was removed from the configuration: its pending changes have nowhere to go.
            LogEndpointGone(this.GetPrimaryKeyString(), pending.Count);
            await state.ClearStateAsync();
            _pendingSet.Clear();
            _pendingBytes = 0;
            return;
        }

        if (_batchLimit <= 0) _batchLimit = _options.MaxBatchSize;
        var batch = pending.Take(_batchLimit).ToList();
        int? status = null;
        Exception? error = null;
        try
        {
            status = await sender.SendAsync(_endpoint, batch, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error = e;
        }

        // A refusal (4xx) is about the content: the batch is halved until the change the receiver will not take is alone,
        // and that one is given up on once refused MaxRefusals times in a row.
        var refused = status is >= 400 and < 500 and not 408 and not 429;
        if (refused && batch.Count > 1)
        {
            _batchLimit = Math.Max(1, batch.Count / 2);
            _refusals = 0;
        }
        else
        {
            _refusals = refused ? _refusals + 1 : 0;
        }
        if (status is >= 200 and < 300 || _refusals >= _options.MaxRefusals)
        {
            if (_refusals > 0)
            {
                // Refused every time: this batch's content is what the receiver will not take. Given up on, so the rest go.
                state.State.Refused += batch.Count;
                LogBatchRefused(_endpoint.Url, batch.Count, status, _refusals);
            }
            _failures = 0;
            _refusals = 0;
            _batchLimit = _options.MaxBatchSize;
            foreach (var change in batch) Forget(change);
            pending.RemoveRange(0, batch.Count);
            // An endpoint that synced keeps its row: it records that the first sync is done.
            if (pending.Count == 0 && state.State.Sync is null) await state.ClearStateAsync();
            else await state.WriteStateAsync();
            if (pending.Count > 0 || Syncing) Schedule(TimeSpan.Zero);
            return;
        }

        _failures++;
        var delay = Backoff(_failures);
        LogDeliveryFailed(error, _endpoint.Url, batch.Count, status, _failures, delay);
        Schedule(delay);
    }

    /// <summary>Whether this is a Segment-format endpoint whose first sync of current members is not done.</summary>
    private bool Syncing => _endpoint is { Format: WebhookFormat.Segment } && state.State.Sync is not { Done: true };

    /// <summary>
    /// Enters one page of current members in the outbox (as changes into their classes, stamped with their listing) and
    /// stores them with the sync's cursor, in one write; only while the outbox has room, so delivery paces the sync.
    /// Customers hand their changes to the outboxes only once the index holds them, so a page read here never shows a
    /// customer as it was before a change this outbox already holds. False when it failed (tried again after a back-off).
    /// </summary>
    private async Task<bool> SyncStepAsync()
    {
        var sync = state.State.Sync ??= new AudienceSyncState { StartedAt = time.GetUtcNow() };
        var room = Math.Min(_options.MaxPending / 2 - state.State.Pending.Count, (int)((MaxPendingBytes / 2 - _pendingBytes) / 256));
        if (room <= 0) return true;
        try
        {
            // The runtime custom segments are dimensions too: read before the first page (at once, but for a silo just
            // started).
            await customSegments.Ready;
            var known = classifiers.Current.Dimensions;
            var dimensions = _endpoint!.Dimensions.Count == 0
                ? [.. known]
                : _endpoint.Dimensions.Select(d => known.FirstOrDefault(k => string.Equals(k, d, StringComparison.OrdinalIgnoreCase)) ?? d)
                    .Distinct(StringComparer.Ordinal).ToImmutableArray();
            if (dimensions.Length > 0)
            {
                var page = await GrainFactory.GetGrain<IAudienceShardGrain>(sync.Shard).ListAsync(new AudienceQuery
                {
                    After = sync.After, Limit = Math.Clamp(room / dimensions.Length, 1, 500), Dimensions = dimensions,
                });
                foreach (var member in page.Members)
                {
                    var at = new DateTimeOffset(Math.Clamp(member.Stamp, 0, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);
                    for (var i = 0; i < dimensions.Length; i++)
                    {
                        if (member.Classes[i] is not { } value) continue;
                        var change = new ClassChange(member.CustomerId, dimensions[i], null, value, at, null);
                        if (!_endpoint!.Matches(change) || AudienceKeys.Of(change.Dimension, value) is null || !_pendingSet.Add(change)) continue;
                        state.State.Pending.Add(change);
                        _pendingBytes += SizeOf(change);
                        sync.Memberships++;
                    }
                }
                if (page.More)
                {
                    sync.After = page.Members[^1].CustomerId;
                }
                else
                {
                    sync.Shard++;
                    sync.After = null;
                }
            }
            if (dimensions.Length == 0 || sync.Shard >= AudienceShards.Count)
            {
                sync.Done = true;
                sync.After = null;
                LogSynced(this.GetPrimaryKeyString(), sync.Memberships);
            }
            _unwritten = true;
            await state.WriteStateAsync();
            _unwritten = false;
            return true;
        }
        catch (Exception e)
        {
            _failures++;
            var delay = Backoff(_failures);
            LogSyncFailed(e, this.GetPrimaryKeyString(), delay);
            // What this step added is not stored: read back what is, rather than deliver or store it later out of turn.
            DeactivateOnIdle();
            Schedule(delay);
            return false;
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row: doubling, capped, 50–100% jitter.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds,
            _options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Webhook {Url}: delivery of {Count} changes failed (status {Status}, failure {Failures} in a row); retrying in {Delay}")]
    private partial void LogDeliveryFailed(Exception? exception, string url, int count, int? status, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Webhook {Url}: gave up on a batch of {Count} changes the receiver refused (status {Status}) {Refusals} times in a row; delivering the next")]
    private partial void LogBatchRefused(string url, int count, int? status, int refusals);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook outbox {Key} is full: dropped its {Count} oldest changes")]
    private partial void LogDropped(string key, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook outbox {Key}: first sync done, {Memberships} current memberships entered; from now on only changes")]
    private partial void LogSynced(string key, long memberships);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook outbox {Key}: a page of its first sync failed; trying again in {Delay}")]
    private partial void LogSyncFailed(Exception exception, string key, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook outbox {Key} is no longer configured: discarded {Count} pending changes")]
    private partial void LogEndpointGone(string key, int count);
}
